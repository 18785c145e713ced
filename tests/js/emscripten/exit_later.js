// @args exit-later
// @exit 3
// main returns 3 with an emscripten_set_timeout callback pending. The glue's exit path calls
// quit(3) from a timer right away; the pending callback still runs, then the process exits 3.
load("glue.js");
