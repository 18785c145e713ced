//! The errors of the Wasm core. The JS binding maps each variant to exactly one JS error type
//! (see `baton-js`'s `errors.rs`).

/// Everything that can go wrong compiling, linking or running Wasm.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a valid module (JS: `CompileError`).
    #[error("{0}")]
    Compile(String),
    /// An import is missing or does not match what the module declares (JS: `LinkError`).
    #[error("{0}")]
    Link(String),
    /// Wasm code trapped (JS: `RuntimeError`).
    #[error("{0}")]
    Trap(String),
    /// Wasm code ran out of stack (JS: `RangeError`, as V8).
    #[error("{0}")]
    StackOverflow(String),
    /// A resource limit was reached, e.g. a memory or table could not grow (JS: `RangeError`).
    #[error("{0}")]
    Resource(String),
    /// The engine could not be set up.
    #[error("cannot set up the Wasm engine: {0}")]
    Engine(String),
}
