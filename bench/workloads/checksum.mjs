// A memory-heavy loop: fill and checksum 64 MiB of linear memory in Wasm.
import { instantiate, report } from "./compat.mjs";
const { checksum } = instantiate("compute.wasm", { js: { inc: (x) => x } });
const len = 64 * 1024 * 1024;
checksum(1024 * 1024);
const start = performance.now();
const sum = checksum(len);
report("checksum over 64 MiB", performance.now() - start, "ms");
if (sum !== checksum(len)) throw new Error("checksum not deterministic");
