// The JS engine's own floor under a suspension round trip, without any Wasm: a round trip is one
// microtask hop between two pieces of code, like an `await` inside an async function. (The floor
// under a whole promising call, an awaited async function, is measured beside it in
// call_overhead.mjs.)
import { report } from "./compat.mjs";

async function sum(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += await i;
  return s;
}

const awaits = 1_000_000;
let check = await sum(10_000);
const start = performance.now();
check += await sum(awaits);
const hop = ((performance.now() - start) * 1e6) / awaits;
if (check !== 49_995_000 + (awaits * (awaits - 1)) / 2) throw new Error("wrong result");
report("JS only: an await inside an async function", hop, "ns/await");
