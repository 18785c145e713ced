// Plain objects, keys that need quoting, symbol keys, accessors and prototypes.
console.log({});
console.log({ a: 1, b: "two", c: [3], d: { e: 4 } });
console.log({ "needs quotes": 1, "it's": 2, valid_id: 3, $dollar: 4, 123: 5, "1a": 6, __proto__x: 7 });
console.log({ ["__proto__"]: 1 });
console.log({ [Symbol("sym")]: 1, [Symbol()]: 2, [Symbol.iterator]: 3 });
console.log({ get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} });
const hidden = {};
Object.defineProperty(hidden, "secret", { value: 1, enumerable: false });
Object.defineProperty(hidden, "shown", { value: 2, enumerable: true });
console.log(hidden);
console.log(Object.create(null));
const np = Object.create(null);
np.x = 1;
console.log(np);
class Foo { constructor() { this.x = 1; this.y = { z: [1, 2] }; } }
console.log(new Foo());
class Empty {}
console.log(new Empty());
class Bar extends Foo { method() {} }
console.log(new Bar());
function Legacy() { this.a = 1; }
console.log(new Legacy());
const tagged = { [Symbol.toStringTag]: "Own" };
console.log(tagged);
class Tagged { get [Symbol.toStringTag]() { return "Custom"; } }
console.log(new Tagged());
const anon = new (class {})();
console.log(anon);
console.log(Object.create({ inherited: 1 }));
console.log({ nested: { deeper: { deepest: { tooDeep: 1 } } }, arr: [[[["x"]]]] });
console.log({ f: function () {}, g() {}, h: () => {}, k: class {} });
console.log(globalThis.Math === Math ? Math : null);
console.log(JSON);
