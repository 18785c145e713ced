// A JS import may call exports of the same instance (and so on, recursively); a JS exception
// thrown by an import unwinds the Wasm frames and reaches the JS caller unchanged.
let instance;
const calls = [];
instance = new WebAssembly.Instance(new WebAssembly.Module(read("reentrancy.wasm", "binary")), {
  js: {
    callback(n) {
      calls.push(n);
      if (n > 0) return instance.exports.outer(n - 1) + instance.exports.inner(10);
      if (n === -1) throw new TypeError("thrown by the import");
      if (n === -2) throw { plain: "object" };
      return 1000;
    },
  },
});
print(instance.exports.outer(3), calls.join(), instance.exports.depth());
try { instance.exports.outer(-1); } catch (e) { print(e.name, e.message, e instanceof TypeError); }
try { instance.exports.outer(-2); } catch (e) { print(JSON.stringify(e)); }
print("still usable:", instance.exports.inner(2));
