// dir inspects its argument (strings quoted) and honours inspect options.
console.dir("a string");
console.dir({ a: { b: { c: { d: 1 } } } });
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.dir({ a: { b: { c: { d: { e: 1 } } } } }, { depth: null });
console.dir([1, 2, 3], { showHidden: true });
console.dir(Array.from({ length: 10 }, (_, i) => i), { maxArrayLength: 3 });
console.dir("x".repeat(30), { maxStringLength: 10 });
console.dir({ a: 1, b: 2 }, { breakLength: 5 });
console.dir({ b: 1, a: 2, c: { z: 1, y: 2 } }, { sorted: true });
console.dir({ a: [1, 2], b: { c: 1 } }, { compact: false });
console.dir({ a: [1, 2], b: { c: 1 } }, { compact: true, breakLength: 10 });
console.dir({ get g() { return 42; }, get o() { return { x: 1 }; }, set s(v) {} }, { getters: true });
console.dir(1234567.891, { numericSeparator: true });
console.dir(undefined);
