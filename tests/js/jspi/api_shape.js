// The JSPI surface: Suspending needs `new` and a callable (any callable: a Proxy, a function of
// the wrong arity); it is a plain, non-callable object. promising() takes only exported Wasm
// functions and returns a new plain function of length 1 and name "".
print(typeof WebAssembly.Suspending, WebAssembly.Suspending.length, typeof WebAssembly.promising, WebAssembly.promising.length);
for (const f of [() => WebAssembly.Suspending(() => 1), () => new WebAssembly.Suspending(), () => new WebAssembly.Suspending(42), () => new WebAssembly.Suspending({})]) {
  try { f(); print("no error?!"); } catch (e) { print(e.name, e.message); }
}
const s = new WebAssembly.Suspending(new Proxy(function (a, b, c) {}, {}));
print(typeof s, Object.prototype.toString.call(s), s instanceof WebAssembly.Suspending);
try { s(); } catch (e) { print("calling it:", e.name); }
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("basic.wasm", "binary")), {
  js: { fetchValue: s, log() {} },
});
for (const bad of [undefined, () => 1, {}, s, exports]) {
  try { WebAssembly.promising(bad); print("no error?!"); } catch (e) { print(e.name, e.message); }
}
const wrapped = WebAssembly.promising(exports.state);
print(typeof wrapped, wrapped.length, JSON.stringify(wrapped.name), wrapped !== WebAssembly.promising(exports.state), wrapped === exports.state);
const p = wrapped();
print(p instanceof Promise, Object.getPrototypeOf(p) === Promise.prototype);
p.then((v) => print("a call with no suspension still resolves asynchronously:", v));
print("sync code after the call");
try { new wrapped(); } catch (e) { print("new:", e.name); }
const d = Object.getOwnPropertyDescriptor(WebAssembly, "Suspending");
print(d.enumerable, d.writable, d.configurable, WebAssembly.Suspending.prototype[Symbol.toStringTag]);
