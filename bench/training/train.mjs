// The training run of baton's profile-guided release build (see bench/src/pgo.rs): work of the
// kinds baton's users run, so the compiler learns which paths are hot. Not a benchmark, and on
// purpose not the benchmark's workloads: sequential Wasm reading records through a Suspending
// import whose value comes in every way a JS API delivers one (at once, from an async function,
// after a microtask, after a timer, rejected), several such calls in flight, plain calls both
// ways, module compilation and some ordinary JS.
const wasm = read(new URL("train.wasm", import.meta.url).pathname, "binary");
const module = new WebAssembly.Module(wasm);

// How `fetch` answers, switched per phase.
let answer = (i) => i * 7;
const logged = [];
const host = {
  fetch: new WebAssembly.Suspending((i) => answer(i)),
  fetch_pair: new WebAssembly.Suspending(async (x) => [x / 2, 3]),
  log: (i, sum) => {
    if (logged.length < 64) logged.push(`${i}:${sum}`);
  },
  boxed: (x) => ({ boxed: x }),
};
const { exports } = new WebAssembly.Instance(module, { host });
const readRecords = WebAssembly.promising(exports.read_records);
const pairs = WebAssembly.promising(exports.pairs);
const readOrCount = WebAssembly.promising(exports.read_or_count_failures);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let check = 0;

// Values there at once, one call at a time and with few suspensions each.
for (let i = 0; i < 40_000; i++) check ^= await readRecords(i % 4);
// Values from async functions, and from promises settled by a later microtask.
answer = async (i) => i + 1;
for (let i = 0; i < 5_000; i++) check ^= await readRecords(8);
answer = (i) => new Promise((resolve) => queueMicrotask(() => resolve(i)));
for (let i = 0; i < 5_000; i++) check ^= await readRecords(8);
// Many calls in flight, settled together by a timer.
answer = (i) => sleep(1).then(() => i * 3);
for (let round = 0; round < 20; round++) {
  const calls = [];
  for (let i = 0; i < 500; i++) calls.push(readRecords(2));
  for (const r of await Promise.all(calls)) check ^= r;
}
// Rejections caught in Wasm; multi-value and float results.
answer = (i) => (i % 3 === 0 ? Promise.reject(new Error(`no record ${i}`)) : i);
for (let i = 0; i < 5_000; i++) check += await readOrCount(6);
for (let i = 0; i < 5_000; i++) check += await pairs(4);

// Plain calls, no JSPI.
const memory = new Int32Array(exports.memory.buffer);
for (let i = 0; i < 1024; i++) memory[i] = i;
for (let i = 0; i < 200_000; i++) {
  check += exports.sum(i % 64);
  if (exports.echo(i).boxed !== i) throw new Error("echo");
}

// Compiling and instantiating, again and again.
for (let i = 0; i < 50; i++) new WebAssembly.Instance(new WebAssembly.Module(wasm), { host });

// Ordinary JS: objects, strings, arrays, JSON.
const rows = [];
for (let i = 0; i < 20_000; i++) rows.push({ id: i, name: `row ${i}`, tags: [i % 7, i % 11] });
const text = JSON.stringify(rows);
check += JSON.parse(text).filter((r) => r.tags.includes(3)).map((r) => r.name.length).reduce((a, b) => a + b, 0);

console.log(`trained: ${check} ${logged.length}`);
