// print/printErr/write join String(arg) with spaces, like d8.
print("a", 1, null, undefined, { toString() { return "obj"; } }, [1, 2]);
print();
printErr("to", "stderr");
write("no newline;");
write(" still", "same line\n");
