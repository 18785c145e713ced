// import() returns a promise of the namespace; it also works from classic scripts (see
// dynamic_import_classic.js) and rejects for missing modules.
print("before");
const ns = await import("./lib/late.mjs");
print(ns.late, Object.keys(ns));
try {
  await import("./lib/missing.mjs");
} catch (e) {
  print(e.name, e.message);
}
