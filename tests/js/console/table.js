// table draws arrays, objects, Maps and Sets as boxes.
console.table([{ a: 1, b: "Y" }, { a: "Z", b: 2 }]);
console.table([1, "two", { three: 3 }]);
console.table({ row1: { col: 1 }, row2: { col: 2, other: true } });
console.table([[1, 2], [3, 4, 5]]);
console.table([{ a: 1, b: 2 }, { a: 3, c: 4 }], ["a"]);
console.table(new Map([["k1", { v: 1 }], ["k2", "plain"]]));
console.table(new Set(["x", "y"]));
console.table([{ nested: { deep: { deeper: 1 } }, arr: [1, 2, 3, 4, 5] }]);
console.table([{ name: "中文", w: "😀" }]);
console.table("not tabular");
console.table(42);
console.table([]);
console.table({});
