// @args interval
// @exit 6
// main returns 6 while an emscripten_set_interval is running. The glue's quit(6) from a timer must
// not stop it: it ticks three times and clears itself, then the process exits with status 6.
load("glue.js");
