//! baton's `WebAssembly` JavaScript namespace on QuickJS (rquickjs).
//!
//! Spec behaviour lives here (argument coercion, WebIDL shapes, JS error classes, promise
//! wrapping); the mechanism (compiling, instantiating, calling, re-entrancy) lives in
//! `baton-wasm`. One file per spec concept: `module.rs`, `instance.rs`, `memory.rs`, `table.rs`,
//! `global.rs`, `errors.rs`; `convert.rs` holds the value conversions and the two call paths,
//! `state.rs` the per-context tables that connect JS and Wasm values, and `ffi.rs` the QuickJS C
//! functions of the hot paths (export objects, `promising` wrappers, promise reactions).
#![warn(missing_docs)]

mod convert;
mod errors;
mod exception;
mod ffi;
mod global;
mod instance;
mod memory;
mod module;
mod promising;
mod state;
mod suspending;
mod table;
mod tag;
mod webidl;

use rquickjs::function::Opt;
use rquickjs::{Class, Ctx, Function, Object, Promise, Result, Value};

pub use baton_wasm::{DEFAULT_JSPI_RESIDENT_STACKS, EngineConfig, StackEvent};
pub use errors::take_exception;
pub use promising::{JspiEvent, JspiTrace};
pub use state::teardown;

/// How the `WebAssembly` binding is set up.
#[derive(Clone, Default)]
pub struct Options {
    /// Engine settings (stack limits, JSPI stack size and count).
    pub engine: EngineConfig,
    /// Called for every JSPI suspension and resumption (`--trace-jspi`).
    pub trace: Option<JspiTrace>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("engine", &self.engine)
            .field("trace", &self.trace.is_some())
            .finish()
    }
}

use crate::instance::Instance;
use crate::module::Module;
use crate::state::StateHandle;

/// Installs the `WebAssembly` namespace in `ctx`, with its own engine and store.
///
/// # Errors
/// Fails if the Wasm engine cannot be created on this host or QuickJS runs out of memory.
pub fn install(ctx: &Ctx<'_>, options: &Options) -> Result<()> {
    let state = state::create(ctx, &options.engine)
        .map_err(|e| rquickjs::Exception::throw_internal(ctx, &e.to_string()))?;
    state
        .jspi
        .configure(options.engine.jspi_max_stacks, options.trace.clone());
    if options.trace.is_some()
        && let Some(jspi) = state.jspi.jspi.borrow().as_ref()
    {
        jspi.record_stack_events(&state.store, true);
    }
    if ctx.store_userdata(StateHandle(state.clone())).is_err() {
        return Err(rquickjs::Exception::throw_internal(
            ctx,
            "the WebAssembly binding is already installed",
        ));
    }
    let namespace = Object::new(ctx.clone())?;
    webidl::set_to_string_tag(ctx, &namespace, "WebAssembly")?;
    webidl::define_class::<Module>(ctx, &namespace, "WebAssembly.Module", 1)?;
    webidl::define_class::<Instance>(ctx, &namespace, "WebAssembly.Instance", 1)?;
    webidl::define_class::<memory::Memory>(ctx, &namespace, "WebAssembly.Memory", 1)?;
    webidl::define_class::<table::Table>(ctx, &namespace, "WebAssembly.Table", 1)?;
    webidl::define_class::<global::Global>(ctx, &namespace, "WebAssembly.Global", 1)?;
    webidl::define_class::<suspending::Suspending>(ctx, &namespace, "WebAssembly.Suspending", 1)?;
    webidl::define_class::<tag::Tag>(ctx, &namespace, "WebAssembly.Tag", 1)?;
    webidl::define_class::<exception::Exception>(ctx, &namespace, "WebAssembly.Exception", 2)?;
    errors::define(ctx, &state, &namespace)?;
    let js_tag = state
        .jspi
        .jspi
        .borrow()
        .as_ref()
        .map(baton_wasm::Jspi::js_tag);
    if let Some(js_tag) = js_tag {
        let object = tag::tag_object(ctx, &state, js_tag)?;
        webidl::define_hidden(&namespace, "JSTag", object)?;
    }
    // Exception objects are remembered weakly (see `state.rs`).
    let weak_ref: Function = ctx.globals().get("WeakRef")?;
    let deref: Function = weak_ref.get::<_, Object>("prototype")?.get("deref")?;
    state.set_intrinsic(ctx, "WeakRef", weak_ref);
    state.set_intrinsic(ctx, "WeakRef.prototype.deref", deref);
    let promising = Function::new(ctx.clone(), promising::promising)?
        .with_name("promising")?
        .with_length(1)?;
    webidl::define_hidden(&namespace, "promising", promising)?;
    memory::guard_transfer(ctx, &state)?;

    let validate = Function::new(ctx.clone(), validate)?
        .with_name("validate")?
        .with_length(1)?;
    webidl::define_hidden(&namespace, "validate", validate)?;
    let compile = Function::new(ctx.clone(), compile)?
        .with_name("compile")?
        .with_length(1)?;
    webidl::define_hidden(&namespace, "compile", compile)?;
    let instantiate = Function::new(ctx.clone(), instantiate)?
        .with_name("instantiate")?
        .with_length(1)?;
    webidl::define_hidden(&namespace, "instantiate", instantiate)?;

    webidl::define_hidden(&ctx.globals(), "WebAssembly", namespace)?;
    Ok(())
}

/// `WebAssembly.validate(bytes)`.
fn validate<'js>(ctx: Ctx<'js>, bytes: Opt<Value<'js>>) -> Result<bool> {
    let bytes = bytes.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
    let bytes = webidl::buffer_source_bytes(&ctx, &bytes, "WebAssembly.validate(): Argument 0")?;
    Ok(baton_wasm::Module::validate(
        &state::get(&ctx).engine,
        &bytes,
    ))
}

/// `WebAssembly.compile(bytes)`: a promise of a `Module`. Errors, including argument errors,
/// reject the promise.
fn compile<'js>(ctx: Ctx<'js>, bytes: Opt<Value<'js>>) -> Result<Promise<'js>> {
    settle(&ctx, || {
        let bytes = bytes.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let bytes = webidl::buffer_source_bytes(&ctx, &bytes, "WebAssembly.compile(): Argument 0")?;
        Ok(Class::instance(ctx.clone(), module::compile(&ctx, &bytes)?)?.into_value())
    })
}

/// `WebAssembly.instantiate(bytes, imports)` (a promise of `{module, instance}`) and
/// `WebAssembly.instantiate(module, imports)` (a promise of the instance).
fn instantiate<'js>(
    ctx: Ctx<'js>,
    source: Opt<Value<'js>>,
    imports: Opt<Value<'js>>,
) -> Result<Promise<'js>> {
    settle(&ctx, || {
        let source = source
            .0
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        if let Ok(module) = Class::<Module>::from_value(&source) {
            let module = module.borrow().module.clone();
            return Ok(Class::instance(
                ctx.clone(),
                instance::instantiate(&ctx, &module, imports.0)?,
            )?
            .into_value());
        }
        let bytes = webidl::buffer_source_bytes(
            &ctx,
            &source,
            "WebAssembly.instantiate(): Argument 0 must be a buffer source or a WebAssembly.Module object",
        )?;
        let compiled = module::compile(&ctx, &bytes)?;
        let wasm_module = compiled.module.clone();
        let module = Class::instance(ctx.clone(), compiled)?;
        let instance = Class::instance(
            ctx.clone(),
            instance::instantiate(&ctx, &wasm_module, imports.0)?,
        )?;
        let result = Object::new(ctx.clone())?;
        result.set("module", module)?;
        result.set("instance", instance)?;
        Ok(result.into_value())
    })
}

/// A promise settled with the outcome of `work`: resolved with its value, or rejected with what
/// it threw. The work itself runs now; the promise's reactions run as microtasks, as with any
/// settled promise. (Also the host's way to make promise-returning APIs that never throw.)
///
/// # Errors
/// Fails only if QuickJS cannot allocate the promise.
pub fn settle<'js>(
    ctx: &Ctx<'js>,
    work: impl FnOnce() -> Result<Value<'js>>,
) -> Result<Promise<'js>> {
    let (promise, resolve, reject) = ctx.promise()?;
    match work() {
        Ok(value) => resolve.call::<_, ()>((value,))?,
        Err(e) => reject.call::<_, ()>((errors::take_exception(ctx, e),))?,
    }
    Ok(promise)
}
