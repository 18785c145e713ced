// Extra arguments reach the callback; clearTimeout/clearInterval cancel, also from inside the
// callback; ids are distinct positive integers; unknown ids are ignored.
const a = setTimeout((x, y) => print("args:", x, y), 1, "first", 2);
const b = setTimeout(() => print("cancelled: must not print"), 1);
print(typeof a, a > 0, a !== b);
clearTimeout(b);
clearTimeout(12345);
clearTimeout(undefined);
clearTimeout("nonsense");
let ticks = 0;
const i = setInterval(() => {
  ticks++;
  print("tick", ticks);
  if (ticks === 3) clearInterval(i);
}, 2);
setTimeout(() => print("ticks after clear:", ticks), 30);
try { setTimeout("print('string callbacks are not evaluated')", 1); } catch (e) { print(e.name); }
