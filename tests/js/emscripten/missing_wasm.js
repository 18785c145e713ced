// @exit 1
// When the binary cannot be read, the glue reports it and aborts with a WebAssembly.RuntimeError
// thrown in an async function: an unhandled rejection, exit status 1.
var Module = { locateFile: (path) => "missing-" + path };
load("glue.js");
