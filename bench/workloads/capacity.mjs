// How many promising calls a runtime holds suspended at once with its default options: starts N
// calls that each wait on a promise, reports how many suspended and how many were refused, then
// resumes them all and checks every result. Node 26 aborts the whole process when V8 cannot map
// another stack; baton rejects the calls past its limit with a RangeError and goes on.
import { args, instantiate, report } from "./compat.mjs";
const n = Number(args[0] ?? 40_000);
const resolvers = [];
const { run: raw } = instantiate("jspi.wasm", {
  js: { next: new WebAssembly.Suspending((k) => new Promise((resolve) => resolvers.push(resolve))) },
});
const run = WebAssembly.promising(raw);
let refused = 0;
const calls = new Array(n);
for (let i = 0; i < n; i++) {
  calls[i] = run(1).catch((e) => {
    if (!(e instanceof RangeError)) throw e;
    refused++;
    return null;
  });
}
await null;
const held = resolvers.length;
report("suspended at once", held, "calls");
report("refused", refused, "calls");
if (held + refused !== n) throw new Error(`${held} suspended and ${refused} refused of ${n}`);
for (const resolve of resolvers) resolve(1);
const results = await Promise.all(calls);
const wrong = results.filter((v) => v !== null && v !== 1).length;
if (wrong > 0) throw new Error(`${wrong} wrong results`);
