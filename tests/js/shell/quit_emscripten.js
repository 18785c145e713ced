// @exit 0
// The shape of Emscripten's shell exit: after main() returns, quit_() schedules quit(status) in a
// timer and throws an ExitStatus; work still pending on the event loop must finish.
function ExitStatus(status) { this.name = "ExitStatus"; this.status = status; }
var quit_ = (status, toThrow) => {
  setTimeout(() => quit(status));
  throw toThrow;
};
// An async operation that is still in flight when main returns.
new Promise(resolve => setTimeout(resolve, 30)).then(() => print("async work finished"));
function callMain() {
  print("main ran");
  try {
    quit_(0, new ExitStatus(0));
  } catch (e) {
    if (!(e instanceof ExitStatus)) throw e;
  }
}
callMain();
