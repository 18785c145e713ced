// fetch(path) of a text file resolves to a Response: ok, status 200, its file: URL, a text/plain
// content type, and the body through text(), after which bodyUsed is true.
fetch("data/hello.txt").then(async (response) => {
  print(Object.prototype.toString.call(response));
  print(response.ok, response.status, response.statusText);
  print(response.url);
  print(response.headers.get("Content-Type"), response.headers.has("CONTENT-TYPE"));
  print(response.headers.get("content-length"), response.headers.has("x-missing"));
  print("bodyUsed", response.bodyUsed);
  print(JSON.stringify(await response.text()));
  print("bodyUsed", response.bodyUsed);
});
