// ToWebAssemblyValue and ToJSValue: i32 is ToInt32, i64 is a BigInt both ways, f32 rounds,
// NaN survives, externref carries any JS value unchanged, funcref takes only exported Wasm
// functions or null, and several results are an Array.
let pairResult = [40, 2n];
const { exports: x } = new WebAssembly.Instance(new WebAssembly.Module(read("convert.wasm", "binary")), {
  js: { pair: () => pairResult, ext: (v) => v },
});
print("i32:", x.i32(2 ** 32 + 5), x.i32(-1), x.i32(3.9), x.i32("12"), x.i32(true), x.i32(null), x.i32(), x.i32(NaN), x.i32({ valueOf: () => 7 }));
print("i32 wraps:", x.i32(2147483648), x.i32(4294967295));
print("i64:", x.i64(5n), x.i64(-1n), x.i64(2n ** 64n + 1n), x.i64(true), x.i64("9007199254740993"));
for (const bad of [5, undefined, Symbol("s")]) {
  try { x.i64(bad); } catch (e) { print("i64 of", typeof bad, "->", e.name); }
}
print("f32:", x.f32(0.1), x.f32(16777217), x.f32(1e40), x.f32(-0) === 0 && 1 / x.f32(-0), x.f32(NaN));
print("f64:", x.f64(0.1), x.f64("1e3"), x.f64(undefined), Object.is(x.f64(-0), -0));
const obj = { some: "object" };
const sym = Symbol("s");
for (const v of [obj, sym, undefined, 0, "", 12n, x.i32]) {
  print("externref keeps", typeof v, x.ext(v) === v, x.throughJs(v) === v);
}
print("externref null:", x.ext(null), x.extIsNull(null), x.extIsNull(undefined), x.extIsNull(0));
print("funcref:", x.func(x.i32) === x.i32, x.func(null));
for (const bad of [() => 1, {}, undefined, 0]) {
  try { x.func(bad); } catch (e) { print("funcref of", typeof bad, "->", e.name, e.message); }
}
print("multi-value:", JSON.stringify(x.three().map(String)), Array.isArray(x.three()));
print("multi-value import:", x.callPair());
pairResult = new Set([1, 2n]);
print("iterable result:", x.callPair());
for (const bad of [[1], 5, [1, 2, 3]]) {
  pairResult = bad;
  try { x.callPair(); } catch (e) { print("bad multi-value", JSON.stringify(String(bad)), "->", e.name); }
}
try { x.v128(); } catch (e) { print("v128 ->", e.name, e.message); }
