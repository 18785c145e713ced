// @argv
// @stdin 1 + 1\nlet o = { a: 1 }\no.a\n"text"\nundefined\nthrow new Error("keeps going")\n[1,\n 2,\n 3].length\nfunction f() {\n  return "multi-line";\n}\nf()\nsetTimeout(() => print("timer ran"), 5)\nPromise.reject(new Error("rejected in repl"))\nprint("still alive")\n
// With no script, baton reads a REPL from stdin: it prints each result, reports errors without
// exiting, continues incomplete input on the next line, and runs timers before exiting.
