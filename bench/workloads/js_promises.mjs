// The JS engine's own floor under JSPI, without any Wasm: what a promising call and a suspension
// round trip cost at the least, since each is built from the same pieces as these. A promising
// call with no suspension is, to its caller, an async function call that is awaited (a promise,
// its resolving functions, a settlement, the caller's `await`); a round trip is one microtask hop
// between two pieces of code, like an `await` inside an async function.
import { report } from "./compat.mjs";

async function identity(k) { return k; }
async function sum(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += await i;
  return s;
}

const calls = 300_000;
const awaits = 1_000_000;
let check = 0;
for (let i = 0; i < 10_000; i++) check += await identity(1); // warm-up, as in call_overhead
check += await sum(10_000);
let start = performance.now();
for (let i = 0; i < calls; i++) check += await identity(1);
const call = ((performance.now() - start) * 1e6) / calls;
start = performance.now();
check += await sum(awaits);
const hop = ((performance.now() - start) * 1e6) / awaits;
if (check !== 10_000 + 49_995_000 + calls + (awaits * (awaits - 1)) / 2) throw new Error("wrong result");
report("JS only: call and await an async function", call, "ns/call");
report("JS only: an await inside an async function", hop, "ns/await");
