// .js files are classic sloppy-mode scripts: `this` is the global object, with works, and
// top-level var/function declarations become global properties.
var g = 1;
function h() { return this === globalThis; }
with ({ inside: "with works" }) print(inside);
print(this === globalThis, globalThis.g, h(), typeof globalThis.h);
undeclared = "sloppy assignment";
print(globalThis.undeclared);
