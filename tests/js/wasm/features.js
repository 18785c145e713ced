// The Wasm proposals toolchains emit compile and run: SIMD, tail calls, GC, multi-memory, bulk
// memory, extended constants, sign extension, saturating conversions, exception handling
// (try_table), typed function references.
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("features.wasm", "binary")));
for (const name of ["simd", "tailCall", "gc", "multiMemory", "bulkMemory", "extendedConst", "signExt", "satConvert", "exceptions", "funcRefs"]) {
  print(name, String(exports[name](20n)));
}
const shared = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 4, 1, 3, 1, 2]));
print("threads (shared memory):", JSON.stringify(WebAssembly.Module.exports(shared)), WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 4, 1, 3, 1, 2])));
