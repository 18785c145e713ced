// @exit 1
// Thrown values that are not Errors print as console.log would show them.
throw "a plain string";
