// Arrays: holes, extra properties, long arrays, nesting and subclasses.
console.log([]);
console.log([1, 2, 3]);
console.log([1, , 3]);
console.log([, , 1, , , , 2, ,]);
console.log(new Array(5));
const extra = [1, 2];
extra.name = "extra";
extra[-1] = "negative";
console.log(extra);
const onlyExtra = [];
onlyExtra.key = "v";
console.log(onlyExtra);
console.log(Array.from({ length: 101 }, (_, i) => i));
console.log(Array.from({ length: 120 }, (_, i) => "s" + i));
const sparseLong = [];
sparseLong[150] = 1;
console.log(sparseLong);
console.log([[1, [2, [3, [4, [5]]]]]]);
class MyArray extends Array {}
console.log(MyArray.from([1, 2]));
console.log([undefined, null, , NaN]);
const arr = [1, 2, 3];
Object.defineProperty(arr, "hiddenProp", { value: 1, enumerable: false });
console.log(arr);
(function () { console.log(arguments); })(1, "two");
console.log([function named() {}, () => {}]);
