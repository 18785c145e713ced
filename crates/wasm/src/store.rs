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
use std::ptr::NonNull;
use std::rc::Rc;

use wasmtime::{AsContextMut, Caller, Extern, Func, FuncType, Instance, StoreContextMut, Val};

use crate::{Engine, Error, Module};

/// What a host import does when Wasm calls it; implemented by the embedder (the JS binding).
pub trait Host {
    /// Runs host import number `index` (as given to [`Store::host_func`]) with `params`, writing
    /// its results into `results`.
    ///
    /// # Errors
    /// [`HostError`] when the import threw; the embedder keeps what was thrown and gets
    /// [`Error::Host`] back from the Wasm call that led here.
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
}

/// Marks a Wasm call as unwound by a host import that threw; the embedder holds the thrown value.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("a host import threw")]
pub struct HostError;

/// The data wasmtime keeps in the store for baton.
pub struct StoreData {
    host: Rc<dyn Host>,
    /// `*mut Caller<'_, StoreData>` of each host call in progress, innermost last.
    callers: Vec<NonNull<()>>,
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
        };
        Store {
            inner: UnsafeCell::new(wasmtime::Store::new(&engine.inner, data)),
        }
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

    /// A host function (for the JSPI invokers) passing its arguments to [`Host::job_results`].
    pub fn host_job_results(&self, ty: FuncType) -> Func {
        self.host_fn(ty, |host, params, _| {
            host.job_results(params);
            Ok(())
        })
    }

    fn host_fn(
        &self,
        ty: FuncType,
        f: impl Fn(&dyn Host, &[Val], &mut [Val]) -> Result<(), HostError> + Send + Sync + 'static,
    ) -> Func {
        self.with(|cx| {
            Func::new(
                cx,
                ty,
                move |mut caller: Caller<'_, StoreData>, params, results| {
                    let ptr = NonNull::from(&mut caller).cast::<()>();
                    caller.data_mut().callers.push(ptr);
                    let host = caller.data().host.clone();
                    let result = f(&*host, params, results);
                    caller.data_mut().callers.pop();
                    result.map_err(wasmtime::Error::new)
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
    /// [`Error::Trap`] or [`Error::StackOverflow`] if Wasm trapped, [`Error::Host`] if a host
    /// import threw.
    pub fn call(&self, func: &Func, params: &[Val], results: &mut [Val]) -> Result<(), Error> {
        self.with(|cx| call(cx, func, params, results))
    }

    /// Instantiates `module` with `imports` (in the module's import order).
    ///
    /// # Errors
    /// [`Error::Link`] if an import does not match; [`Error::Trap`], [`Error::StackOverflow`] or
    /// [`Error::Host`] if the start function fails.
    pub fn instantiate(&self, module: &Module, imports: &[Extern]) -> Result<Instance, Error> {
        self.with(|cx| {
            Instance::new(cx, &module.inner, imports).map_err(|e| {
                if e.is::<HostError>() || e.is::<wasmtime::Trap>() {
                    Error::from_wasmtime(e)
                } else {
                    Error::Link(format!("{e:#}"))
                }
            })
        })
    }
}

/// Calls `func` in the context `cx` (see [`Store::call`]).
///
/// # Errors
/// As [`Store::call`].
pub fn call(
    cx: impl AsContextMut,
    func: &Func,
    params: &[Val],
    results: &mut [Val],
) -> Result<(), Error> {
    func.call(cx, params, results).map_err(Error::from_wasmtime)
}
