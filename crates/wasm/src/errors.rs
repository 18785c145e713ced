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
    /// A host value thrown into Wasm (see [`crate::HostError`]) came back out: slot `0` of the
    /// host's value table.
    #[error("a host value was thrown")]
    Js(u32),
    /// A Wasm exception of a non-JS tag escaped (JS: `WebAssembly.Exception`).
    #[error("{0}")]
    Exception(crate::Exn),
    /// The engine could not be set up.
    #[error("cannot set up the Wasm engine: {0}")]
    Engine(String),
}

impl Error {
    /// Classifies an error wasmtime returned from running Wasm (a call or an instantiation).
    pub(crate) fn from_wasmtime(e: wasmtime::Error) -> Self {
        if let Some(crate::HostError::Value(value)) = e.downcast_ref::<crate::HostError>() {
            return Error::Js(value.id);
        }
        if let Some(trap) = e.downcast_ref::<wasmtime::Trap>() {
            let at = e
                .downcast_ref::<wasmtime::WasmBacktrace>()
                .and_then(|bt| bt.frames().first().map(describe_frame))
                .map(|frame| format!(" in {frame}"))
                .unwrap_or_default();
            return match trap {
                wasmtime::Trap::StackOverflow => {
                    Error::StackOverflow(format!("Maximum call stack size exceeded{at}"))
                }
                trap => Error::Trap(format!("{}{at}", trap_message(*trap))),
            };
        }
        Error::Trap(e.root_cause().to_string())
    }
}

/// The message of a trap, in the words V8 uses where they differ from wasmtime's.
fn trap_message(trap: wasmtime::Trap) -> String {
    match trap {
        wasmtime::Trap::UnreachableCodeReached => "unreachable".to_owned(),
        wasmtime::Trap::MemoryOutOfBounds => "memory access out of bounds".to_owned(),
        wasmtime::Trap::IntegerDivisionByZero => "divide by zero".to_owned(),
        wasmtime::Trap::IntegerOverflow => "integer overflow".to_owned(),
        wasmtime::Trap::BadConversionToInteger => {
            "float unrepresentable in integer range".to_owned()
        }
        wasmtime::Trap::TableOutOfBounds => "table index is out of bounds".to_owned(),
        wasmtime::Trap::IndirectCallToNull => {
            "null function or function signature mismatch".to_owned()
        }
        wasmtime::Trap::BadSignature => "null function or function signature mismatch".to_owned(),
        wasmtime::Trap::NullReference => "dereferencing a null pointer".to_owned(),
        other => other.to_string(),
    }
}

/// `name (wasm function #index)` for the frame where a trap happened.
fn describe_frame(frame: &wasmtime::FrameInfo) -> String {
    match frame.func_name() {
        Some(name) => format!("function '{name}' (#{})", frame.func_index()),
        None => format!("function #{}", frame.func_index()),
    }
}
