// Microtasks run after each task, before the next timer; timers run in due order, and timers
// with the same delay in the order they were set.
print("script start");
setTimeout(() => print("timeout 20"), 20);
setTimeout(() => {
  print("timeout 0 (a)");
  Promise.resolve().then(() => print("microtask from timeout a"));
}, 0);
setTimeout(() => print("timeout 0 (b)"), 0);
setTimeout(() => print("timeout 5"), 5);
Promise.resolve().then(() => print("promise 1")).then(() => print("promise 2"));
queueMicrotask(() => print("queueMicrotask"));
(async () => { print("async fn body"); await null; print("after await"); })();
print("script end");
