//! baton's host runtime: the pieces a script sees around the language itself.
//!
//! A [`Runtime`] owns one QuickJS runtime with one context, the event loop (timers, microtasks,
//! unhandled-rejection tracking), the ES module loader, and the globals that `d8`-style shells,
//! Emscripten's "shell" environment and web-targeted builds expect (`print`, `read`, `quit`,
//! `console`, `setTimeout`, `TextEncoder`, `URL`, `crypto.getRandomValues`, `fetch` of local
//! files, ...).
//!
//! Invariants:
//! - All per-runtime state lives in the [`Runtime`] (shared with the bindings through `Rc`), never in
//!   statics, so several runtimes can live in one process.
//! - JS values held by Rust across tasks (timer callbacks, rejected promises) are `Persistent`s owned
//!   by the event loop, which releases them before the QuickJS runtime is freed.
//! - There is deliberately no `window`, `WorkerGlobalScope` or `process`: Emscripten output must
//!   detect the shell environment.

mod arena_cache;
mod console;
mod event_loop;
mod fetch;
mod gc_pacing;
mod inspect;
mod modules;
mod report;
mod shell;
mod stdio;
mod streaming;
mod timers;
mod web;

use std::path::{Path, PathBuf};
use std::rc::Rc;

use rquickjs::{Context, Ctx, Promise, Value, context::EvalOptions};

pub use baton_js::{
    DEFAULT_JSPI_RESIDENT_STACKS, EngineConfig, JspiEvent, JspiTrace, Options as WasmOptions,
    StackEvent,
};
use event_loop::EventLoop;
pub use event_loop::Exit;

/// How a [`Runtime`] is set up.
#[derive(Debug, Clone, Default)]
pub struct RuntimeOptions {
    /// The arguments after the script name, exposed as `scriptArgs` and `arguments`.
    pub script_args: Vec<String>,
    /// The `WebAssembly` binding's settings (stack sizes, JSPI limits and trace hook).
    pub wasm: baton_js::Options,
    /// The most memory the JS heap may use, in bytes; past it allocations throw a catchable
    /// `InternalError: out of memory`. `None`: three quarters of the machine's memory.
    pub max_heap_size: Option<usize>,
}

/// Whether a file is run as a classic script or as an ES module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptKind {
    /// A classic, sloppy-mode script (`.js`): top-level `var`s become globals.
    Classic,
    /// An ES module (`.mjs`): strict, with `import`/`export` and top-level `await`.
    Module,
}

impl ScriptKind {
    /// The kind a file's extension implies: `.mjs` is a module, anything else a classic script.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some("mjs") => ScriptKind::Module,
            _ => ScriptKind::Classic,
        }
    }
}

/// Errors that stop a script before it runs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The script file could not be read.
    #[error("cannot read '{path}': {source}")]
    Read {
        /// The path as given.
        path: PathBuf,
        /// Why reading failed.
        source: std::io::Error,
    },
    /// The QuickJS runtime could not be created (out of memory).
    #[error("cannot create the JavaScript runtime: {0}")]
    Engine(#[from] rquickjs::Error),
    /// A host global could not be installed (e.g. the Wasm engine does not run on this CPU).
    #[error("cannot set up the runtime: {0}")]
    Setup(String),
}

/// The outcome of evaluating one line in the REPL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplOutcome {
    /// The line ran; this is its completion value, formatted as `console.log` would.
    Value(String),
    /// The line threw; this is the report that was printed for a script.
    Error(String),
    /// The input ends in the middle of a statement: read another line and try again.
    Incomplete,
    /// The line called `quit`.
    Exit(i32),
}

/// One JavaScript runtime with its event loop and host globals.
pub struct Runtime {
    // Field order is drop order: the event loop's persistent JS values must go before the
    // context and runtime they belong to.
    event_loop: Rc<EventLoop>,
    context: Context,
    runtime: rquickjs::Runtime,
}

impl Runtime {
    /// Creates a runtime with every host global installed.
    ///
    /// # Errors
    /// Fails if QuickJS cannot allocate the runtime or context.
    pub fn new(options: RuntimeOptions) -> Result<Self, Error> {
        let runtime = arena_cache::new_runtime(arena_cache::ArenaCache::default())?;
        let heap_limit = options.max_heap_size.unwrap_or_else(default_heap_limit);
        runtime.set_memory_limit(heap_limit);
        let context = Context::full(&runtime)?;
        gc_pacing::install(&runtime, &context, heap_limit);
        let event_loop = Rc::new(EventLoop::new());
        runtime.set_loader(modules::Resolver, modules::Loader);
        event_loop.track_rejections(&runtime);
        context.with(|ctx| {
            install(&ctx, &event_loop, &options).map_err(|e| {
                let thrown = report::take_exception(&ctx, e);
                Error::Setup(report::describe_error(&ctx, &thrown))
            })
        })?;
        Ok(Runtime {
            event_loop,
            context,
            runtime,
        })
    }

    /// The underlying QuickJS runtime, for embedders that need its settings (memory limit, GC).
    pub fn quickjs(&self) -> &rquickjs::Runtime {
        &self.runtime
    }

    /// Runs `path` as a script of `kind`, then the event loop until nothing is pending.
    ///
    /// Uncaught exceptions and unhandled rejections are printed to stderr as node prints them.
    ///
    /// # Errors
    /// Fails only if the file cannot be read; everything the script does is reported through the
    /// returned [`Exit`].
    pub fn run_file(&self, path: &Path, kind: ScriptKind) -> Result<Exit, Error> {
        let source = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let name = absolute(path).to_string_lossy().into_owned();
        Ok(self.context.with(|ctx| {
            let main_module = match kind {
                ScriptKind::Classic => {
                    let result = ctx.eval_with_options::<Value, _>(source, classic_options(&name));
                    if let Err(e) = result
                        && let Some(exit) = self
                            .event_loop
                            .uncaught(&ctx, report::take_exception(&ctx, e))
                    {
                        return exit;
                    }
                    None
                }
                ScriptKind::Module => match evaluate_module(&ctx, &name, source) {
                    Ok(promise) => Some(promise),
                    Err(e) => {
                        if let Some(exit) = self.event_loop.uncaught(&ctx, e) {
                            return exit;
                        }
                        None
                    }
                },
            };
            self.event_loop.run(&ctx, main_module)
        }))
    }

    /// Evaluates one REPL input as a classic script and runs whatever became due.
    ///
    /// From the first call on, uncaught errors (also from timers) are printed but no longer end
    /// the process, as in node's REPL.
    pub fn eval_repl(&self, source: &str) -> ReplOutcome {
        self.event_loop.set_interactive(true);
        self.context.with(|ctx| {
            let result = ctx.eval_with_options::<Value, _>(source, classic_options("<repl>"));
            let outcome = match result {
                Ok(value) => ReplOutcome::Value(report::repl_value(&ctx, &value)),
                Err(e) => {
                    let value = report::take_exception(&ctx, e);
                    if report::is_incomplete_input(&ctx, &value) {
                        return ReplOutcome::Incomplete;
                    }
                    match self.event_loop.repl_error(&ctx, value) {
                        Some(message) => ReplOutcome::Error(message),
                        None => ReplOutcome::Value(String::new()),
                    }
                }
            };
            match self.event_loop.run_ready(&ctx) {
                Some(Exit(code)) => ReplOutcome::Exit(code),
                None => outcome,
            }
        })
    }

    /// Runs the event loop until nothing is pending (used when the REPL's input ends).
    pub fn run_event_loop(&self) -> Exit {
        self.context.with(|ctx| self.event_loop.run(&ctx, None))
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // The bindings' closures keep the event loop alive until QuickJS frees them, which is
        // after the context is gone; the JS values it holds must be released before that.
        self.event_loop.clear();
        self.context.with(|ctx| baton_js::teardown(&ctx));
    }
}

/// Installs every host global. The order matters only where one binding uses another's
/// global at install time: `streaming` adds `compileStreaming`/`instantiateStreaming` to the
/// `WebAssembly` namespace and captures its `compile`/`instantiate`, so it comes after
/// `baton_js`. Otherwise this list follows the spec layers.
fn install(
    ctx: &Ctx<'_>,
    event_loop: &Rc<EventLoop>,
    options: &RuntimeOptions,
) -> rquickjs::Result<()> {
    baton_js::install(ctx, &options.wasm)?;
    shell::install(ctx, event_loop, options)?;
    timers::install(ctx, event_loop)?;
    web::install(ctx)?;
    console::install(ctx)?;
    fetch::install(ctx)?;
    streaming::install(ctx)?;
    Ok(())
}

fn classic_options(file_name: &str) -> EvalOptions {
    let mut options = EvalOptions::default();
    options.global = true;
    options.strict = false;
    options.filename = Some(file_name.to_owned());
    options
}

/// Declares, links and evaluates the module at `name`; returns its evaluation promise.
fn evaluate_module<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    source: Vec<u8>,
) -> Result<Promise<'js>, Value<'js>> {
    let module = modules::declare(ctx, name, source).map_err(|e| report::take_exception(ctx, e))?;
    let (_, promise) = module.eval().map_err(|e| report::take_exception(ctx, e))?;
    Ok(promise)
}

/// Three quarters of physical memory (from /proc/meminfo), so a runaway script gets a catchable
/// error instead of the OS's out-of-memory killer; 4 GiB where that cannot be read.
fn default_heap_limit() -> usize {
    let total_kib = std::fs::read_to_string("/proc/meminfo").ok().and_then(|m| {
        m.lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<usize>().ok())
    });
    total_kib.map_or(4 << 30, |kib| kib.saturating_mul(1024) / 4 * 3)
}

/// `path` made absolute against the current directory, without touching the file system.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}
