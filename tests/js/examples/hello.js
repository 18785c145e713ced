// @argv $DIR/../../../examples/hello.mjs
// The README's first example runs.
