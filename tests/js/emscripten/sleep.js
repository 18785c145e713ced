// @args sleep
// emscripten_sleep is a Suspending import that waits on a real setTimeout: main suspends three
// times (at least 19 ms each by performance.now), a JS timer runs meanwhile, postRun runs as soon
// as main first suspends, and the C stack's data is intact at the end.
var Module = {
  onRuntimeInitialized() {
    setTimeout(() => print("js: a timer ran while main was suspended"), 0);
  },
  postRun: [() => print("postRun: main is suspended, not finished")],
};
load("glue.js");
