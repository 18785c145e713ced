// A body can be read once: a second read, by any method, rejects with a TypeError.
fetch("data/hello.txt").then(async (response) => {
  print(JSON.stringify(await response.text()));
  for (const method of ["text", "arrayBuffer", "json", "bytes"]) {
    await response[method]().then(
      () => print("resolved?!"),
      (e) => print(method, e instanceof TypeError, e.message),
    );
  }
  print("bodyUsed", response.bodyUsed);
});
