// @args hello
// Emscripten's shell environment as glue.js detects it: no window, no worker scope, no process.
// Its output goes print -> console.log -> out, and its hooks run in order: preRun,
// onRuntimeInitialized, main (which does not suspend here), postRun; exit status 0.
var Module = {
  preRun: [() => print("preRun: shell", ENVIRONMENT_IS_SHELL, "web", ENVIRONMENT_IS_WEB,
    "worker", ENVIRONMENT_IS_WORKER, "node", ENVIRONMENT_IS_NODE)],
  onRuntimeInitialized() {
    print("onRuntimeInitialized: console.log is print:", console.log === print,
      "console.error is printErr:", console.error === printErr);
  },
  postRun: [() => print("postRun")],
};
load("glue.js");
