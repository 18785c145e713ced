// A source that is not a Response (or does not resolve to one) rejects with a TypeError, even
// bytes or a Response look-alike; nothing throws synchronously. A rejected source passes its
// reason on.
const bytes = read("streaming_add.wasm", "binary");
const lookAlike = { ok: true, status: 200, headers: { get: () => "application/wasm" }, arrayBuffer: async () => bytes.buffer };
const sources = [undefined, bytes, lookAlike, Promise.resolve(42), Promise.reject(new RangeError("from the source"))];
(async () => {
  for (const name of ["compileStreaming", "instantiateStreaming"]) {
    for (const source of sources) {
      const promise = WebAssembly[name](source);
      await promise.then(
        () => print("resolved?!"),
        (e) => print(name, e.name, e.message),
      );
    }
  }
})();
