// SuspendError (a real Error subclass, not a RuntimeError) is thrown, before the JS function is
// called, when a Suspending import is reached outside a promising call, across a JS frame, or
// from a start function. The message uses V8's words and names the export, import and blocker.
let called = 0;
const suspending = new WebAssembly.Suspending(async () => { called++; return 1; });
let instance;
instance = new WebAssembly.Instance(new WebAssembly.Module(read("suspend_errors.wasm", "binary")), {
  js: { suspending, plainJs: () => instance.exports.callsSuspending() },
});
const { exports } = instance;
try {
  exports.callsSuspending();
} catch (e) {
  print(e.name, e instanceof WebAssembly.SuspendError, e instanceof Error, e instanceof WebAssembly.RuntimeError);
  print(e.message);
}
WebAssembly.promising(exports.callsJs)().catch((e) => {
  print(e.name);
  print(e.message);
  print("the JS function was never called:", called === 0);
  WebAssembly.promising(exports.callsSuspending)().then((v) => print("through promising it works:", v, "calls:", called));
});
try {
  new WebAssembly.Instance(new WebAssembly.Module(read("start_suspends.wasm", "binary")), { js: { suspending } });
} catch (e) {
  print(e.name);
  print(e.message);
}
const E = WebAssembly.SuspendError;
print(E.name, E.length, Object.getPrototypeOf(E) === Error, String(new E("x")), E("y") instanceof E);
