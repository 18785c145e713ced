// Absolute paths and file: URLs name the same module as the relative form.
const viaUrl = await import(new URL("./lib/counter.mjs", import.meta.url).href);
const viaPath = await import(import.meta.dirname + "/lib/counter.mjs");
const viaRelative = await import("./lib/counter.mjs");
print(viaUrl === viaPath, viaPath === viaRelative);
