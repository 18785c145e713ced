// @exit 2
// main returns 2 without suspending (usage error on stderr): the status reaches the process
// through quit(2) from a timer.
load("glue.js");
