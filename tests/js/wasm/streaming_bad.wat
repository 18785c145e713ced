;; Bytes that are not a Wasm module (no magic number), served as application/wasm.
(module binary "this is not wasm")
