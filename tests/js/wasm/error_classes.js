// CompileError, LinkError and RuntimeError are real Error subclasses, like the NativeErrors.
for (const name of ["CompileError", "LinkError", "RuntimeError"]) {
  const C = WebAssembly[name];
  const e = new C("message text", { cause: "the cause" });
  print(name, e instanceof C, e instanceof Error, e instanceof RangeError, Object.prototype.toString.call(e));
  print(" ", e.name, e.message, e.cause, String(e), Object.hasOwn(e, "message"), Object.hasOwn(e, "name"));
  print(" ", Object.getPrototypeOf(C) === Error, Object.getPrototypeOf(C.prototype) === Error.prototype,
        C.prototype.constructor === C, C.name, C.length, C.prototype.name, JSON.stringify(C.prototype.message));
  print(" ", new C().message === "", Object.hasOwn(new C(), "message"), C("called") instanceof C);
  print(" ", typeof e.stack, class extends C {}.prototype instanceof C);
}
