// The input can be a relative path, an absolute file: URL, or an object with `href` (a URL) or
// `url` (a Request); all name the same file. The response URL drops the fragment.
fetch("data/hello.txt").then(async (first) => {
  const inputs = [
    "./data/hello.txt",
    first.url,
    { href: first.url },
    { url: "data/hello.txt" },
    "data/hello.txt#part",
  ];
  for (const input of inputs) {
    const response = await fetch(input);
    print(response.url === first.url, JSON.stringify(await response.text()));
  }
});
