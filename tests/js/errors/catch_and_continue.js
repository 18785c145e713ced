// Caught errors are ordinary values: name, message, stack with file:line:column.
try {
  undefinedFunction();
} catch (e) {
  print(e instanceof ReferenceError, e.name, e.message);
  print(e.stack.includes("catch_and_continue.js:3:"));
}
