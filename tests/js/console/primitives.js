// Primitive values at the top level and nested, where strings are quoted.
console.log(1, -0, 0, NaN, Infinity, -Infinity, 1.5e-7, 1e21, 0.1 + 0.2);
console.log(123n, -5n, true, false, null, undefined);
console.log(Symbol(), Symbol("desc"), Symbol.iterator, Symbol.for("reg"));
console.log("top-level strings are raw: 'single' \"double\" \n second line");
console.log(["plain", "it's", "it's \"both\"", "it's \"all\" `three`", "a${b}'\"`"]);
console.log(["tab\there", "nl\nhere", "back\\slash", "\x00\x1f\x7f\x9f", "caf\u00e9 \u{1F600}"]);
console.log(["lone \ud800 surrogate", "\udc00 low"]);
console.log([-0, 0, 1n, Symbol("in array")]);
console.log({ s: "str", n: 1, b: true, u: undefined, nl: null, big: 10n, sym: Symbol("x") });
console.log("");
console.log();
console.log([""]);
