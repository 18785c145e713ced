// @argv --jspi-max-stacks 1 $FILE
// Stacks are reused: with room for a single stack, a thousand promising calls in a row all run
// on it (each suspends once).
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("many.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending(async (id) => id) },
});
const task = WebAssembly.promising(exports.task);
(async () => {
  let sum = 0;
  for (let i = 0; i < 1000; i++) sum += await task(i);
  print("1000 sequential calls on one stack, sum", sum);
})();
