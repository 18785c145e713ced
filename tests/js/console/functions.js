// Functions, classes, async and generator functions, and functions with properties.
function named() {}
console.log(named, function () {}, () => {}, (() => () => {})());
class A {}
class B extends A {}
console.log(A, B, class {}, class extends B {});
async function af() {}
function* gen() {}
async function* agen() {}
console.log(af, gen, agen, async () => {});
const withProps = function wp() {};
withProps.extra = 1;
console.log(withProps);
class Static { static prop = "s"; }
console.log(Static);
console.log(Math.max, Array.prototype.push, Function.prototype);
const bound = named.bind(null);
console.log(bound);
const renamed = function () {};
Object.defineProperty(renamed, "name", { value: "" });
console.log(renamed);
console.log({ method() {}, async am() {}, *gm() {}, ["computed" + 1]() {} });
const nullProto = function np() {};
Object.setPrototypeOf(nullProto, null);
console.log(nullProto);
