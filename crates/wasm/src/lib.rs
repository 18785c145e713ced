//! baton's WebAssembly + JSPI core.
//!
//! This crate owns everything about running WebAssembly that does not depend on a JavaScript
//! engine: compiling and instantiating modules on wasmtime (translating legacy exception handling
//! to the standard form when a module needs it), the generated JSPI adapter code and the pool of
//! worker continuations. Its calls end in "finished", "threw", or "suspended, waiting on host value N";
//! the JavaScript binding (`baton-js`) turns those into promises and exceptions.
//!
//! Invariant: no dependency on any JS engine (`cargo tree -p baton-wasm` shows none).
//!
//! # JSPI checklist
//!
//! Each rule of the JSPI semantics baton implements, and the fixture (under `tests/js/`) that
//! would catch its breakage. The mechanism is described in [`Jspi`]; the JS-facing rules live in
//! `baton-js` (`promising.rs`, `suspending.rs`).
//!
//! | rule | test |
//! |---|---|
//! | `Suspending` needs `new` and a callable (any: Proxy, wrong arity); it is a plain non-callable object | `jspi/api_shape` |
//! | `Suspending` only as a function import; not a function value (`Table.set`) | `jspi/api_shape`, `wasm/table` (funcref rules) |
//! | `promising` takes exported Wasm functions only; returns a plain function, length 1, name "" | `jspi/api_shape` |
//! | a promising call always returns a Promise and runs Wasm synchronously up to the first suspension | `jspi/api_shape`, `jspi/always_suspends` |
//! | results: undefined / value / Array; argument conversion errors reject | `jspi/results`, `jspi/failures` |
//! | escaping exceptions and traps reject (RuntimeError; stack overflow RangeError) | `jspi/failures`, `jspi/catching` |
//! | SuspendError before calling the JS function: plain export, across a JS frame, start function | `jspi/suspend_errors` |
//! | SuspendError is an Error subclass (not RuntimeError), catchable in Wasm like any JS exception | `jspi/suspend_errors`, `wasm/js_exceptions` |
//! | synchronous throw goes straight into Wasm | `jspi/failures` |
//! | always suspend, even for non-promise results; JS after the call runs before Wasm resumes | `jspi/always_suspends` |
//! | fulfilment converts to the result types (several via iterable); conversion error thrown into Wasm | `jspi/results` |
//! | the result is awaited with the intrinsic %Promise% machinery (a replaced `Promise` or `then` changes nothing); thenables are followed | `jspi/intrinsic_promise` |
//! | rejection thrown into Wasm at the import, catchable (JS tag); uncaught, the same value rejects | `jspi/catching`, `jspi/failures` |
//! | an already-settled promise still suspends, resumes in microtask order; its rejection counts as handled | `jspi/settled_promises` |
//! | any number in flight, resumed in settlement order, plain exports in between | `jspi/many_in_flight` |
//! | nesting ("sandwich") | `jspi/sandwich` |
//! | Wasm-to-Wasm links, tables, `call_ref`, re-exports keep suspending; a re-exported Suspending import called directly throws SuspendError | `jspi/linked` |
//! | stacks are reused; a throwing export does not consume its stack | `jspi/reuse`, `jspi/catching` |
//! | past the stack limit: a catchable RangeError saying the limit and how to raise it; nothing else fails | `jspi/capacity` |
//! | `--trace-jspi` reports suspensions and resumptions with durations | `jspi/trace` |
//! | past `--jspi-resident-stacks` suspended calls, stacks are parked and restored unnoticed (any depth, any order, traps); parking stops before the first GC allocation | `jspi/parking`, `jspi/parking_stops*` |
#![warn(missing_docs)]

mod engine;
mod errors;
mod identity;
mod jspi;
mod legacy_eh;
mod module;
mod parking;
mod store;

pub use engine::{
    DEFAULT_JSPI_RESIDENT_STACKS, DEFAULT_JSPI_STACK_SIZE, DEFAULT_MAX_WASM_STACK, Engine,
    EngineConfig, RESERVED_MAPPINGS, StackLimit,
};
pub use errors::Error;
pub use identity::{ExternKey, global_key, table_key};
pub use jspi::{AdaptedImport, Jspi, ResumeError, Resumed};
pub use module::{ExportDesc, ExternKind, ImportDesc, Module};
pub use parking::StackEvent;
pub use store::{Exn, Host, HostError, HostRef, Store, StoreData, Thrown, call, call_typed};
/// The wasmtime API, for the binding layer's value and handle types.
pub use wasmtime;
