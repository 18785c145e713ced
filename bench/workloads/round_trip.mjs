// Suspension round trip inside one long promising call: one call suspends 1,000,000 times.
import { instantiate, report } from "./compat.mjs";
const { run: raw } = instantiate("jspi.wasm", { js: { next: new WebAssembly.Suspending((k) => 1) } });
const run = WebAssembly.promising(raw);
await run(10_000);
const n = 1_000_000;
const start = performance.now();
const result = await run(n);
const ns = ((performance.now() - start) * 1e6) / n;
if (result !== n) throw new Error("wrong result");
report("suspension round trip in one call", ns, "ns/suspension");
