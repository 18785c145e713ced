// Promising-call stacks never take the mappings the rest of the process needs: baton keeps 128 of
// the OS's limit (vm.max_map_count) free, counting the mappings made after it started (here 300
// Wasm memories, two mappings each) when its stacks come near the limit. So with every stack
// taken, the script can still allocate and every call resumes. Needs Linux's default limit.
const mappings = () => read("/proc/self/maps").split("\n").length - 1;
const limit = Number(read("/proc/sys/vm/max_map_count"));
const memories = [];
for (let i = 0; i < 300; i++) memories.push(new WebAssembly.Memory({ initial: 1 }));
const resolvers = [];
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("more_than_node.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve) => resolvers.push([id, resolve]))) },
});
const task = WebAssembly.promising(exports.task);
const N = 34_000;
let refused = 0;
const results = [];
for (let i = 0; i < N; i++) results.push(task(i).catch(() => (refused++, null)));
Promise.resolve().then(() => {
  print(`${N} calls started: more than 32,000 suspended: ${resolvers.length > 32_000}, the rest refused: ${resolvers.length + refused === N && refused > 0}`);
  print("mappings left for the rest of the process: at least 128:", limit - mappings() >= 128);
  const buffers = [];
  for (let i = 0; i < 100; i++) buffers.push(new ArrayBuffer(1 << 20));
  memories.push(new WebAssembly.Memory({ initial: 16 }));
  print("100 buffers of 1 MiB and another memory made:", buffers.length + memories.length);
  for (const [id, resolve] of resolvers) resolve(id * 2);
  return Promise.all(results);
}).then((values) => {
  print("resumed with the right results:", values.every((v, i) => v === null || v === i * 3));
});
