// @args stderr
// fd 2 goes through err -> console.error -> printErr, a line at a time (the program writes it in
// two pieces); fd 1 through out -> print.
load("glue.js");
