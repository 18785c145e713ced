// log, info and debug write to stdout; warn, error and trace to stderr.
console.log("log");
console.info("info", 1);
console.debug("debug", { a: 1 });
console.warn("warn", [1]);
console.error("error %s", "formatted");
console.error(new Error("to stderr").message);
console.dirxml("dirxml", 2);
