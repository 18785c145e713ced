// Suspending behaviour belongs to the imported function itself: it survives a Wasm-to-Wasm link
// (B imports A's export, no JS between), calls through tables and call_ref, and re-exports. A
// re-exported Suspending import called directly from JS throws SuspendError; wrapped with
// promising it resolves to the JS function's awaited result.
const wait = new WebAssembly.Suspending(async (x) => { await new Promise((r) => setTimeout(r, 1)); return x + 1; });
const a = new WebAssembly.Instance(new WebAssembly.Module(read("linked_a.wasm", "binary")), { js: { wait } });
const b = new WebAssembly.Instance(new WebAssembly.Module(read("linked_b.wasm", "binary")), { a: a.exports });
const reexportWait = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 127, 1, 127, 2, 11, 1, 2, 106, 115, 4, 119, 97, 105, 116, 0, 0,
  7, 8, 1, 4, 119, 97, 105, 116, 0, 0,
])), { js: { wait } }).exports.wait;
(async () => {
  for (const name of ["direct", "viaTable", "viaCallRef", "reexported"]) {
    print(name, await WebAssembly.promising(b.exports[name])(10));
  }
  try { reexportWait(1); } catch (e) { print("re-exported Suspending import called directly:", e.name); }
  print("re-exported Suspending import through promising:", await WebAssembly.promising(reexportWait)(41));
})();
