// @exit 1
// An exception thrown by a queueMicrotask callback is an uncaught exception: later tasks don't run.
queueMicrotask(() => { throw new TypeError("from a microtask"); });
setTimeout(() => print("must not run"), 1);
