// time, timeLog and timeEnd print elapsed milliseconds per label.
console.time();
console.timeLog();
console.timeLog("default", "with", { data: 1 });
console.timeEnd();
console.time("label");
console.timeEnd("label");
console.timeEnd("label");
console.timeLog("missing");
console.time("dup");
console.time("dup");
