// What the workloads need from their host, the same way under baton and node.
const fs = typeof read === "function" ? null : process.getBuiltinModule("fs");

/** A file's bytes. */
export const readBinary = (path) => (fs ? new Uint8Array(fs.readFileSync(path)) : read(path, "binary"));

/** This process's resident memory, in bytes (Linux). */
export function rssBytes() {
  const status = fs ? fs.readFileSync("/proc/self/status", "utf8") : read("/proc/self/status");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

/** One measured figure, as a JSON line the runner reads. */
export const report = (name, value, unit) => console.log(JSON.stringify({ name, value, unit }));

/** The workload's arguments. */
export const args = typeof scriptArgs !== "undefined" ? scriptArgs : process.argv.slice(2);

/** Instantiates `file` (a .wasm beside the workloads) with `imports`. */
export function instantiate(file, imports) {
  const url = new URL(file, import.meta.url);
  return new WebAssembly.Instance(new WebAssembly.Module(readBinary(url.pathname)), imports).exports;
}
