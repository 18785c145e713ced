//! baton's WebAssembly + JSPI core.
//!
//! This crate owns everything about running WebAssembly that does not depend on a JavaScript
//! engine: compiling and instantiating modules on wasmtime, and (in later layers) the generated
//! JSPI adapter code, the pool of worker continuations and the legacy exception-handling
//! translation. Its calls end in "finished", "threw", or "suspended, waiting on host value N";
//! the JavaScript binding (`baton-js`) turns those into promises and exceptions.
//!
//! Invariant: no dependency on any JS engine (`cargo tree -p baton-wasm` shows none).
#![warn(missing_docs)]

mod engine;
mod errors;
mod identity;
mod jspi;
mod module;
mod store;

pub use engine::{DEFAULT_JSPI_STACK_SIZE, DEFAULT_MAX_WASM_STACK, Engine, EngineConfig};
pub use errors::Error;
pub use identity::{ExternKey, global_key, table_key};
pub use jspi::{AdaptedImport, Jspi, Resumed};
pub use module::{ExportDesc, ExternKind, ImportDesc, Module};
pub use store::{Host, HostError, HostRef, Store, StoreData, Thrown, call};
/// The wasmtime API, for the binding layer's value and handle types.
pub use wasmtime;
