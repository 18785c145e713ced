//! baton's `WebAssembly` JavaScript namespace on QuickJS (rquickjs).
//!
//! Spec behaviour lives here (argument coercion, WebIDL shapes, JS error classes, promise
//! wrapping); the mechanism (compiling, instantiating, suspending) lives in `baton-wasm`.
#![warn(missing_docs)]
