// JSPI.md: Node 26 aborts the whole process between 32,600 and 32,650 promising calls in flight
// (V8's stacks take two of the 65,530 memory mappings Linux allows a process by default, and it
// aborts when they run out). With the same default limit and no option, baton holds more: every
// one of the first 32,650 calls suspends. Past what the OS limit allows (each stack is two
// mappings), the next calls are refused with a RangeError that says so; every call that
// suspended then resumes with its own result. Needs Linux's default vm.max_map_count.
const HELD = 32_650;
const MORE = 1_000;
const resolvers = [];
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("more_than_node.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve) => resolvers.push([id, resolve]))) },
});
const task = WebAssembly.promising(exports.task);
const refused = [];
const results = [];
for (let i = 0; i < HELD + MORE; i++) results.push(task(i).catch((e) => refused.push(e) && null));
Promise.resolve().then(() => {
  print(`${HELD} calls started, all suspended at once: ${resolvers.length >= HELD}`);
  print(`${MORE} more, some refused: ${refused.length > 0}, every call suspended or refused: ${resolvers.length + refused.length === HELD + MORE}`);
  print(`${refused[0].name}: ${refused[0].message}`);
  for (const [id, resolve] of resolvers) resolve(id * 2);
  return Promise.all(results);
}).then((values) => {
  const wrong = values.filter((v, i) => v !== null && v !== i * 3).length;
  print("resumed with the right results:", wrong === 0);
});
