// @exit 1
// A syntax error names the file, line and column; nothing of the script runs.
print("must not run");
let x = 1 +* 2;
