// URLSearchParams: the constructor's forms and the list operations.
const show = (p) => print(JSON.stringify([...p]), JSON.stringify(p.toString()), p.size);

show(new URLSearchParams());
show(new URLSearchParams(""));
show(new URLSearchParams("?a=1&b=2&a=3"));
show(new URLSearchParams("??a=1"));
show(new URLSearchParams("a=b=c&&=x&y&+%20=%2B%zz&%C3%A9=%FF"));
show(new URLSearchParams([["x", "1"], ["y", 2], new Set(["z", "3"])]));
show(new URLSearchParams({ b: "2", a: 1, 10: "ten", 2: "two" }));
show(new URLSearchParams(new URLSearchParams("k=v&k=w")));
show(new URLSearchParams(new Map([["m", "1"]])));
show(new URLSearchParams(undefined));
show(new URLSearchParams(42));
show(new URLSearchParams({ toString: () => "obj=1" }));
show(new URLSearchParams({ [Symbol.iterator]: function* () { yield ["g", "1"]; yield ["g", "2"]; } }));

const p = new URLSearchParams("a=1&b=2&a=3&c=4");
print(p.get("a"), p.get("zz"), JSON.stringify(p.getAll("a")), JSON.stringify(p.getAll("zz")));
print(p.has("a"), p.has("zz"), p.has("a", "3"), p.has("a", "4"), p.has("a", undefined));
p.append("d", "a b&c=d");
p.append("é", "\u{1F600}");
show(p);
p.set("a", "only");
show(p);
p.set("new", "x");
show(p);
p.delete("b", "nope");
p.delete("b", "2");
p.delete("c", undefined);
show(p);
p.delete("missing");
show(p);

const s = new URLSearchParams("z=1&b=2&a=3&b=1&\u{FF21}=4&\u{1F600}=5&a=0&=6");
s.sort();
show(s);
print(String(s), Object.prototype.toString.call(s), s instanceof URLSearchParams);
print(new URLSearchParams("a=%F0%9F%98%80").get("a") === "\u{1F600}", new URLSearchParams().get("x"));
print(new URLSearchParams([["~!*()'", " \n"]]).toString());
