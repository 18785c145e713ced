// URLSearchParams rejects malformed init values and calls without `new`.
const attempt = (what, f) => {
  try {
    print(what, "->", f());
  } catch (e) {
    print(what, "throws", e.constructor.name);
  }
};
attempt("pair too short", () => new URLSearchParams([["a"]]));
attempt("pair too long", () => new URLSearchParams([["a", "b", "c"]]));
attempt("pair not iterable", () => new URLSearchParams([1]));
attempt("pair is a string", () => new URLSearchParams(["ab"]));
attempt("record with symbol key", () => new URLSearchParams({ [Symbol("s")]: "x", a: "1" }));
attempt("iterator not callable", () => new URLSearchParams({ [Symbol.iterator]: 1 }));
attempt("no new", () => URLSearchParams("a=1"));
attempt("append one argument", () => new URLSearchParams().append("a"));
attempt("get no argument", () => new URLSearchParams().get());
attempt("method on wrong object", () => URLSearchParams.prototype.get.call({}, "a"));
attempt("value throws", () => new URLSearchParams().append("a", { toString() { throw new RangeError("boom"); } }));
