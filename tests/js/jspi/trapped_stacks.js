// @argv --jspi-max-stacks 24 $FILE
// A promising call that traps leaves its stack behind: wasmtime never runs a continuation again
// after a trap, nor frees its stack before the store goes. baton gives such a stack's memory back
// at once (a stack overflow touches all of it) and counts the stack against --jspi-max-stacks,
// which the RangeError past the limit then explains.
const resolvers = [];
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("trapped_stacks.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending(() => new Promise((resolve) => resolvers.push(resolve))) },
});
const deep = WebAssembly.promising(exports.deep);
const waits = WebAssembly.promising(exports.waits);
const traps = WebAssembly.promising(exports.traps);
const resident = () => Number(/VmRSS:\s+(\d+) kB/.exec(read("/proc/self/status"))[1]) * 1024;
const outcome = (p) => p.then((v) => `returned ${v}`, (e) => `${e.name}: ${e.message}`);

(async () => {
  print(await outcome(traps()));
  // 19 more stacks lost, each to a stack overflow that touched its whole stack.
  const before = resident();
  for (let i = 0; i < 19; i++) {
    const o = await outcome(deep(0));
    if (i === 0) print(o);
  }
  const grown = resident() - before;
  print("19 stack overflows kept less than 2 MB resident:", grown < 2 * 1024 * 1024);
  if (grown >= 2 * 1024 * 1024) print("resident memory grew by", grown, "bytes");
  // 20 stacks lost: 4 more calls fit, the fifth is past the limit.
  const calls = [0, 1, 2, 3, 4].map(() => outcome(waits()));
  print("suspended:", resolvers.length);
  print(await calls[4]);
  resolvers.forEach((resolve, i) => resolve(i));
  for (const call of calls.slice(0, 4)) print(await call);
  // Finished calls give their stacks back for the next calls; a trap loses one more.
  print(await outcome(traps()));
  const more = [0, 1, 2, 3].map(() => outcome(waits()));
  print(await more[3]);
  resolvers.splice(0).slice(4).forEach((resolve) => resolve(7));
  for (const call of more.slice(0, 3)) print(await call);
})();
