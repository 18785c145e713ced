// @argv --max-heap-size 64M $FILE
// Running out of JS heap is an error the script can catch (the limit is --max-heap-size; by
// default three quarters of the machine's memory), and the program goes on afterwards.
let kept = [];
try {
  for (;;) kept.push(new Array(100000).fill(1.5));
} catch (e) {
  const count = kept.length;
  kept = null;
  print("caught:", e.name, e.message, count > 10);
}
print("still running:", [1, 2, 3].map((x) => x * 2).join());
