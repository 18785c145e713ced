// baton's fetch reads local files only: http:, https: and data: URLs reject with a TypeError.
const urls = ["http://example.com/app.wasm", "https://example.com/data.json", "data:,hello"];
(async () => {
  for (const url of urls) {
    await fetch(url).then(
      () => print("resolved?!"),
      (e) => print(e instanceof TypeError, e.message),
    );
  }
})();
