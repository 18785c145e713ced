//! baton: a standalone JavaScript + WebAssembly runtime with JSPI.
//!
//! This crate is the `baton` command and the embedding API. The layers underneath:
//! - [`baton_host`]: the runtime, its event loop, module loader and host globals;
//! - `baton_js`: the `WebAssembly` namespace on QuickJS;
//! - `baton_wasm`: the engine-independent Wasm + JSPI core on wasmtime.
//!
//! Running a script from Rust:
//!
//! ```no_run
//! use baton::{Runtime, RuntimeOptions, ScriptKind};
//! use std::path::Path;
//!
//! let runtime = Runtime::new(RuntimeOptions::default())?;
//! let exit = runtime.run_file(Path::new("app.mjs"), ScriptKind::Module)?;
//! std::process::exit(exit.0);
//! # Ok::<(), baton::Error>(())
//! ```
#![warn(missing_docs)]

pub use baton_host::{
    DEFAULT_JSPI_RESIDENT_STACKS, EngineConfig, JspiEvent, JspiTrace, StackEvent, WasmOptions,
};
pub use baton_host::{Error, Exit, ReplOutcome, Runtime, RuntimeOptions, ScriptKind};
