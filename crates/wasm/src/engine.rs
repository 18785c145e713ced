//! The shared compilation engine and the Wasm features baton enables.
//!
//! One [`Engine`] serves a whole process: compiled modules can be shared by every store created
//! from it. The feature set is what the toolchains baton's users build with emit (Emscripten,
//! clang, wasm-bindgen), plus stack switching, the mechanism under JSPI.

use crate::Error;

/// Settings that apply to every store and module of an [`Engine`].
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// The largest Wasm stack a call may use, in bytes (on the main stack and in a promising
    /// call's stack alike).
    pub max_wasm_stack: usize,
    /// The size of each promising call's stack, in bytes (reserved address space; only the pages
    /// a call touches become resident). Must be at least `max_wasm_stack`.
    pub jspi_stack_size: usize,
    /// How many promising-call stacks may exist at once (one per call in flight; finished calls'
    /// stacks are reused). `None`, and never more than: as many as the OS's memory-mapping limit
    /// allows (each stack takes two mappings), leaving room for everything else (see
    /// [`EngineConfig::stack_limit`]). The stack of a call that trapped
    /// counts until the store is dropped: wasmtime never reuses nor frees it before then.
    pub jspi_max_stacks: Option<usize>,
    /// How many suspended promising calls keep their stacks resident; past that, the stacks of the
    /// calls suspended longest are parked (their few used bytes copied to the heap, their pages
    /// given back to the OS) until they resume. See `parking.rs`.
    pub jspi_resident_stacks: usize,
}

/// The Wasm stack limit: deep enough for real recursive programs (wasmtime's default), and
/// reported as a catchable RangeError well before a stack runs out.
pub const DEFAULT_MAX_WASM_STACK: usize = 512 * 1024;

/// A promising call's stack: twice the Wasm stack limit, so host calls made from Wasm code near
/// the limit still fit (V8 reserves about 1 MB per call too).
pub const DEFAULT_JSPI_STACK_SIZE: usize = 1024 * 1024;

/// Suspended promising calls whose stacks stay resident: 4 MiB of stack pages, and more calls in
/// flight than most programs ever have, so parking costs them nothing (see BENCHMARKS.md).
pub const DEFAULT_JSPI_RESIDENT_STACKS: usize = 1024;

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            max_wasm_stack: DEFAULT_MAX_WASM_STACK,
            jspi_stack_size: DEFAULT_JSPI_STACK_SIZE,
            jspi_max_stacks: None,
            jspi_resident_stacks: DEFAULT_JSPI_RESIDENT_STACKS,
        }
    }
}

impl EngineConfig {
    /// The effective stack limit: `jspi_max_stacks`, but never more than the OS's mapping limit
    /// leaves (stacks past it would take the mappings the rest of the process needs), which is
    /// also the default.
    pub fn stack_limit(&self) -> StackLimit {
        StackLimit::now(self.jspi_max_stacks, 0)
    }
}

/// How many promising-call stacks may exist at once (see [`EngineConfig::stack_limit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StackLimit {
    /// The most stacks.
    pub max: usize,
    /// Whether the OS's limit on memory mappings sets it (rather than `jspi_max_stacks`).
    pub by_os: bool,
}

impl StackLimit {
    /// How many stacks before its limit a [`StackLimit`] should be taken again with
    /// [`StackLimit::now`]: the rest of the process may have made mappings since (modules,
    /// memories, large heap blocks), and they come out of the room kept for it.
    pub const RECHECK_BEFORE: usize = 512;

    /// The limit with `stacks` stacks made so far, from the option `jspi_max_stacks` and what the
    /// OS's mapping limit leaves now (this reads every mapping of the process: some milliseconds
    /// when there are tens of thousands).
    pub fn now(option: Option<usize>, stacks: usize) -> Self {
        StackLimit::new(option, os_max_stacks().map(|more| stacks + more))
    }

    /// The limit from the option `jspi_max_stacks` and what the OS allows (`None`: the OS does
    /// not say, then Linux's default limit stands in for it when there is no option).
    fn new(option: Option<usize>, os: Option<usize>) -> Self {
        match (option, os) {
            (Some(max), Some(os)) if max <= os => StackLimit { max, by_os: false },
            (Some(max), None) => StackLimit { max, by_os: false },
            (_, Some(os)) => StackLimit {
                max: os,
                by_os: true,
            },
            (None, None) => StackLimit {
                max: stacks_within(LINUX_DEFAULT_MAX_MAP_COUNT, 0),
                by_os: true,
            },
        }
    }
}

/// Mappings kept free for everything else once promising-call stacks have taken the rest of the
/// OS's limit: compiled code, Wasm memories, large heap blocks (glibc maps each block of 128 KiB
/// or more on its own). With none left, the process cannot even grow its heap and aborts, which
/// this reserve prevents. It is small so that, on the same limit, baton holds more calls in
/// flight than Node 26, which keeps none and aborts: with Linux's default of 65,530 mappings,
/// Node 26 holds at most 32,600 to 32,650 suspended calls, baton ~32,680 (it uses about 60
/// mappings before its first stack; see BENCHMARKS.md, "Most calls in flight").
pub const RESERVED_MAPPINGS: usize = 128;

/// Linux's default `vm.max_map_count`.
const LINUX_DEFAULT_MAX_MAP_COUNT: usize = 65_530;

/// What the OS's mapping limit (`vm.max_map_count`) leaves for stacks in this process (see
/// [`stacks_within`]), where the OS says.
fn os_max_stacks() -> Option<usize> {
    let limit = std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .ok()?
        .trim()
        .parse::<usize>()
        .ok()?;
    let in_use = std::fs::read_to_string("/proc/self/maps")
        .map(|m| m.lines().count())
        .unwrap_or(0);
    Some(stacks_within(limit, in_use))
}

/// How many stacks fit in a limit of `limit` mappings of which `in_use` are taken, keeping
/// [`RESERVED_MAPPINGS`]: each stack is two (the stack and its guard page).
fn stacks_within(limit: usize, in_use: usize) -> usize {
    limit.saturating_sub(in_use + RESERVED_MAPPINGS) / 2
}

/// A Wasm compiler and runtime configuration (cheap to clone).
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: wasmtime::Engine,
    /// The size of each continuation stack (wasmtime's `async_stack_size`).
    pub(crate) stack_size: usize,
    pub(crate) resident_stacks: usize,
}

impl Engine {
    /// Creates an engine with baton's feature set.
    ///
    /// # Errors
    /// Fails if the host cannot run compiled Wasm (unsupported CPU or OS).
    pub fn new(config: &EngineConfig) -> Result<Self, Error> {
        let stack_size = config.jspi_stack_size.max(config.max_wasm_stack);
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
            .max_wasm_stack(config.max_wasm_stack)
            .async_stack_size(stack_size);
        let inner = wasmtime::Engine::new(&c).map_err(|e| Error::Engine(format!("{e:#}")))?;
        Ok(Engine {
            inner,
            stack_size,
            resident_stacks: config.jspi_resident_stacks,
        })
    }

    /// The wasmtime engine underneath, for code in this crate's layer.
    pub fn wasmtime(&self) -> &wasmtime::Engine {
        &self.inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_stack_limit_holds_more_calls_than_node() {
        // Node 26 aborts between 32,600 and 32,650 calls in flight with Linux's default limit
        // (BENCHMARKS.md); baton has ~60 mappings before its first stack.
        assert!(stacks_within(65_530, 60) > 32_650);
        assert_eq!(
            stacks_within(65_530, 60),
            (65_530 - 60 - RESERVED_MAPPINGS) / 2
        );
    }

    #[test]
    fn an_option_above_what_the_os_allows_gives_way_to_it() {
        let limit = |max, by_os| StackLimit { max, by_os };
        assert_eq!(StackLimit::new(None, Some(500)), limit(500, true));
        assert_eq!(StackLimit::new(Some(900), Some(500)), limit(500, true));
        assert_eq!(StackLimit::new(Some(500), Some(500)), limit(500, false));
        assert_eq!(StackLimit::new(Some(10), Some(500)), limit(10, false));
        assert_eq!(StackLimit::new(Some(10), None), limit(10, false));
        assert_eq!(
            StackLimit::new(None, None),
            limit(stacks_within(LINUX_DEFAULT_MAX_MAP_COUNT, 0), true)
        );
    }

    #[test]
    fn a_limit_already_used_up_leaves_no_stacks() {
        assert_eq!(stacks_within(1_000, 900), 0);
        assert_eq!(stacks_within(1_000, 2_000), 0);
    }
}
