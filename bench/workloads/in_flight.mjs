// N promising calls suspended at once on one instance: resident memory per call, time to create
// them, time to resume them all; then the same again, once the first wave has finished. Every
// result is checked.
import { args, instantiate, report, rssBytes } from "./compat.mjs";
const n = Number(args[0] ?? 10_000);
const resolvers = [];
const { run: raw } = instantiate("jspi.wasm", {
  js: { next: new WebAssembly.Suspending((k) => new Promise((resolve) => resolvers.push(resolve))) },
});
const run = WebAssembly.promising(raw);
// Warm up the machinery (and the stack pool, as a long-running program would have it) with a
// few calls, so the figures are about calls in flight rather than first-use costs.
for (let i = 0; i < 100; i++) { const p = run(1); resolvers.pop()(1); await p; }
globalThis.gc?.();

// Two waves of n calls. In the first every call needs a stack of its own, which baton creates
// (wasmtime maps each continuation's stack); by the second, the stacks of the first wave's
// finished calls wait in baton's pool, as in any long-running program that had that many calls
// in flight before, and V8 has whatever it keeps of its own.
async function wave(label, measureMemory) {
  resolvers.length = 0;
  const before = rssBytes();
  const start = performance.now();
  const calls = new Array(n);
  for (let i = 0; i < n; i++) calls[i] = run(1);
  const created = performance.now();
  const after = rssBytes();
  if (resolvers.length !== n) throw new Error(`only ${resolvers.length} of ${n} calls suspended`);
  report(`${label}: create`, ((created - start) * 1e6) / n, "ns/call");
  if (measureMemory) report(`${label}: resident memory`, (after - before) / n, "bytes/call");
  const resumeStart = performance.now();
  resolvers.forEach((resolve, i) => resolve(i));
  const results = await Promise.all(calls);
  const resumed = performance.now();
  for (let i = 0; i < n; i++) if (results[i] !== i) throw new Error(`call ${i} returned ${results[i]}`);
  report(`${label}: resume all`, ((resumed - resumeStart) * 1e6) / n, "ns/call");
}
await wave(`${n} in flight`, true);
await wave(`${n} in flight again`, false);
