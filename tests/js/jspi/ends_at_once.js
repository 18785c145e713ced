// A promising call whose export returns without suspending still returns a new promise, settled
// as its resolving function settles it (the spec's "resolve promise with result"), as when the
// call suspends first: a returned promise is adopted, not handed back; a thenable's `then` is
// called from a later job; a trap rejects. (Node 26 fulfills with the promise or thenable itself.)
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("ends_at_once.wasm", "binary")), {});
const same = WebAssembly.promising(exports.same);
const answer = WebAssembly.promising(exports.answer);
const trap = WebAssembly.promising(exports.trap);
(async () => {
  const p = Promise.resolve("adopted");
  const q = same(p);
  print("a new promise:", q !== p, q instanceof Promise);
  print("settles with the returned promise's value:", await q);
  const thenable = { then(resolve) { print("then called"); resolve("from then"); } };
  const t = same(thenable);
  print("after the call, before then");
  print("thenable:", await t);
  const plain = { plain: true };
  print("a plain object resolves to itself:", (await same(plain)) === plain);
  print("a number:", await answer());
  const r = trap();
  print("a trap rejects:", r instanceof Promise);
  try { await r; } catch (e) { print(e.name, e.message); }
})();
