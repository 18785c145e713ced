// @args args alpha --beta grüße 日本語 an-argument-longer-than-sixteen-bytes
// The program's argv comes from scriptArgs, copied onto the C stack as UTF-8 after
// "./this.program"; the C side reads it back through its own pointers.
load("glue.js");
