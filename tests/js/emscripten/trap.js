// @args trap
// @exit 1
// A trap in main rejects the promising call with a RuntimeError; under JSPI callMain is async, so
// the glue's rethrow ends in an unhandled rejection, reported with the Wasm frame, exit status 1.
load("glue.js");
