// @args exit
// @exit 4
// After a suspension, main calls exit(4): proc_exit throws ExitStatus from inside the promising
// call, through main's frames; nothing after it runs, and the exit status is 4.
var Module = { postRun: [() => print("postRun")] };
load("glue.js");
