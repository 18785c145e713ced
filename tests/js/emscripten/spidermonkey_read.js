// @args hello
// Where there is no readbuffer (SpiderMonkey's shell), the glue reads the binary with
// read(file, 'binary'), which gives a Uint8Array.
delete globalThis.readbuffer;
print("readbuffer:", typeof readbuffer);
load("glue.js");
