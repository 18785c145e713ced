// assert prints "Assertion failed" to stderr only for falsy conditions.
console.assert(true, "never printed");
console.assert(1);
console.assert(false);
console.assert(0, "with %s", "format");
console.assert("", { obj: 1 });
console.assert(null, "a", "b", 3);
console.log("done");
