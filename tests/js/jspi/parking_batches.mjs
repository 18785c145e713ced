// @argv --jspi-resident-stacks 10 $FILE
// With many calls parked, their stacks' pages go back to the OS 64 stacks at a time. A call
// whose batch went out finds every frame again once its stack is restored. A call resumed
// before its batch went out leaves the batch (its pages were never given back): here one such
// call suspends again and is still resident when that batch goes out, so giving back its pages
// then would wipe its live frames. Everything is resumed in an order unrelated to the order of
// suspension.
const waiting = new Map();
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("parking.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve) => waiting.set(id, resolve))) },
});
const twice = WebAssembly.promising(exports.twice);
const depth = (id) => (id % 7 === 0 ? 200 : id % 5);
const expected = (id) => id * 1000 + depth(id) + 1 + (id + 10000) * 1000 + depth(id) + 1;
const wrong = [];
const calls = [];
const start = (from, to) => {
  for (let id = from; id <= to; id++) {
    calls.push(twice(id, depth(id)).then((v) => {
      if (v !== expected(id)) wrong.push(`${id}: ${v}`);
    }));
  }
};
const resume = (id) => { waiting.get(id)(id * 1000); waiting.delete(id); };

// 70 calls suspend; past the 10 resident, 60 are parked, and their batch (64) has not gone out.
start(1, 70);
// Call 60 resumes out of that batch and suspends again, on its second wait.
resume(60);
await Promise.resolve();
await Promise.resolve();
print("call 60 waits again:", waiting.has(10060));
// Ten more calls: the batch fills and goes out while call 60 is among the resident ones.
start(71, 80);
print("in flight:", calls.length, "waits:", waiting.size);
// Everything else, first waits then second ones, in a scrambled order (37 is prime to 80).
for (let round = 0; round < 2; round++) {
  for (let i = 0; i < 80; i++) {
    const id = ((i * 37) % 80) + 1 + round * 10000;
    if (waiting.has(id)) resume(id);
  }
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
await Promise.all(calls);
print("settled:", calls.length, "wrong:", wrong.length ? wrong.join(", ") : "none");
