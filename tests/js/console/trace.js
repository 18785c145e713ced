// trace prints "Trace: <message>" and the current stack to stderr.
function inner() {
  console.trace("from %s", "inner", { x: 1 });
}
inner();
console.trace();
console.log("stdout untouched");
