// The WebAssembly namespace: a plain object with Symbol.toStringTag, whose members are
// non-enumerable, writable and configurable, with the spec's function lengths and names.
print(typeof WebAssembly, String(WebAssembly), Object.keys(WebAssembly).length);
for (const name of ["Module", "Instance", "Memory", "Table", "Global", "Tag", "Exception", "Suspending", "CompileError",
                    "LinkError", "RuntimeError", "SuspendError", "validate", "compile", "instantiate",
                    "compileStreaming", "instantiateStreaming", "promising"]) {
  const d = Object.getOwnPropertyDescriptor(WebAssembly, name);
  print(name, typeof d.value, d.enumerable, d.writable, d.configurable, d.value.length, d.value.name);
}
const jsTag = Object.getOwnPropertyDescriptor(WebAssembly, "JSTag");
print("JSTag", jsTag.value instanceof WebAssembly.Tag, jsTag.enumerable);
for (const name of ["Module", "Instance", "Memory", "Table", "Global", "Tag", "Exception", "Suspending"]) {
  const proto = WebAssembly[name].prototype;
  print(name, proto[Symbol.toStringTag], Object.prototype.toString.call(proto));
}
