// A rejection is thrown into Wasm at the import and, uncaught there, rejects the promising call
// with the very same value; a synchronous throw from the Suspending function does the same
// without suspending; traps reject with RuntimeError, stack overflow with RangeError; argument
// conversion errors reject too. None of these throws synchronously, and the instance goes on.
const reason = { not: "an Error" };
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("failures.wasm", "binary")), {
  js: {
    wait: new WebAssembly.Suspending((mode) => {
      if (mode === 0) return Promise.reject(reason);
      if (mode === 2) throw new TypeError("thrown synchronously");
      return new Promise((r) => setTimeout(() => r(mode), 1));
    }),
  },
});
const p = (name, ...args) => WebAssembly.promising(exports[name])(...args);
(async () => {
  for (const [name, args] of [["rejects", []], ["throwsSync", []], ["trapAfter", []], ["overflowAfter", []], ["trapBefore", []], ["i64arg", [1]]]) {
    try {
      await p(name, ...args);
      print(name, "resolved?!");
    } catch (e) {
      print(name, "->", e === reason ? "the same rejection value" : `${e.name}: ${e.message}`);
    }
  }
  print("after all that:", await p("ok"), await p("i64arg", 7n));
})();
