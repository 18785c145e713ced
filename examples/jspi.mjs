// baton examples/jspi.mjs — JSPI: sequential Wasm code calls an async JS function as if it
// were synchronous. Run: baton examples/jspi.mjs
//
// The module (source: examples/jspi.wat) exports `sumOfFetches(n)`, a plain loop that calls the
// import `host.fetchNumber(i)` n times and adds up the results.
const bytes = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 127, 1, 127, 2, 20, 1, 4, 104, 111, 115, 116, 11, 102, 101,
  116, 99, 104, 78, 117, 109, 98, 101, 114, 0, 0, 3, 2, 1, 0, 7, 16, 1, 12, 115, 117, 109, 79, 102, 70, 101,
  116, 99, 104, 101, 115, 0, 1, 10, 39, 1, 37, 1, 2, 127, 2, 64, 3, 64, 32, 1, 32, 0, 79, 13, 1, 32, 2, 32, 1,
  16, 0, 106, 33, 2, 32, 1, 65, 1, 106, 33, 1, 12, 0, 11, 11, 32, 2, 11,
]);

// An asynchronous host function: pretend each number comes from the network.
async function fetchNumber(i) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  console.log(`  fetched ${i * 10}`);
  return i * 10;
}

const { instance } = await WebAssembly.instantiate(bytes, {
  // Suspending: when Wasm calls it, the Wasm stack is suspended until the promise settles.
  host: { fetchNumber: new WebAssembly.Suspending(fetchNumber) },
});

// promising: calling the export returns a Promise; the loop inside runs across the awaits.
const sumOfFetches = WebAssembly.promising(instance.exports.sumOfFetches);
console.log("sum =", await sumOfFetches(4));
