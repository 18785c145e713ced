// URLSearchParams iteration: forEach, entries/keys/values, live iterators.
const p = new URLSearchParams("a=1&b=2&c=3");
p.forEach(function (value, name, params) {
  print(name, value, params === p, this.tag);
}, { tag: "thisArg" });

print(JSON.stringify([...p.entries()]), JSON.stringify([...p.keys()]), JSON.stringify([...p.values()]));
print(URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries, JSON.stringify(Array.from(p)));

const it = p.keys();
print(Object.prototype.toString.call(it), it[Symbol.iterator]() === it);
print(Object.getPrototypeOf(Object.getPrototypeOf(it)) === Object.getPrototypeOf(Object.getPrototypeOf([].keys())));
print(JSON.stringify(it.next()), JSON.stringify(it.next()));
p.delete("a");
print(JSON.stringify(it.next()), JSON.stringify(it.next()));

// forEach reads the list afresh at each step.
const q = new URLSearchParams("x=1&y=2");
q.forEach((value, name) => {
  print("visit", name);
  if (name === "x") q.append("z", "3");
});
try {
  q.forEach(42);
} catch (e) {
  print("forEach(42) throws", e.constructor.name);
}

for (const [name, value] of new URLSearchParams("for=of&x=y")) print(name, value);
const { value, done } = new URLSearchParams().entries().next();
print(value, done);
