// A program in the shape of Emscripten's -fwasm-exceptions -sJSPI output (legacy exception
// handling, translated by baton when compiled) with glue written the way Emscripten's is: an
// async import wrapped in Suspending, main wrapped in promising, C++ exceptions that escape read
// through the exported __cpp_exception tag.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const failure = new Error("the fetch failed");
let wasmExports;

const wasmImports = {
  env: {
    fetch_value: new WebAssembly.Suspending(async (i) => {
      await sleep(1);
      if (i === 7) throw failure;          // a rejection: thrown into Wasm at the call
      return i === 3 ? -1 : i * 10;        // -1 makes the C++ code throw
    }),
    destructor: (frame) => print(`  ~Guard() for frame ${frame}`),
  },
};

function UTF8ToString(ptr) {
  const bytes = new Uint8Array(wasmExports.memory.buffer, ptr);
  return new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)));
}

function getExceptionMessage(e) {
  return UTF8ToString(e.getArg(wasmExports.__cpp_exception, 0));
}

const { instance } = await WebAssembly.instantiate(read("emscripten_shape.wasm", "binary"), wasmImports);
wasmExports = instance.exports;
const _main = WebAssembly.promising(wasmExports.main);

for (const n of [2, 6, 3, 8]) {
  print(`main(${n}):`);
  try {
    print(`  returned ${await _main(n)}`);
  } catch (e) {
    if (e instanceof WebAssembly.Exception && e.is(wasmExports.__cpp_exception)) {
      print(`  uncaught C++ exception: ${getExceptionMessage(e)}`);
    } else {
      print(`  rejected with ${e === failure ? "the very Error the import threw" : e}`);
    }
  }
  print(`  stack pointer ${wasmExports.stackPointer()}`);
}
