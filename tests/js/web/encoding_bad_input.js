// TextEncoder/TextDecoder reject what WebIDL rejects.
const attempt = (what, f) => {
  try {
    print(what, "->", f());
  } catch (e) {
    print(what, "throws", e.constructor.name);
  }
};
attempt("TextEncoder()", () => TextEncoder());
attempt("TextDecoder()", () => TextDecoder());
attempt("decode(string)", () => new TextDecoder().decode("abc"));
attempt("decode(number)", () => new TextDecoder().decode(42));
attempt("decode(array)", () => new TextDecoder().decode([65]));
attempt("decode(null)", () => new TextDecoder().decode(null));
attempt("options number", () => new TextDecoder("utf-8", 5));
attempt("options null", () => new TextDecoder("utf-8", null).fatal);
attempt("encodeInto(Array)", () => new TextEncoder().encodeInto("a", []));
attempt("encodeInto(Uint16Array)", () => new TextEncoder().encodeInto("a", new Uint16Array(2)));
attempt("encodeInto()", () => new TextEncoder().encodeInto("a"));
attempt("encode(Symbol)", () => new TextEncoder().encode(Symbol("s")));
attempt("label Symbol", () => new TextDecoder(Symbol("s")));
attempt("getter on wrong object", () => Object.getOwnPropertyDescriptor(TextDecoder.prototype, "encoding").get.call({}));
print(typeof TextEncoder, typeof TextDecoder, Object.keys(globalThis).includes("TextDecoder"));
