// A response whose content type is not application/wasm (here a .txt file, text/plain) rejects
// with a TypeError, and its body is left unread.
fetch("streaming_not_wasm.txt").then(async (response) => {
  await WebAssembly.compileStreaming(response).then(
    () => print("resolved?!"),
    (e) => print(e instanceof TypeError, e.message),
  );
  print("bodyUsed", response.bodyUsed);
  await WebAssembly.instantiateStreaming(fetch("streaming_not_wasm.txt")).then(
    () => print("resolved?!"),
    (e) => print(e instanceof TypeError, e.message),
  );
});
