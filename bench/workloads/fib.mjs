// Wasm compute: recursive fib(32).
import { instantiate, report } from "./compat.mjs";
const { fib } = instantiate("jspi.wasm", { js: { next: () => 0 } });
fib(25);
const start = performance.now();
const result = fib(32);
const ms = performance.now() - start;
if (result !== 2178309) throw new Error("wrong fib");
report("fib(32) in Wasm", ms, "ms");
