// compile/instantiate return promises; every error, including argument errors, rejects the
// promise instead of throwing. instantiate(bytes) gives {module, instance}, instantiate(module)
// the instance.
const bytes = read("basic.wasm", "binary");
const imports = { env: { log: (x) => x } };
const results = [];
const p1 = WebAssembly.compile(bytes).then((m) => results.push(["compile", String(m)]));
const p2 = WebAssembly.instantiate(bytes, imports).then((r) =>
  results.push(["instantiate(bytes)", Object.keys(r).join(), String(r.module), String(r.instance), r.instance.exports.add(1, 2)]));
const p3 = WebAssembly.compile(bytes).then((m) => WebAssembly.instantiate(m, imports)).then((i) =>
  results.push(["instantiate(module)", String(i)]));
const failures = [
  WebAssembly.compile(),
  WebAssembly.compile(new Uint8Array([1, 2, 3])),
  WebAssembly.instantiate(5),
  WebAssembly.instantiate(bytes),
  WebAssembly.instantiate(bytes, { env: { log: 1 } }),
  WebAssembly.instantiate(read("traps.wasm", "binary")).then((r) => r.instance.exports.unreachable()),
].map((p, i) => p.then(() => results.push([i, "resolved?!"]), (e) => results.push(["rejected " + i, e.name])));
print("calls returned:", p1 instanceof Promise, "(nothing printed yet)", results.length);
Promise.all([p1, p2, p3, ...failures]).then(() => results.sort().forEach((r) => print(r.join(" "))));
