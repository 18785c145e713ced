// Invalid URLs throw TypeError("Invalid URL"); the constructor needs `new` and an argument.
const attempt = (what, f) => {
  try {
    print(what, "->", f());
  } catch (e) {
    print(what, "throws", e.constructor.name, e.message);
  }
};
attempt("relative without base", () => new URL("/path"));
attempt("bad base", () => new URL("/path", "also/relative"));
attempt("empty", () => new URL(""));
attempt("bad port", () => new URL("http://h.test:99999/"));
attempt("bad host", () => new URL("http://exa mple.com/"));
attempt("bad IPv6", () => new URL("http://[::1/"));
attempt("bad IPv4", () => new URL("http://1.2.3.256/"));
attempt("no new", () => URL("http://h.test/").href);
attempt("undefined base", () => new URL("http://h.test/", undefined).href);
attempt("object input", () => new URL({ toString: () => "http://obj.test/" }).href);
try {
  new URL();
} catch (e) {
  print("no argument throws", e.constructor.name);
}
try {
  new URL(Symbol());
} catch (e) {
  print("symbol throws", e.constructor.name);
}
try {
  Object.getOwnPropertyDescriptor(URL.prototype, "href").get.call({});
} catch (e) {
  print("getter on wrong object throws", e.constructor.name);
}
