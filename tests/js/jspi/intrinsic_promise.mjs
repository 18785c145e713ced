// A Suspending import's result is awaited with the intrinsic promise machinery
// (PromiseResolve(%Promise%, result), then PerformPromiseThen): a script that replaces
// globalThis.Promise or Promise.prototype.then does not change how Wasm resumes. A thenable is
// still followed, since resolving a promise with one calls its `then`.
const NativePromise = Promise;
const nativeThen = Promise.prototype.then;
let thenCalls = 0;
let fakeConstructed = 0;
Promise.prototype.then = function (...args) {
  thenCalls++;
  return nativeThen.apply(this, args);
};
globalThis.Promise = function FakePromise() {
  fakeConstructed++;
  throw new Error("the fake Promise was used");
};
const results = [NativePromise.resolve(10), 5, { then(resolve) { print("thenable's then called"); resolve(7); } }];
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("basic.wasm", "binary")), {
  js: {
    fetchValue: new WebAssembly.Suspending((i) => results[i]),
    log: (sum) => print("wasm logs", sum),
  },
});
const sum = await WebAssembly.promising(exports.run)(3);
print("sum", sum);
print("replaced then called", thenCalls, "times; fake Promise constructed", fakeConstructed, "times");
