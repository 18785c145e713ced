// @args one --two 3
// scriptArgs and arguments are the arguments after the script, as strings (flags included).
print(JSON.stringify(scriptArgs), JSON.stringify(arguments), scriptArgs === arguments);
