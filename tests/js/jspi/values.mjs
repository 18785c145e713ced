// Arguments and results of Suspending imports arrive intact whatever the signature: numbers of
// every type (including several results), references, and more values than fit the runtime's
// mailbox (the two ways values travel; see baton-wasm's jspi.rs). The promising exports' own
// arguments and results travel the same two ways: `mix` and `nine` through the mailbox, `echo`
// through host calls.
const later = (v) => new Promise((resolve) => setTimeout(() => resolve(v), 1));
const imports = {
  js: {
    mix: new WebAssembly.Suspending(async (a, b, c, d) => {
      print("mix got", typeof a, a, b, c, d);
      return later([a / 2n === 0n ? 0.5 : c * 2, a + BigInt(d)]);
    }),
    echo: new WebAssembly.Suspending(async (ref, n) => {
      print("echo got", ref === object ? "the object" : ref, n);
      return later(ref);
    }),
    nine: new WebAssembly.Suspending(async (...args) => {
      print("nine got", args.join(" "));
      return later(args.reduce((a, b) => a + b));
    }),
  },
};
const object = { an: "object" };
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("values.wasm", "binary")), imports);
const mix = WebAssembly.promising(exports.mix);
const echo = WebAssembly.promising(exports.echo);
const nine = WebAssembly.promising(exports.nine);
print("mix returned", (await mix(2n ** 40n, 1.5, -0.25, -3)).join(" "));
print("mix returned", (await mix(-(2n ** 63n), Math.fround(0.1), Infinity, 2147483647)).join(" "));
print("echo returned", (await echo(object)) === object ? "the object" : "something else");
print("echo returned", await echo("a string"));
print("nine returned", await nine());
