// Every WebAssembly constructor throws a TypeError when called without `new` (WebIDL), except the
// error classes, which behave like the built-in NativeErrors.
for (const name of ["Module", "Instance", "Memory", "Table", "Global"]) {
  try {
    WebAssembly[name]();
    print(name, "no error");
  } catch (e) {
    print(name, e.name);
  }
}
print(WebAssembly.CompileError("x") instanceof WebAssembly.CompileError);
