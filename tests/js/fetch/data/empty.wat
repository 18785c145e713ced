;; The smallest module: fetched to show the content type of a .wasm file.
(module)
