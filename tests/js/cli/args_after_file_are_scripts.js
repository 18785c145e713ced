// @args --help --version -x
// Flags after the script name belong to the script.
print(JSON.stringify(scriptArgs));
