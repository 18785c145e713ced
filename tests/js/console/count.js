// count and countReset keep per-label counters.
console.count();
console.count();
console.count("label");
console.count("label");
console.countReset("label");
console.count("label");
console.count(undefined);
console.count(null);
console.count({});
console.countReset();
console.count();
