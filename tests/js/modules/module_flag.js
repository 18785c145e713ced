// @argv --module $FILE
// --module runs a .js file as an ES module (strict mode, import.meta, top-level await).
const strict = (function () { return this === undefined; })();
print(strict, typeof import.meta.url, await Promise.resolve("tla works"));
