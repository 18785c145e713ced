// @argv --jspi-max-stacks 1 $FILE
// A rejection, or a synchronous throw, is thrown into Wasm at the import's call site as a Wasm
// exception that Wasm can catch (catch_all); uncaught, the promising call rejects with the very
// same value. An export that throws does not lose its stack: with room for a single stack, call
// after failing call still runs.
const reason = new Error("rejected on purpose");
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("catching.wasm", "binary")), {
  js: {
    mayFail: new WebAssembly.Suspending(async (x) => {
      await null;
      if (x === 0) throw reason;
      return x * 2;
    }),
  },
});
const guarded = WebAssembly.promising(exports.guarded);
const unguarded = WebAssembly.promising(exports.unguarded);
const throwsOwn = WebAssembly.promising(exports.throwsOwn);
(async () => {
  print("caught in Wasm:", await guarded(0), "; not thrown:", await guarded(21));
  for (let i = 0; i < 100; i++) {
    try {
      await unguarded(0);
    } catch (e) {
      if (e !== reason) print("a different value came out!");
    }
  }
  print("100 rejections escaped with the same value; then:", await unguarded(5));
  for (let i = 0; i < 10; i++) await throwsOwn().catch(() => {});
  print("10 Wasm exceptions escaped; then:", await unguarded(6));
  try { exports.throwsOwn(); } catch (e) { print("a Wasm exception escaping a plain call:", e instanceof WebAssembly.Exception); }
})();
