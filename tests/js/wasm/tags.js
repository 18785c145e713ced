// WebAssembly.Tag: created from JS with parameter types, imported by and exported from
// instances as the same object. WebAssembly.JSTag is the tag JS exceptions travel with: a module
// that imports it can `catch $JSTag` and gets the thrown JS value itself.
const tag = new WebAssembly.Tag({ parameters: ["i32"] });
const thrown = { the: "thrown value" };
const imports = { js: { tag, jstag: WebAssembly.JSTag, thrower() { throw thrown; } } };
const module = new WebAssembly.Module(read("tags.wasm", "binary"));
const { exports } = new WebAssembly.Instance(module, imports);
print(String(tag), tag instanceof WebAssembly.Tag, WebAssembly.JSTag instanceof WebAssembly.Tag);
print("imported tag re-exported is the same object:", exports.imported === tag);
print("exported tag is one object:", exports.own === exports.own, exports.own instanceof WebAssembly.Tag);
const second = new WebAssembly.Instance(module, imports).exports;
print("another instance's own tag is another tag:", second.own !== exports.own);
print("catch $JSTag gets the JS value itself:", exports.catchJsValue() === thrown);
print("throw and catch with an imported tag:", exports.roundTrip(7));
for (const bad of [undefined, {}, { parameters: 5 }, { parameters: ["i33"] }]) {
  try { new WebAssembly.Tag(bad); } catch (e) { print(JSON.stringify(bad), "->", e.name, e.message); }
}
try { WebAssembly.Tag({ parameters: [] }); } catch (e) { print("without new ->", e.name); }
try {
  new WebAssembly.Instance(module, { js: { ...imports.js, tag: 1 } });
} catch (e) {
  print(e.name, e.message);
}
try {
  new WebAssembly.Instance(module, { js: { ...imports.js, tag: new WebAssembly.Tag({ parameters: ["f32"] }) } });
} catch (e) {
  print("tag of another type ->", e.name);
}
