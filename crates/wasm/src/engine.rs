//! The shared compilation engine and the Wasm features baton enables.
//!
//! One [`Engine`] serves a whole process: compiled modules can be shared by every store created
//! from it. The feature set is what the toolchains baton's users build with emit (Emscripten,
//! clang, wasm-bindgen), plus stack switching, the mechanism under JSPI.

use crate::Error;

/// Settings that apply to every store and module of an [`Engine`].
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// The largest Wasm stack a call may use on the main stack, in bytes.
    pub max_wasm_stack: usize,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            // wasmtime's default: deep enough for real recursive programs, and stack overflow is
            // reported as a catchable RangeError well before the native stack runs out.
            max_wasm_stack: 512 * 1024,
        }
    }
}

/// A Wasm compiler and runtime configuration (cheap to clone).
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: wasmtime::Engine,
}

impl Engine {
    /// Creates an engine with baton's feature set.
    ///
    /// # Errors
    /// Fails if the host cannot run compiled Wasm (unsupported CPU or OS).
    pub fn new(config: &EngineConfig) -> Result<Self, Error> {
        let mut c = wasmtime::Config::new();
        c.wasm_bulk_memory(true)
            .wasm_reference_types(true)
            .wasm_multi_value(true)
            .wasm_simd(true)
            .wasm_relaxed_simd(true)
            .wasm_tail_call(true)
            .wasm_function_references(true)
            .wasm_gc(true)
            .wasm_exceptions(true)
            .wasm_threads(true)
            .shared_memory(true)
            .wasm_multi_memory(true)
            .wasm_extended_const(true)
            .wasm_stack_switching(true)
            .max_wasm_stack(config.max_wasm_stack);
        let inner = wasmtime::Engine::new(&c).map_err(|e| Error::Engine(format!("{e:#}")))?;
        Ok(Engine { inner })
    }

    /// The wasmtime engine underneath, for code in this crate's layer.
    pub fn wasmtime(&self) -> &wasmtime::Engine {
        &self.inner
    }
}
