// Promising call overhead: sequential `await run(k)` for k = 0, 1 and 10 suspensions. The
// Suspending function returns a plain value, so each suspension is a full round trip through a
// promise reaction.
import { instantiate, report } from "./compat.mjs";
const { run: raw } = instantiate("jspi.wasm", { js: { next: new WebAssembly.Suspending((k) => k) } });
const run = WebAssembly.promising(raw);
for (const k of [0, 1, 10]) {
  const calls = k === 10 ? 100_000 : 300_000;
  let check = 0;
  for (let i = 0; i < 10_000; i++) check += await run(k); // warm-up, as any long-running program gets
  const start = performance.now();
  for (let i = 0; i < calls; i++) check += await run(k);
  const ns = ((performance.now() - start) * 1e6) / calls;
  if (check !== (k * (k + 1)) / 2 * (calls + 10_000)) throw new Error(`wrong result for k=${k}`);
  report(`promising call, ${k} suspensions`, ns, "ns/call");
}
