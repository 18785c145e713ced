// "Read the imports": a missing import object or namespace is a TypeError; a missing or
// mismatched import is a LinkError naming the module and field.
const module = new WebAssembly.Module(read("basic.wasm", "binary"));
const attempts = {
  "no import object": undefined,
  "import object is a number": 42,
  "namespace missing": {},
  "namespace not an object": { env: 1 },
  "function missing": { env: {} },
  "function not callable": { env: { log: 42 } },
  "wrong signature (Wasm function)": { env: { log: new WebAssembly.Instance(new WebAssembly.Module(read("basic.wasm", "binary")), { env: { log() {} } }).exports.add } },
};
for (const [what, imports] of Object.entries(attempts)) {
  try {
    new WebAssembly.Instance(module, imports);
    print(what, "-> instantiated?!");
  } catch (e) {
    print(what, "->", e.name, e.message);
  }
}
try { new WebAssembly.Instance({}, {}); } catch (e) { print(e.name, e.message); }
