// url.searchParams is one object, linked to the URL both ways.
const u = new URL("https://h.test/p?a=1&b=%20x+y#frag");
const p = u.searchParams;
print(p === u.searchParams, p.get("b"), p.size);

p.append("c", "3 4");
print(u.href);
p.delete("a");
print(u.href, u.search);
p.sort();
print(u.href);
p.delete("b");
p.delete("c");
print(JSON.stringify(u.href), JSON.stringify(u.search), p.size);

u.search = "?x=1&x=2";
print(p.getAll("x").join(), p.size);
u.href = "http://other.test/?y=%C3%BC";
print(p.get("y"), p.get("x"), u.searchParams === p);
u.search = "";
print(p.size, JSON.stringify(p.toString()));

// Serialization after a change is the urlencoded form, not the original text.
const v = new URL("http://h.test/?a=b%20c&d=~");
print(v.search);
v.searchParams.set("e", "f");
print(v.search);

// An opaque path loses trailing spaces when the query goes away.
const o = new URL("data:space ?x");
o.searchParams.delete("x");
print(JSON.stringify(o.href));

// Detached params (new URLSearchParams) do not touch anything else.
const copy = new URLSearchParams(u.searchParams);
copy.append("z", "1");
print(JSON.stringify(u.search), copy.toString());
