// atob/btoa throw DOMException InvalidCharacterError on input the standard rejects.
const attempt = (what, f) => {
  try {
    print(what, "->", JSON.stringify(f()));
  } catch (e) {
    print(what, "throws", e.name, e instanceof DOMException, e instanceof DOMException ? e.code : "");
  }
};
for (const s of ["Z", "Zm9vY", "Zm9=v", "Zg=", "Zg===", "====", "Zm9v=", "Zm-_", "Zm9v!", "\u00e9", "\u{1F600}", "Zm\u00a09v", "Zm9v\v"]) {
  attempt(`atob(${JSON.stringify(s)})`, () => atob(s));
}
for (const s of ["\u0100", "abc\u20ac", "\u{1F600}", "\ud800"]) {
  attempt(`btoa(${JSON.stringify(s)})`, () => btoa(s));
}
attempt("atob()", () => atob());
attempt("btoa()", () => btoa());
attempt("atob(Symbol)", () => atob(Symbol()));
