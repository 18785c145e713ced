// Promising call overhead: sequential `await run(k)` for k = 0, 1 and 10 suspensions. The
// Suspending function returns a plain value, so each suspension is a full round trip through a
// promise reaction.
//
// Beside each, the JS engine's own floor, measured in the same process right after it: the same
// loop over an `async` function with k `await`s of plain values. To its caller, a promising call
// is exactly such a function: a promise with its two resolving functions, k microtask hops, a
// settlement, the caller's `await`. With no suspension, the least any promising call costs the JS
// engine is a native function returning a settled promise, awaited: `Promise.resolve(v)`.
import { instantiate, report } from "./compat.mjs";
const { run: raw } = instantiate("jspi.wasm", { js: { next: new WebAssembly.Suspending((k) => k) } });
const run = WebAssembly.promising(raw);
async function runJs(k) {
  let acc = 0;
  for (let i = k; i > 0; i--) acc += await i;
  return acc;
}

async function measure(name, f, k) {
  const calls = k === 10 ? 100_000 : 300_000;
  let check = 0;
  for (let i = 0; i < 10_000; i++) check += await f(k); // warm-up, as any long-running program gets
  const start = performance.now();
  for (let i = 0; i < calls; i++) check += await f(k);
  const ns = ((performance.now() - start) * 1e6) / calls;
  if (check !== (k * (k + 1)) / 2 * (calls + 10_000)) throw new Error(`wrong result for ${name}`);
  report(name, ns, "ns/call");
}

const s = (k) => (k === 1 ? "" : "s");
for (const k of [0, 1, 10]) {
  await measure(`promising call, ${k} suspension${s(k)}`, run, k);
  await measure(`JS only: async function, ${k} await${s(k)}`, runJs, k);
  if (k === 0) await measure("JS only: await Promise.resolve(v)", (v) => Promise.resolve(v), k);
}
