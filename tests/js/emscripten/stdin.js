// @args cat
// @stdin first line\nsecond: ünïcödé\n\na line long enough that the program's 100-byte reads need more than one call to get through all of it, which they do\nlast line, no newline
// C reads stdin with fd_read; the glue's TTY takes characters from readline() a line at a time
// (adding the newline readline removed, also after the last line) and reports the end of input
// when readline returns null.
load("glue.js");
