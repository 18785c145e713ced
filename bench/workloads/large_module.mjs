// Instantiating a large generated module (large.wasm, made by the runner): compile + instantiate.
import { readBinary, report } from "./compat.mjs";
const bytes = readBinary(new URL("large.wasm", import.meta.url).pathname);
const start = performance.now();
const module = new WebAssembly.Module(bytes);
const instance = new WebAssembly.Instance(module, {});
report("compile + instantiate a 5,000-function module", performance.now() - start, "ms");
if (instance.exports.f4999(1) !== 5001) throw new Error("wrong result");
