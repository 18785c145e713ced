//! The store: every instance, memory, table, global and function of one embedder (one JS
//! runtime), and the re-entrancy that host imports need.
//!
//! Host imports run in the middle of a Wasm call, and the code they run (JS) may call exports,
//! read memories or grow tables of the same store. wasmtime hands a host function a `Caller`,
//! which is the store for the duration of that call; [`Store::with`] therefore uses the innermost
//! active `Caller` when there is one and the store itself otherwise. Host functions are created by
//! [`Store::host_func`], which maintains that stack of callers.
//!
//! Invariant: `with` is never re-entered except through a host call (which pushes a caller), so
//! at most one `StoreContextMut` is usable at any time.

use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::ptr::NonNull;
use std::rc::Rc;

use std::sync::{Arc, Mutex};

use smallvec::SmallVec;
use wasmtime::{
    AsContext, AsContextMut, Caller, ExnRef, ExnRefPre, ExnType, Extern, ExternRef, Func, FuncType,
    Instance, OwnedRooted, Rooted, StoreContextMut, Tag, ThrownException, TypedFunc, Val, ValRaw,
    ValType,
};

use crate::parking::Parking;
use crate::{Engine, Error, Module};

/// What a host import does when Wasm calls it; implemented by the embedder (the JS binding).
pub trait Host {
    /// Runs host import number `index` (as given to [`Store::host_func`]) with `params`, writing
    /// its results into `results`.
    ///
    /// # Errors
    /// [`HostError`] when the import threw; the embedder keeps what was thrown and gets
    /// [`Error::Js`] back from the Wasm call that led here if Wasm does not catch it.
    fn call(&self, index: usize, params: &[Val], results: &mut [Val]) -> Result<(), HostError>;

    /// Keeps the arguments of a call of import `id` made inside a continuation, which is about
    /// to suspend so that the host runs the import on the main stack. Must not run JS.
    fn stash(&self, id: u32, params: &[Val]);

    /// Writes the results the host prepared for the call of import `id` that the resumed
    /// continuation made. Must not run JS.
    ///
    /// # Errors
    /// [`HostError`] to throw the exception the import produced at its call site.
    fn take(&self, id: u32, results: &mut [Val]) -> Result<(), HostError>;

    /// Writes the arguments of the promising call whose job is starting. Must not run JS.
    fn job_args(&self, args: &mut [Val]);

    /// Keeps the results of the promising call whose job finished. Must not run JS.
    fn job_results(&self, results: &[Val]);

    /// Keeps what the promising call whose job just ended threw instead of returning.
    fn job_threw(&self, thrown: Thrown);

    /// Runs import `id` for the JSPI worker in `slot`, which suspended to call it (its
    /// arguments are in the mailbox or were given to [`Host::stash`]), on the main stack; may
    /// run JS, and resume other workers. Returns `true` to resume the worker at once, with its
    /// results (or exception) in place; `false` if it waits. `from_job`: as passed to the
    /// [`crate::jspi::Resumer::resume`] that resumed the worker.
    fn run_import(&self, slot: u32, id: u32, from_job: bool) -> bool;
}

/// A host value that a host function throws into Wasm. It travels as a Wasm exception with the
/// JS tag (`(tag (param externref))`), whose payload is an externref holding this [`HostRef`], so
/// Wasm can catch it and, if it escapes, the host gets the same value back ([`Error::Js`]).
///
/// A host function can also rethrow a Wasm exception it holds ([`HostError::Exception`]), which
/// then reaches Wasm as itself (same tag, same payload, same identity).
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// A host value, thrown with the JS tag.
    #[error("a host import threw")]
    Value(HostRef),
    /// A Wasm exception, thrown as it is.
    #[error("a host import rethrew a WebAssembly exception")]
    Exception(Exn),
}

/// A Wasm exception kept alive outside Wasm (by the host, or on its way out to it).
#[derive(Debug, Clone)]
pub struct Exn(pub OwnedRooted<ExnRef>);

impl std::fmt::Display for Exn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a WebAssembly exception escaped")
    }
}

/// The payload of an externref that stands for a host value: slot `id` in the host's table of
/// values. When wasmtime collects the externref, the slot id is queued on `freed` for the host
/// to release (the host never runs code from inside the collector).
#[derive(Debug)]
pub struct HostRef {
    /// The host's slot for the value.
    pub id: u32,
    freed: Arc<Mutex<Vec<u32>>>,
}

impl HostRef {
    /// A payload for slot `id`, which `freed` receives back when the externref dies.
    pub fn new(id: u32, freed: Arc<Mutex<Vec<u32>>>) -> Self {
        HostRef { id, freed }
    }
}

impl Drop for HostRef {
    fn drop(&mut self) {
        if let Ok(mut freed) = self.freed.lock() {
            freed.push(self.id);
        }
    }
}

/// What a job of a promising call threw (see [`Host::job_threw`]).
#[derive(Debug, Clone)]
pub enum Thrown {
    /// A host value (slot id), thrown with the JS tag.
    Js(u32),
    /// A Wasm exception with another tag.
    Wasm(Exn),
}

/// The data wasmtime keeps in the store for baton.
pub struct StoreData {
    host: Rc<dyn Host>,
    /// `*mut Caller<'_, StoreData>` of each host call in progress, innermost last.
    callers: Vec<NonNull<()>>,
    /// The JS tag, once the JSPI runtime defined it.
    js_tag: Option<Tag>,
    /// Parking of suspended JSPI stacks (see `parking.rs`).
    pub(crate) parking: Parking,
    /// The store's resource limiter (see [`Store::memory_growths`]).
    growths: Growths,
}

/// The store's resource limiter, which only counts how many times a memory was created or asked
/// to grow: it allows what wasmtime allows without one (a memory's own maximum is enforced after
/// it either way).
#[derive(Default)]
struct Growths {
    memories: u64,
}

impl wasmtime::ResourceLimiter for Growths {
    fn memory_growing(
        &mut self,
        _current: usize,
        _desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        self.memories += 1;
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        _desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(true)
    }
}

impl StoreData {
    /// Must be called before the host allocates anything in the store's GC heap (an exception,
    /// an externref): a garbage collection may follow, and it needs every suspended stack in place,
    /// so parking stops for good and parked stacks are restored (see `parking.rs`).
    pub fn before_gc_allocation(&mut self) {
        self.parking.stop();
    }
}

/// A store of Wasm objects with re-entrant access (see the module docs).
pub struct Store {
    inner: UnsafeCell<wasmtime::Store<StoreData>>,
}

impl Store {
    /// Creates a store whose host imports are served by `host`.
    pub fn new(engine: &Engine, host: Rc<dyn Host>) -> Self {
        let data = StoreData {
            host,
            callers: Vec::new(),
            js_tag: None,
            growths: Growths::default(),
            parking: Parking::new(engine.stack_size, engine.resident_stacks),
        };
        let mut store = wasmtime::Store::new(&engine.inner, data);
        store.limiter(|data| &mut data.growths);
        Store {
            inner: UnsafeCell::new(store),
        }
    }

    /// How many times a (non-shared) memory of this store was created or asked to grow, from
    /// Wasm or from the host: while it stays the same, no such memory changed size, which spares
    /// reading every memory's size (each read costs a store lookup) to find out.
    pub fn memory_growths(&self) -> u64 {
        self.with(|cx| cx.data().growths.memories)
    }

    /// Runs `f` with the store's current context: the innermost host call's `Caller` if Wasm is
    /// running, the store itself otherwise.
    pub fn with<R>(&self, f: impl FnOnce(StoreContextMut<'_, StoreData>) -> R) -> R {
        // SAFETY: the store is only reached through this method, which is entered again only from
        // inside a host call (the module invariant). During a host call the outer context is
        // suspended in wasmtime's call, and the innermost `Caller` is the one live handle to the
        // store; it stays valid until the host function returns, when it is popped.
        unsafe {
            let store = &mut *self.inner.get();
            match store.data().callers.last().copied() {
                Some(caller) => {
                    let caller = &mut *caller.cast::<Caller<'_, StoreData>>().as_ptr();
                    f(caller.as_context_mut())
                }
                None => f(store.as_context_mut()),
            }
        }
    }

    /// Creates a function of type `ty` that runs host import `index` of the store's [`Host`].
    pub fn host_func(&self, ty: FuncType, index: usize) -> Func {
        self.host_fn(ty, move |host, params, results| {
            host.call(index, params, results)
        })
    }

    /// A host function (for the JSPI adapters) that passes its arguments to [`Host::stash`].
    pub fn host_stash(&self, ty: FuncType, id: u32) -> Func {
        self.host_fn(ty, move |host, params, _| {
            host.stash(id, params);
            Ok(())
        })
    }

    /// A host function (for the JSPI adapters) that returns what [`Host::take`] gives.
    pub fn host_take(&self, ty: FuncType, id: u32) -> Func {
        self.host_fn(ty, move |host, _, results| host.take(id, results))
    }

    /// A host function (for the JSPI invokers) returning [`Host::job_args`].
    pub fn host_job_args(&self, ty: FuncType) -> Func {
        self.host_fn(ty, |host, _, results| {
            host.job_args(results);
            Ok(())
        })
    }

    /// The host function every JSPI worker calls once, first thing on its new stack: that is
    /// where parking learns where the stack is (see `parking.rs`). It runs no host code.
    pub(crate) fn host_locate(&self) -> Func {
        self.with(|cx| {
            Func::wrap(cx, |mut caller: Caller<'_, StoreData>| {
                let here = 0u8;
                let here = std::hint::black_box(&here) as *const u8 as usize;
                caller.data_mut().parking.on_worker_stack(here);
            })
        })
    }

    /// The host function the JSPI runtime's `resume` calls when its worker suspended to call an
    /// import: [`Host::run_import`], telling parking whether the worker goes on or waits.
    pub(crate) fn host_run_import(&self) -> Func {
        self.with(|cx| {
            Func::wrap(
                cx,
                |mut caller: Caller<'_, StoreData>, slot: u32, id: u32, from_job: u32| -> u32 {
                    let now =
                        with_host(&mut caller, |host| host.run_import(slot, id, from_job != 0));
                    let parking = &mut caller.data_mut().parking;
                    if now {
                        parking.import_returned(slot);
                    } else {
                        parking.waits_in_import(slot);
                    }
                    u32::from(now)
                },
            )
        })
    }

    /// A host function (for the JSPI invokers) passing its arguments to [`Host::job_results`].
    pub fn host_job_results(&self, ty: FuncType) -> Func {
        self.host_fn(ty, |host, params, _| {
            host.job_results(params);
            Ok(())
        })
    }

    /// A host function of type `ty` running `f` with its parameters and results as `Val`s.
    ///
    /// Made with `Func::new_unchecked` rather than `Func::new`, whose generality (a vector of
    /// `Val`s per call, a registry lookup per result's type check) is about 500 instructions of
    /// every Wasm -> JS call: the values stay on the stack, and only reference results need the
    /// full type check.
    fn host_fn(
        &self,
        ty: FuncType,
        f: impl Fn(&dyn Host, &[Val], &mut [Val]) -> Result<(), HostError> + Send + Sync + 'static,
    ) -> Func {
        let params: Box<[ValType]> = ty.params().collect();
        let results: Box<[ValType]> = ty.results().collect();
        self.with(|cx| {
            // SAFETY: wasmtime passes the parameters of `ty` in `raw`, which has room for the
            // results too (its array calling convention); they are read as `params` says, and
            // only results checked to be of their type in `results` are written.
            unsafe {
                Func::new_unchecked(
                    cx,
                    ty,
                    move |mut caller: Caller<'_, StoreData>, raw: &mut [MaybeUninit<ValRaw>]| {
                        let mut args: SmallVec<[Val; 8]> = SmallVec::new();
                        for (value, ty) in raw.iter().zip(&params) {
                            args.push(Val::from_raw(&mut caller, value.assume_init(), ty.clone()));
                        }
                        let mut outs: SmallVec<[Val; 4]> = results.iter().map(zero).collect();
                        run_host(&mut caller, |host| f(host, &args, &mut outs))?;
                        for ((slot, value), ty) in raw.iter_mut().zip(&outs).zip(&results) {
                            if !has_type(&caller, value, ty)? {
                                wasmtime::bail!(
                                    "a host function returned a value that is not of its result type {ty}"
                                );
                            }
                            slot.write(value.to_raw(&mut caller)?);
                        }
                        Ok(())
                    },
                )
            }
        })
    }

    /// Makes `tag` (`(param externref)`) the tag host values are thrown with.
    ///
    /// # Errors
    /// Fails if the tag does not have that type.
    pub fn set_js_tag(&self, tag: Tag) -> Result<(), Error> {
        self.with(|mut cx| {
            ExnType::from_tag_type(&tag.ty(&cx)).map_err(|e| Error::Engine(format!("{e:#}")))?;
            cx.data_mut().js_tag = Some(tag);
            Ok(())
        })
    }

    /// A host function (for the JSPI invokers) that reports an exception a job threw.
    pub fn host_job_threw(&self, ty: FuncType) -> Func {
        self.with(|cx| {
            Func::new(
                cx,
                ty,
                move |mut caller: Caller<'_, StoreData>, params, _| {
                    if let Some(Val::ExnRef(Some(exn))) = params.first() {
                        let thrown = classify(&mut caller, exn)?;
                        let host = caller.data().host.clone();
                        host.job_threw(thrown);
                    }
                    Ok(())
                },
            )
        })
    }

    /// Instantiates a generated module with already-resolved imports.
    pub(crate) fn instantiate_raw(
        &self,
        module: &wasmtime::Module,
        imports: &[Extern],
    ) -> Result<Instance, Error> {
        self.with(|cx| Instance::new(cx, module, imports))
            .map_err(|e| Error::Engine(format!("{e:#}")))
    }

    /// Calls `func` with `params`, filling `results`.
    ///
    /// # Errors
    /// [`Error::Trap`] or [`Error::StackOverflow`] if Wasm trapped; [`Error::Js`] if a host value
    /// thrown by a host function escaped; [`Error::Exception`] if a Wasm exception escaped.
    pub fn call(&self, func: &Func, params: &[Val], results: &mut [Val]) -> Result<(), Error> {
        self.with(|cx| call(cx, func, params, results))
    }

    /// Calls a typed `(i32, i32, i32) -> i32` function: the fast path for the JSPI runtime's
    /// `resume`.
    ///
    /// # Errors
    /// As [`Store::call`].
    pub fn call_i32x3(
        &self,
        func: &TypedFunc<(i32, i32, i32), i32>,
        arg: (i32, i32, i32),
    ) -> Result<i32, Error> {
        self.with(|mut cx| {
            let outcome = func.call(&mut cx, arg);
            outcome.map_err(|e| escaped(cx, e))
        })
    }

    /// Instantiates `module` with `imports` (in the module's import order).
    ///
    /// # Errors
    /// [`Error::Link`] if an import does not match; [`Error::Trap`], [`Error::StackOverflow`] or
    /// [`Error::Js`] or [`Error::Exception`] if the start function fails.
    pub fn instantiate(&self, module: &Module, imports: &[Extern]) -> Result<Instance, Error> {
        self.with(|mut cx| {
            if module.allocates_gc() {
                cx.data_mut().before_gc_allocation();
            }
            Instance::new(&mut cx, &module.inner, imports).map_err(|e| {
                if e.is::<ThrownException>() || e.is::<HostError>() || e.is::<wasmtime::Trap>() {
                    escaped(cx, e)
                } else {
                    Error::Link(format!("{e:#}"))
                }
            })
        })
    }
}

/// Runs `f` with the store's [`Host`] inside a host function, with `caller` pushed so that
/// [`Store::with`] reaches the store through it, and throws what `f` throws into Wasm.
fn run_host(
    caller: &mut Caller<'_, StoreData>,
    f: impl FnOnce(&dyn Host) -> Result<(), HostError>,
) -> wasmtime::Result<()> {
    match with_host(caller, f) {
        Ok(()) => Ok(()),
        Err(HostError::Value(value)) => throw_host_value(caller, value),
        Err(HostError::Exception(exn)) => {
            let exn = exn.0.to_rooted(&mut *caller);
            caller.as_context_mut().throw(exn)
        }
    }
}

/// Runs `f` with the store's [`Host`] inside a host function, with `caller` pushed so that
/// [`Store::with`] reaches the store through it.
fn with_host<R>(caller: &mut Caller<'_, StoreData>, f: impl FnOnce(&dyn Host) -> R) -> R {
    let ptr = NonNull::from(&mut *caller).cast::<()>();
    caller.data_mut().callers.push(ptr);
    let host = caller.data().host.clone();
    let result = f(&*host);
    caller.data_mut().callers.pop();
    result
}

/// The value a host function's result of type `ty` starts as (a null reference fails the type
/// check of a non-nullable type, so a result never written is caught).
fn zero(ty: &ValType) -> Val {
    match ty {
        ValType::I64 => Val::I64(0),
        ValType::F32 => Val::F32(0),
        ValType::F64 => Val::F64(0),
        ValType::V128 => Val::V128(0u128.into()),
        ValType::Ref(r) => Val::null_ref(r.heap_type()),
        ValType::I32 => Val::I32(0),
    }
}

/// Whether `value` is of type `ty` (numbers by their kind; references asking the store).
fn has_type(cx: impl AsContext, value: &Val, ty: &ValType) -> wasmtime::Result<bool> {
    Ok(match (value, ty) {
        (Val::I32(_), ValType::I32)
        | (Val::I64(_), ValType::I64)
        | (Val::F32(_), ValType::F32)
        | (Val::F64(_), ValType::F64)
        | (Val::V128(_), ValType::V128) => true,
        (_, ValType::Ref(_)) => value.matches_ty(cx, ty)?,
        _ => false,
    })
}

/// Calls `func` in the context `cx` (see [`Store::call`]).
///
/// # Errors
/// As [`Store::call`].
pub fn call(
    mut cx: impl AsContextMut<Data = StoreData>,
    func: &Func,
    params: &[Val],
    results: &mut [Val],
) -> Result<(), Error> {
    let outcome = func.call(&mut cx, params, results);
    outcome.map_err(|e| escaped(cx, e))
}

/// Calls `func`, whose type is `ty`, with `params` that already have its parameter types: the fast
/// path for calls from JS, which converts each argument to its parameter type itself. Skips
/// wasmtime's per-call type checks and allocations.
///
/// # Errors
/// As [`Store::call`].
///
/// # Panics
/// If `params` or `results` do not have the lengths `ty` says (a bug in the caller).
pub fn call_typed(
    mut cx: impl AsContextMut<Data = StoreData>,
    func: &Func,
    ty: &FuncType,
    params: &[Val],
    results: &mut [Val],
) -> Result<(), Error> {
    assert_eq!(params.len(), ty.params().len(), "argument count");
    assert_eq!(results.len(), ty.results().len(), "result count");
    let len = params.len().max(results.len());
    let mut stack = [ValRaw::i32(0); 8];
    let mut heap = Vec::new();
    let raw: &mut [ValRaw] = if len <= stack.len() {
        &mut stack[..len]
    } else {
        heap.resize(len, ValRaw::i32(0));
        &mut heap
    };
    for (slot, param) in raw.iter_mut().zip(params) {
        *slot = param
            .to_raw(&mut cx)
            .map_err(|e| Error::Trap(format!("{e:#}")))?;
    }
    // SAFETY: `raw` has room for the parameters and for the results; each parameter was converted
    // to exactly its type in `ty` (the caller's contract, checked for counts above), references
    // are rooted in `cx` for the duration of the call, and the call is not made from an async
    // context.
    let outcome = unsafe { func.call_unchecked(&mut cx, raw as *mut [ValRaw]) };
    if let Err(e) = outcome {
        return Err(escaped(cx, e));
    }
    for ((slot, value), result_ty) in results.iter_mut().zip(raw.iter()).zip(ty.results()) {
        // SAFETY: wasmtime wrote a value of type `result_ty` into each result slot.
        *slot = unsafe { Val::from_raw(&mut cx, *value, result_ty) };
    }
    Ok(())
}

/// Classifies an error that came out of Wasm, taking a pending exception off the store.
fn escaped(mut cx: impl AsContextMut<Data = StoreData>, e: wasmtime::Error) -> Error {
    if e.is::<ThrownException>() {
        let mut cx = cx.as_context_mut();
        return match cx.take_pending_exception() {
            Some(exn) => match classify(&mut cx, &exn) {
                Ok(Thrown::Js(id)) => Error::Js(id),
                Ok(Thrown::Wasm(exn)) => Error::Exception(exn),
                Err(e) => Error::Engine(format!("{e:#}")),
            },
            None => Error::Engine("an exception escaped without a value".into()),
        };
    }
    Error::from_wasmtime(e)
}

/// Whether `exn` carries a host value (the JS tag) or is a Wasm exception of another tag.
fn classify(
    mut cx: impl AsContextMut<Data = StoreData>,
    exn: &Rooted<ExnRef>,
) -> wasmtime::Result<Thrown> {
    let mut cx = cx.as_context_mut();
    let js_tag = cx.data().js_tag;
    let tag = exn.tag(&mut cx)?;
    if let Some(js_tag) = js_tag
        && Tag::eq(&js_tag, &tag, &cx)
        && let Ok(Val::ExternRef(Some(payload))) = exn.field(&mut cx, 0)
        && let Ok(Some(data)) = payload.data(&cx)
        && let Some(host_ref) = data.downcast_ref::<HostRef>()
    {
        return Ok(Thrown::Js(host_ref.id));
    }
    Ok(Thrown::Wasm(Exn(exn.to_owned_rooted(&mut cx)?)))
}

/// Throws `value` into the calling Wasm code as an exception with the JS tag.
fn throw_host_value(caller: &mut Caller<'_, StoreData>, value: HostRef) -> wasmtime::Result<()> {
    let Some(tag) = caller.data().js_tag else {
        return Err(wasmtime::Error::new(HostError::Value(value)));
    };
    let ty = ExnType::from_tag_type(&tag.ty(&*caller))?;
    caller.data_mut().before_gc_allocation();
    let pre = ExnRefPre::new(&mut *caller, ty);
    let payload = ExternRef::new(&mut *caller, value)?;
    let exn = ExnRef::new(&mut *caller, &pre, &tag, &[Val::ExternRef(Some(payload))])?;
    caller.as_context_mut().throw(exn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EngineConfig;

    /// Import 0 returns its argument plus one; import 1 returns an `i64` whatever its type says.
    struct Imports;

    impl Host for Imports {
        fn call(&self, index: usize, params: &[Val], results: &mut [Val]) -> Result<(), HostError> {
            if let (Some(Val::I32(x)), Some(result)) = (params.first(), results.first_mut()) {
                *result = match index {
                    0 => Val::I32(x + 1),
                    _ => Val::I64(i64::from(*x)),
                };
            }
            Ok(())
        }
        fn stash(&self, _: u32, _: &[Val]) {}
        fn take(&self, _: u32, _: &mut [Val]) -> Result<(), HostError> {
            Ok(())
        }
        fn job_args(&self, _: &mut [Val]) {}
        fn job_results(&self, _: &[Val]) {}
        fn job_threw(&self, _: Thrown) {}
        fn run_import(&self, _: u32, _: u32, _: bool) -> bool {
            false
        }
    }

    #[test]
    fn host_functions_pass_values_and_refuse_results_of_another_type() {
        let engine = Engine::new(&EngineConfig::default()).unwrap();
        let store = Store::new(&engine, Rc::new(Imports));
        let ty = FuncType::new(engine.wasmtime(), [ValType::I32], [ValType::I32]);
        let (right, wrong) = (store.host_func(ty.clone(), 0), store.host_func(ty, 1));
        let mut out = [Val::I32(0)];
        store.call(&right, &[Val::I32(41)], &mut out).unwrap();
        assert!(matches!(out[0], Val::I32(42)));
        let error = store.call(&wrong, &[Val::I32(1)], &mut out).unwrap_err();
        assert!(
            format!("{error}").contains("not of its result type i32"),
            "{error}"
        );
    }

    #[test]
    fn memory_growths_count_each_memory_made_or_grown_and_nothing_else() {
        let engine = Engine::new(&EngineConfig::default()).unwrap();
        let store = Store::new(&engine, Rc::new(Imports));
        let start = store.memory_growths();
        let ty = wasmtime::MemoryType::new(1, Some(2));
        let memory = store.with(|cx| wasmtime::Memory::new(cx, ty)).unwrap();
        let made = store.memory_growths();
        assert!(made > start, "making a memory counts");
        assert_eq!(store.with(|cx| memory.grow(cx, 0)).unwrap(), 1);
        assert_eq!(store.memory_growths(), made, "grow(0) changes no size");
        assert_eq!(store.with(|cx| memory.grow(cx, 1)).unwrap(), 1);
        assert_eq!(store.memory_growths(), made + 1);
        // Past the maximum the grow fails after the limiter allowed it: counted, harmlessly.
        assert!(store.with(|cx| memory.grow(cx, 1)).is_err());
        assert_eq!(store.with(|cx| memory.size(cx)), 2);
        let table_ty = wasmtime::TableType::new(wasmtime::RefType::FUNCREF, 1, None);
        let table = store
            .with(|cx| wasmtime::Table::new(cx, table_ty, wasmtime::Ref::Func(None)))
            .unwrap();
        let counted = store.memory_growths();
        store
            .with(|cx| table.grow(cx, 3, wasmtime::Ref::Func(None)))
            .unwrap();
        assert_eq!(
            store.memory_growths(),
            counted,
            "tables grow freely, uncounted"
        );
        assert_eq!(store.with(|cx| table.size(cx)), 4);
    }
}
