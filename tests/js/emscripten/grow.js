// @args grow
// After a suspension, main grows the memory through emscripten_resize_heap (Memory.grow from
// JS); the glue's fresh views of the new buffer reach the pages that were added.
load("glue.js");
