// new WebAssembly.Module compiles synchronously; the statics reflect imports, exports and custom
// sections, and check that their argument really is a Module.
const m = new WebAssembly.Module(read("basic.wasm", "binary"));
print(String(m), m instanceof WebAssembly.Module);
print(JSON.stringify(WebAssembly.Module.imports(m)));
print(JSON.stringify(WebAssembly.Module.exports(m)));
const sections = WebAssembly.Module.customSections(m, "name-of-the-game");
print(sections.length, Object.prototype.toString.call(sections[0]), String.fromCharCode(...new Uint8Array(sections[0])));
print(WebAssembly.Module.customSections(m, "absent").length);
for (const f of [() => WebAssembly.Module.exports({}), () => WebAssembly.Module.imports(),
                 () => WebAssembly.Module.customSections(m), () => WebAssembly.Module.exports(new WebAssembly.Memory({ initial: 0 }))]) {
  try { f(); } catch (e) { print(e.name, e.message); }
}
