// N promising calls suspended at once on one instance: resident memory per call, time to create
// them, time to resume them all; every result is checked.
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
const before = rssBytes();
const start = performance.now();
const calls = new Array(n);
for (let i = 0; i < n; i++) calls[i] = run(1);
const created = performance.now();
const after = rssBytes();
if (resolvers.length !== n) throw new Error(`only ${resolvers.length} of ${n} calls suspended`);
report(`${n} in flight: create`, ((created - start) * 1e6) / n, "ns/call");
report(`${n} in flight: resident memory`, (after - before) / n, "bytes/call");
const resumeStart = performance.now();
resolvers.forEach((resolve, i) => resolve(i));
const results = await Promise.all(calls);
const resumed = performance.now();
for (let i = 0; i < n; i++) if (results[i] !== i) throw new Error(`call ${i} returned ${results[i]}`);
report(`${n} in flight: resume all`, ((resumed - resumeStart) * 1e6) / n, "ns/call");
