// @argv --jspi-resident-stacks 0 --trace-jspi $FILE
// A promising call whose import starts another promising call: while the import runs, the first
// call's worker counts as suspended, so with no stack allowed to stay resident the second call's
// suspension parks it, and it is restored before it goes on when the import returns.
const basic = new WebAssembly.Module(read("basic.wasm", "binary"));
const inner = [];

function instantiate(log) {
  const { exports } = new WebAssembly.Instance(basic, {
    js: { fetchValue: new WebAssembly.Suspending(async (i) => i + 1), log },
  });
  return WebAssembly.promising(exports.run);
}

const second = instantiate((sum) => print("second logs", sum));
const first = instantiate((sum) => {
  print("first logs", sum);
  if (sum === 1) inner.push(second(2));
});
print("first resolved with", await first(3));
print("second resolved with", await inner[0]);
