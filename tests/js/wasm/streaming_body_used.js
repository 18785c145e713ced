// A response whose body was already read rejects with a TypeError.
fetch("streaming_add.wasm").then(async (response) => {
  await response.arrayBuffer();
  await WebAssembly.compileStreaming(response).then(
    () => print("resolved?!"),
    (e) => print(e instanceof TypeError, e.message),
  );
});
