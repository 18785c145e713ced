// The WebAssembly namespace: a plain object with Symbol.toStringTag, whose members are
// non-enumerable, writable and configurable, with the spec's function lengths and names.
print(typeof WebAssembly, String(WebAssembly), Object.keys(WebAssembly).length);
for (const name of ["Module", "Instance", "Memory", "Table", "Global", "CompileError", "LinkError",
                    "RuntimeError", "validate", "compile", "instantiate"]) {
  const d = Object.getOwnPropertyDescriptor(WebAssembly, name);
  print(name, typeof d.value, d.enumerable, d.writable, d.configurable, d.value.length, d.value.name);
}
for (const name of ["Module", "Instance", "Memory", "Table", "Global"]) {
  const proto = WebAssembly[name].prototype;
  print(name, proto[Symbol.toStringTag], Object.prototype.toString.call(proto));
}
