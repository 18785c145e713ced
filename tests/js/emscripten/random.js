// @args random
// random_get fills Wasm memory through crypto.getRandomValues on a view of it: two 1024-byte
// draws differ and each is spread over many byte values.
load("glue.js");
