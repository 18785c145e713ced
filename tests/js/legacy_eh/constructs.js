// Every legacy exception-handling construct gives the same results as its hand-written
// standard-form twin: constructs.wat (legacy, translated by baton when compiled) and
// constructs_standard.wat (try_table / throw_ref). Each line shows one call's result.
const values = [new RangeError("from JS"), "a string", undefined, { an: "object" }];
const imports = {
  js: {
    tag: WebAssembly.JSTag,
    thrower(i) { if (i >= 0) throw values[i]; },
  },
};
const legacy = new WebAssembly.Instance(new WebAssembly.Module(read("constructs.wasm", "binary")), imports);
const standard = new WebAssembly.Instance(new WebAssembly.Module(read("constructs_standard.wasm", "binary")), imports);

function outcome(instance, name, arg) {
  try {
    const result = instance.exports[name](arg);
    return Array.isArray(result) ? `[${result.join(", ")}]` : String(result);
  } catch (e) {
    if (e instanceof WebAssembly.Exception) {
      return e.is(instance.exports.e) ? `threw e(${e.getArg(instance.exports.e, 0)})` : "threw another tag";
    }
    const i = values.indexOf(e);
    return i >= 0 ? `threw JS value #${i}` : `threw ${e}`;
  }
}

const calls = [
  ["catchTag", 0], ["catchTag", 4],
  ["clauses", 0], ["clauses", 1], ["clauses", 2], ["clauses", 3],
  ["multiValue", 2], ["multiValue", 9],
  ["rethrowOuter", 7], ["rethrowAll", 8],
  ["delegateOuter", 11], ["delegateSkip", 12],
  ["delegateCaller", 13], ["callsDelegateCaller", 14],
  ["delegateInHandler", 15],
  ["branches", 0], ["branches", 16],
  ["retry", 0], ["retry", 5],
  ["jsCatchAll", -1], ["jsCatchAll", 0],
  ["jsValue", -1], ["jsValue", 1], ["jsValue", 3],
  ["jsRethrow", 0], ["jsRethrow", 2], ["jsRethrow", 3],
];
for (const [name, arg] of calls) {
  const got = outcome(legacy, name, arg);
  const want = outcome(standard, name, arg);
  print(`${name}(${arg}) = ${got}${got === want ? "" : `, but the standard form gives ${want}`}`);
}
const object = legacy.exports.jsValue(3);
print("the JS tag's payload is the thrown value itself:", object === values[3]);
