// Map, Set, WeakMap, WeakSet and their nesting.
console.log(new Map(), new Set());
console.log(new Map([["a", 1], [{ k: 1 }, [2]]]));
console.log(new Set([1, "two", { three: 3 }]));
console.log(new Map([[new Map([[1, 2]]), new Set([new Set([1])])]]));
console.log({ deep: { deeper: { m: new Map([[1, 2]]), s: new Set([1]) } } });
console.log(new WeakMap(), new WeakSet([{}]));
const withProps = new Map([[1, 1]]);
withProps.extra = true;
console.log(withProps);
class MyMap extends Map {}
console.log(new MyMap([["x", 1]]));
console.log(new Set(Array.from({ length: 102 }, (_, i) => i)));
console.log(new Map(Array.from({ length: 30 }, (_, i) => ["key" + i, i])));
