// fetch of a file that does not exist rejects (it does not throw) with a TypeError that names
// the file and the reason.
let threw = false;
let promise;
try {
  promise = fetch("data/missing.txt");
} catch {
  threw = true;
}
print("threw synchronously:", threw);
promise.then(
  () => print("resolved?!"),
  (e) => print(e instanceof TypeError, e.message),
);
