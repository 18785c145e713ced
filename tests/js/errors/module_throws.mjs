// @exit 1
// An exception at the top level of the main module is reported as uncaught (not "in promise").
print("before");
throw new SyntaxError("thrown by hand");
