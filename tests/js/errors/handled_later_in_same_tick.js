// A rejection handled before the checkpoint ends is not reported.
const p = Promise.reject(new Error("handled"));
queueMicrotask(() => p.catch(e => print("caught:", e.message)));
