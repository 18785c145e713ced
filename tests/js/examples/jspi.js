// @argv $DIR/../../../examples/jspi.mjs
// The README's JSPI example runs.
