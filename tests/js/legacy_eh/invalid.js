// Invalid legacy exception-handling code is a CompileError naming the problem and its byte
// offset (synchronously and asynchronously), and WebAssembly.validate says false; valid legacy
// code validates.
for (const name of ["invalid_rethrow", "invalid_delegate", "invalid_handler"]) {
  const bytes = read(`${name}.wasm`, "binary");
  print(`${name}: validate ${WebAssembly.validate(bytes)}`);
  try {
    new WebAssembly.Module(bytes);
  } catch (e) {
    print(`  ${e.name}: ${e.message}`);
  }
  WebAssembly.compile(bytes).catch((e) => print(`  ${name} async: ${e.constructor === WebAssembly.CompileError}`));
}
print(`constructs: validate ${WebAssembly.validate(read("constructs.wasm", "binary"))}`);
