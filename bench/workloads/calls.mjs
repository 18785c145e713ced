// JS -> Wasm and Wasm -> JS call overhead: 1,000,000 calls each.
import { instantiate, report } from "./compat.mjs";
const { add, callJs } = instantiate("compute.wasm", { js: { inc: (x) => x + 1 } });
const n = 1_000_000;
let acc = 0;
for (let i = 0; i < 10_000; i++) acc = add(acc, 1);
let start = performance.now();
for (let i = 0; i < n; i++) acc = add(acc, 1);
report("JS -> Wasm call", ((performance.now() - start) * 1e6) / n, "ns/call");
if (acc !== n + 10_000) throw new Error("wrong sum");
callJs(10_000);
start = performance.now();
const r = callJs(n);
report("Wasm -> JS call", ((performance.now() - start) * 1e6) / n, "ns/call");
if (r !== n) throw new Error("wrong count");
