// load() runs a classic script in the global scope (its top-level vars become globals).
var before = "set by load.js";
load("data/loaded.js");
print(loadedValue, typeof loadedFunction, loadedFunction());
try { load("data/nope.js"); } catch (e) { print(e.name, e.message.replace(/:.*/, ":...")); }
