// @exit 1
// A promise rejected with no handler by the end of the microtask checkpoint is reported and
// ends the process with exit code 1.
Promise.reject(new Error("nobody handles this"));
setTimeout(() => print("must not run"), 1);
