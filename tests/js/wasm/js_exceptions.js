// A JS exception thrown by an import crosses Wasm as a Wasm exception: Wasm can catch it
// (catch_all), rethrow it (throw_ref), and when it escapes to JS the very same value arrives,
// whatever it is (an Error, a string, undefined, null, an object).
const values = [new TypeError("an error"), "a string", undefined, null, 42, { an: "object" }];
let current;
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("js_exceptions.wasm", "binary")), {
  js: { thrower(i) { if (i >= 0) { current = values[i]; throw current; } } },
});
print("caught in Wasm:", exports.catchAll(0), "; nothing thrown:", exports.catchAll(-1));
values.forEach((v, i) => {
  for (const name of ["passThrough", "rethrow"]) {
    try {
      exports[name](i);
      print(name, "returned?!");
    } catch (e) {
      print(name, i, e === v || (e !== e && v !== v) ? "same value" : "DIFFERENT");
    }
  }
});
