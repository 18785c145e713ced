// crypto.getRandomValues: non-integer views are a TypeMismatchError, more than 65536 bytes a
// QuotaExceededError (both DOMExceptions); Crypto cannot be constructed.
const attempt = (what, f) => {
  try {
    print(what, "->", f());
  } catch (e) {
    print(what, "throws", e.name, e instanceof DOMException, e instanceof DOMException ? e.code : "");
  }
};
attempt("Float32Array", () => crypto.getRandomValues(new Float32Array(4)));
attempt("Float64Array", () => crypto.getRandomValues(new Float64Array(4)));
attempt("DataView", () => crypto.getRandomValues(new DataView(new ArrayBuffer(4))));
attempt("65537 bytes", () => crypto.getRandomValues(new Uint8Array(65537)));
attempt("16385 Uint32", () => crypto.getRandomValues(new Uint32Array(16385)));
attempt("no argument", () => crypto.getRandomValues());
attempt("new Crypto", () => new Crypto());
const big = new Uint8Array(65537);
attempt("untouched", () => (attempt("again", () => crypto.getRandomValues(big)), big.every((x) => x === 0)));
