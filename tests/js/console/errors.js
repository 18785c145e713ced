// Errors print their stack; extra own properties and causes follow in braces.
function thrower() { return new Error("boom"); }
console.log(thrower());
console.log(new TypeError("bad type"));
console.log(new RangeError(""));
const withProps = new Error("props");
withProps.code = "E_CODE";
withProps.detail = { a: 1 };
console.log(withProps);
console.log(new Error("outer", { cause: new Error("inner") }));
console.log(new Error("primitive cause", { cause: "just a string" }));
class MyError extends Error {}
console.log(new MyError("custom class"));
class NamedError extends Error { constructor(m) { super(m); this.name = "NamedError"; } }
console.log(new NamedError("named"));
console.log({ nested: new Error("in object") });
console.log([new Error("in array")]);
const noStack = new Error("no stack");
Object.defineProperty(noStack, "stack", { value: undefined });
console.log(noStack);
const customStack = new Error("custom");
customStack.stack = "custom stack text";
console.log(customStack);
console.log(new AggregateError([new Error("a"), 1], "many"));
const multi = new Error("line one\nline two");
console.log(multi);
