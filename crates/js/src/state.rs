//! Per-context state of the `WebAssembly` binding: the engine, the store, and the tables that
//! connect JS values with Wasm values.
//!
//! - `imports`: the JS function behind each host import created for an instance (wasmtime host
//!   functions must be `Send`, so they carry only an index into this table).
//! - `functions` / `function_objects`: each Wasm function's one JS function object, both ways, so
//!   an exported function is the same object every time it is seen (spec: "the same JS function
//!   object for the same function"), and a funcref argument finds its Wasm function.
//! - `externs`: the JS value behind each `externref` handed to Wasm. Each externref owns one slot;
//!   when wasmtime collects the externref, its payload's `Drop` queues the slot for release, and
//!   the queue is drained the next time a slot is needed (no JS is ever touched from the GC).
//! - JS exceptions cross Wasm as Wasm exceptions with the JS tag whose payload is an externref
//!   slot, so the very value thrown comes back out (see `baton_wasm::HostError`).
//!
//! Invariant: everything here that holds JS values is released by [`teardown`] before the QuickJS
//! runtime is freed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::sync::{Arc, Mutex};

use baton_wasm::wasmtime::{Func, FuncType, Val};
use baton_wasm::{Engine, EngineConfig, Host, HostError, HostRef, Store, Thrown};
use rquickjs::{ArrayBuffer, Ctx, Function, JsLifetime, Persistent, Value, qjs};

use crate::memory::MemoryHandle;
use crate::promising::{JspiState, Label};
use crate::{convert, errors};

/// The binding's state for one JS context.
pub(crate) struct WasmState {
    pub(crate) engine: Engine,
    pub(crate) store: Store,
    /// The context the state belongs to, lent to host calls. It holds no reference of its own
    /// (the state lives in the context's userdata and must not keep it alive), so it is never
    /// dropped; it is live whenever the state is used (before `teardown`).
    ctx: std::mem::ManuallyDrop<Ctx<'static>>,
    imports: RefCell<Vec<ImportEntry>>,
    function_labels: RefCell<HashMap<usize, Label>>,
    pub(crate) jspi: JspiState,
    functions: RefCell<HashMap<usize, Persistent<Function<'static>>>>,
    function_objects: RefCell<HashMap<usize, Func>>,
    /// What calls of each exported function's JS object need, at the index that object carries.
    export_calls: RefCell<Vec<Rc<convert::ExportCall>>>,
    externs: RefCell<HostRefs>,
    intrinsics: RefCell<HashMap<&'static str, Persistent<Function<'static>>>>,
    this: Weak<WasmState>,
    buffers: RefCell<Vec<BufferEntry>>,
    /// `Store::memory_growths` when `buffers` were last checked: while it is unchanged, no
    /// buffer of a non-shared memory can be stale.
    buffers_checked: std::cell::Cell<u64>,
    extern_objects: RefCell<HashMap<ObjectKey, Persistent<Value<'static>>>>,
    /// Tags have no hashable identity; they are few, so a list compared with `Tag::eq`.
    tag_objects: RefCell<Vec<(baton_wasm::wasmtime::Tag, Persistent<Value<'static>>)>>,
    /// The JS object of each Wasm exception that reached JS.
    exception_objects: RefCell<ExceptionObjects>,
}

/// Wasm exception -> its `WebAssembly.Exception` object, held through a `WeakRef` so that an
/// exception nobody references any more is forgotten (and its Wasm side can be collected). A list
/// compared with `ref_eq` (exceptions have no hashable identity), pruned of dead entries whenever
/// it has doubled since the last pruning.
#[derive(Default)]
struct ExceptionObjects {
    entries: Vec<(baton_wasm::Exn, Persistent<Value<'static>>)>,
    prune_at: usize,
}

/// The target of the `WeakRef` `weak`, if still alive (`deref`: the intrinsic
/// `WeakRef.prototype.deref`).
fn weak_target<'js>(
    ctx: &Ctx<'js>,
    deref: &Function<'js>,
    weak: Persistent<Value<'static>>,
) -> Option<Value<'js>> {
    let weak = weak.restore(ctx).ok()?;
    let target: Value = deref.call((rquickjs::function::This(weak),)).ok()?;
    (!target.is_undefined()).then_some(target)
}

/// The ArrayBuffer currently handed out for a memory, and the size it was made for.
struct BufferEntry {
    handle: MemoryHandle,
    base: usize,
    len: usize,
    buffer: Persistent<ArrayBuffer<'static>>,
}

/// Stored in the context's userdata; cloned out so no userdata borrow is held across JS calls.
pub(crate) struct StateHandle(pub(crate) Rc<WasmState>);

// SAFETY: `StateHandle` holds no `'js` lifetime; its JS values are `Persistent`s.
unsafe impl<'js> JsLifetime<'js> for StateHandle {
    type Changed<'to> = StateHandle;
}

/// Creates the state for `ctx`.
pub(crate) fn create(
    ctx: &Ctx<'_>,
    config: &EngineConfig,
) -> Result<Rc<WasmState>, baton_wasm::Error> {
    let engine = Engine::new(config)?;
    let state = Rc::new_cyclic(|weak: &Weak<WasmState>| WasmState {
        store: Store::new(&engine, Rc::new(JsHost(weak.clone()))),
        engine,
        ctx: std::mem::ManuallyDrop::new(unowned(ctx)),
        imports: RefCell::default(),
        function_labels: RefCell::default(),
        jspi: JspiState::default(),
        functions: RefCell::default(),
        function_objects: RefCell::default(),
        export_calls: RefCell::default(),
        externs: RefCell::default(),
        intrinsics: RefCell::default(),
        this: weak.clone(),
        buffers: RefCell::default(),
        buffers_checked: std::cell::Cell::new(0),
        extern_objects: RefCell::default(),
        tag_objects: RefCell::default(),
        exception_objects: RefCell::default(),
    });
    let jspi = baton_wasm::Jspi::new(&state.engine, &state.store)?;
    *state.jspi.jspi.borrow_mut() = Some(jspi);
    Ok(state)
}

/// The state of `ctx`'s binding.
///
/// # Panics
/// If the binding was not installed in this context (a bug in the embedder).
pub(crate) fn get(ctx: &Ctx<'_>) -> Rc<WasmState> {
    ctx.userdata::<StateHandle>()
        .map(|h| h.0.clone())
        .expect("the WebAssembly binding is installed before any of its functions run")
}

/// Releases every JS value the binding holds and the store itself. Call before the QuickJS
/// runtime is freed.
pub fn teardown(ctx: &Ctx<'_>) {
    if let Ok(Some(handle)) = ctx.remove_userdata::<StateHandle>() {
        let state = &handle.0;
        state.jspi.clear();
        let imports = std::mem::take(&mut *state.imports.borrow_mut());
        let functions = std::mem::take(&mut *state.functions.borrow_mut());
        let externs = std::mem::take(&mut *state.externs.borrow_mut());
        let classes = std::mem::take(&mut *state.intrinsics.borrow_mut());
        let buffers = std::mem::take(&mut *state.buffers.borrow_mut());
        let memories = std::mem::take(&mut *state.extern_objects.borrow_mut());
        let tags = std::mem::take(&mut *state.tag_objects.borrow_mut());
        let exceptions = std::mem::take(&mut state.exception_objects.borrow_mut().entries);
        drop((tags, exceptions));
        drop((imports, functions, externs, classes, buffers, memories));
    }
}

impl WasmState {
    /// This state's shared handle (for closures that outlive the current call).
    pub(crate) fn rc(&self) -> Rc<WasmState> {
        self.this
            .upgrade()
            .expect("the state is alive while it is used")
    }

    /// Registers `function` as the target of a new JS import; returns its id.
    pub(crate) fn add_import<'js>(
        &self,
        ctx: &Ctx<'js>,
        function: Function<'js>,
        ty: FuncType,
        suspending: bool,
        name: Label,
    ) -> u32 {
        let mut imports = self.imports.borrow_mut();
        imports.push(ImportEntry {
            raw: function.as_raw(),
            function: Persistent::save(ctx, function),
            info: Rc::new(ImportInfo {
                signature: convert::Signature::new(ty),
                suspending,
                name,
            }),
        });
        (imports.len() - 1) as u32
    }

    /// JS import `id`.
    pub(crate) fn import(&self, id: u32) -> Option<Import> {
        self.imports.borrow().get(id as usize).map(|e| Import {
            function: e.raw,
            info: e.info.clone(),
        })
    }

    /// How errors name the exported function `value` (its export name or index).
    pub(crate) fn function_label(&self, value: &Value<'_>) -> Label {
        self.function_labels
            .borrow()
            .get(&object_key(value))
            .cloned()
            .unwrap_or_else(|| Rc::from("(anonymous)"))
    }

    /// The JS function object for `func`, if one was made already.
    pub(crate) fn cached_function<'js>(
        &self,
        ctx: &Ctx<'js>,
        func: &Func,
    ) -> Option<Function<'js>> {
        let key = self.func_key(func);
        let cached = self.functions.borrow().get(&key).cloned();
        cached.and_then(|f| f.restore(ctx).ok())
    }

    /// Keeps what calls of a new exported function's JS object need; returns the index the
    /// object carries (see `convert::function_object`).
    pub(crate) fn add_export_call(&self, call: convert::ExportCall) -> u32 {
        let mut calls = self.export_calls.borrow_mut();
        calls.push(Rc::new(call));
        (calls.len() - 1) as u32
    }

    /// What calls of the exported function's JS object with index `index` need.
    pub(crate) fn export_call(&self, index: u32) -> Option<Rc<convert::ExportCall>> {
        self.export_calls.borrow().get(index as usize).cloned()
    }

    /// Remembers `object` as the JS function object of `func`.
    pub(crate) fn cache_function<'js>(
        &self,
        ctx: &Ctx<'js>,
        func: Func,
        object: &Function<'js>,
        label: Label,
    ) {
        self.function_labels
            .borrow_mut()
            .insert(object_key(object.as_value()), label);
        let key = self.func_key(&func);
        self.functions
            .borrow_mut()
            .insert(key, Persistent::save(ctx, object.clone()));
        self.function_objects
            .borrow_mut()
            .insert(object_key(object.as_value()), func);
    }

    /// The Wasm function behind a JS exported-function object, if `value` is one.
    pub(crate) fn func_of(&self, value: &Value<'_>) -> Option<Func> {
        value.as_function()?;
        self.function_objects
            .borrow()
            .get(&object_key(value))
            .copied()
    }

    fn func_key(&self, func: &Func) -> usize {
        self.store.with(|cx| func.to_raw(cx)) as usize
    }

    /// Stores `value` for an externref; returns the payload that owns the slot.
    pub(crate) fn extern_slot<'js>(&self, ctx: &Ctx<'js>, value: Value<'js>) -> HostRef {
        self.externs
            .borrow_mut()
            .insert(Persistent::save(ctx, value))
    }

    /// The JS value in slot `id`.
    pub(crate) fn extern_value<'js>(&self, ctx: &Ctx<'js>, id: u32) -> Value<'js> {
        let value = self.externs.borrow().get(id);
        value
            .and_then(|v| v.restore(ctx).ok())
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()))
    }

    /// Keeps intrinsic `name` (an error class, or a built-in the binding wraps) out of scripts' reach.
    pub(crate) fn set_intrinsic<'js>(
        &self,
        ctx: &Ctx<'js>,
        name: &'static str,
        class: Function<'js>,
    ) {
        self.intrinsics
            .borrow_mut()
            .insert(name, Persistent::save(ctx, class));
    }

    /// The intrinsic kept as `name`.
    pub(crate) fn intrinsic<'js>(&self, ctx: &Ctx<'js>, name: &str) -> Option<Function<'js>> {
        let class = self.intrinsics.borrow().get(name).cloned();
        class.and_then(|c| c.restore(ctx).ok())
    }

    /// The buffer for `handle`'s current size (the cached one while the size is unchanged).
    pub(crate) fn memory_buffer<'js>(
        &self,
        ctx: &Ctx<'js>,
        handle: &MemoryHandle,
    ) -> rquickjs::Result<Value<'js>> {
        let (ptr, len) = handle.data(self);
        let base = ptr as usize;
        let cached = {
            let buffers = self.buffers.borrow();
            buffers
                .iter()
                .find(|b| b.base == base)
                .map(|b| (b.len, b.buffer.clone()))
        };
        if let Some((cached_len, buffer)) = cached {
            if cached_len == len {
                return Ok(buffer.restore(ctx)?.into_value());
            }
            self.refresh_buffers(ctx, false);
        }
        let shared = matches!(handle, MemoryHandle::Shared(_));
        let buffer = crate::memory::make_buffer(ctx, ptr, len, shared)?;
        self.buffers.borrow_mut().push(BufferEntry {
            handle: handle.clone(),
            base,
            len,
            buffer: Persistent::save(ctx, buffer.clone()),
        });
        Ok(buffer.into_value())
    }

    /// Detaches (non-shared) and forgets every handed-out buffer whose memory changed size, or
    /// every non-shared one if `all`. Runs whenever control returns to JS from Wasm.
    pub(crate) fn refresh_buffers(&self, ctx: &Ctx<'_>, all: bool) {
        {
            let buffers = self.buffers.borrow();
            if buffers.is_empty() {
                return;
            }
            // Reading a memory's size costs a store lookup (~200 instructions), and this runs
            // around every call between JS and Wasm: skip it while no memory grew, unless a
            // shared memory (which grows without the store knowing) has a buffer out.
            let growths = self.store.memory_growths();
            let unchanged = growths == self.buffers_checked.replace(growths);
            if unchanged
                && !all
                && !buffers
                    .iter()
                    .any(|b| matches!(b.handle, MemoryHandle::Shared(_)))
            {
                return;
            }
        }
        let mut stale = Vec::new();
        self.buffers.borrow_mut().retain(|entry| {
            let shared = matches!(entry.handle, MemoryHandle::Shared(_));
            let (_, len) = entry.handle.data(self);
            let keep = len == entry.len && !(all && !shared);
            if !keep && !shared {
                stale.push(entry.buffer.clone());
            }
            keep
        });
        for buffer in stale {
            if let Ok(mut buffer) = buffer.restore(ctx) {
                buffer.detach();
            }
        }
    }

    /// Whether `buffer` is a buffer this binding handed out for a Wasm memory.
    pub(crate) fn is_memory_buffer(&self, buffer: &ArrayBuffer<'_>) -> bool {
        let Some(raw) = buffer.as_raw() else {
            return false;
        };
        let base = raw.as_ptr() as *mut u8 as usize;
        self.buffers.borrow().iter().any(|b| b.base == base)
    }

    /// The JS object already standing for the Wasm exception `exn`, if any.
    pub(crate) fn exception_object<'js>(
        &self,
        ctx: &Ctx<'js>,
        exn: &baton_wasm::Exn,
    ) -> Option<Value<'js>> {
        let found = self.store.with(|cx| {
            self.exception_objects
                .borrow()
                .entries
                .iter()
                .position(|(e, _)| {
                    baton_wasm::wasmtime::OwnedRooted::ref_eq(&cx, &e.0, &exn.0).unwrap_or(false)
                })
        })?;
        let weak = self.exception_objects.borrow().entries[found].1.clone();
        let deref = self.intrinsic(ctx, "WeakRef.prototype.deref")?;
        match weak_target(ctx, &deref, weak) {
            Some(object) => Some(object),
            None => {
                self.exception_objects
                    .borrow_mut()
                    .entries
                    .swap_remove(found);
                None
            }
        }
    }

    /// Remembers `object` as the JS object of `exn` (the first object seen for it stays).
    pub(crate) fn set_exception_object<'js>(
        &self,
        ctx: &Ctx<'js>,
        exn: baton_wasm::Exn,
        object: Value<'js>,
    ) {
        if self.exception_object(ctx, &exn).is_some() {
            return;
        }
        let Some(weak) = self
            .intrinsic(ctx, "WeakRef")
            .and_then(|f| f.into_value().get::<rquickjs::function::Constructor>().ok())
            .and_then(|c| c.construct::<_, Value>((object,)).ok())
        else {
            return;
        };
        let prune = {
            let objects = self.exception_objects.borrow();
            objects.entries.len() >= objects.prune_at
        };
        if let Some(deref) = prune
            .then(|| self.intrinsic(ctx, "WeakRef.prototype.deref"))
            .flatten()
        {
            let entries = std::mem::take(&mut self.exception_objects.borrow_mut().entries);
            let live: Vec<_> = entries
                .into_iter()
                .filter(|(_, weak)| weak_target(ctx, &deref, weak.clone()).is_some())
                .collect();
            let mut objects = self.exception_objects.borrow_mut();
            objects.prune_at = (live.len() * 2).max(64);
            objects.entries = live;
        }
        self.exception_objects
            .borrow_mut()
            .entries
            .push((exn, Persistent::save(ctx, weak)));
    }

    /// The JS object already standing for `tag`, if any.
    pub(crate) fn tag_object<'js>(
        &self,
        ctx: &Ctx<'js>,
        tag: &baton_wasm::wasmtime::Tag,
    ) -> Option<Value<'js>> {
        let found = self.store.with(|cx| {
            self.tag_objects
                .borrow()
                .iter()
                .find(|(t, _)| baton_wasm::wasmtime::Tag::eq(t, tag, &cx))
                .map(|(_, o)| o.clone())
        });
        found.and_then(|o| o.restore(ctx).ok())
    }

    /// Remembers `object` as the JS object of `tag` (the first object seen for it stays).
    pub(crate) fn set_tag_object<'js>(
        &self,
        ctx: &Ctx<'js>,
        tag: baton_wasm::wasmtime::Tag,
        object: Value<'js>,
    ) {
        if self.tag_object(ctx, &tag).is_none() {
            self.tag_objects
                .borrow_mut()
                .push((tag, Persistent::save(ctx, object)));
        }
    }

    /// The JS object already standing for the memory, table or global `key`, if any.
    pub(crate) fn extern_object<'js>(&self, ctx: &Ctx<'js>, key: ObjectKey) -> Option<Value<'js>> {
        let object = self.extern_objects.borrow().get(&key).cloned();
        object.and_then(|o| o.restore(ctx).ok())
    }

    /// Remembers `object` as the JS object of `key` (the first object seen for it stays).
    pub(crate) fn set_extern_object<'js>(
        &self,
        ctx: &Ctx<'js>,
        key: ObjectKey,
        object: Value<'js>,
    ) {
        self.extern_objects
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| Persistent::save(ctx, object));
    }
}

/// The identity of a memory (its base address, which never moves), table or global, so each is
/// one JS object however often it is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ObjectKey {
    Memory(usize),
    Other(baton_wasm::ExternKey),
}

/// A stable identity for a JS object while it is alive.
fn object_key(value: &Value<'_>) -> usize {
    // SAFETY: reading the pointer of an object value does not dereference it.
    unsafe { qjs::JS_VALUE_GET_PTR(value.as_raw()) as usize }
}

#[derive(Default)]
struct HostRefs {
    values: Vec<Option<Persistent<Value<'static>>>>,
    free: Vec<u32>,
    /// Slots whose externref was collected, shared with every `HostRef`.
    freed: Arc<Mutex<Vec<u32>>>,
}

impl HostRefs {
    fn insert(&mut self, value: Persistent<Value<'static>>) -> HostRef {
        let released: Vec<u32> = self
            .freed
            .lock()
            .map(|mut f| std::mem::take(&mut *f))
            .unwrap_or_default();
        for id in released {
            self.values[id as usize] = None;
            self.free.push(id);
        }
        let id = match self.free.pop() {
            Some(id) => {
                self.values[id as usize] = Some(value);
                id
            }
            None => {
                self.values.push(Some(value));
                (self.values.len() - 1) as u32
            }
        };
        HostRef::new(id, self.freed.clone())
    }

    fn get(&self, id: u32) -> Option<Persistent<Value<'static>>> {
        self.values.get(id as usize).cloned().flatten()
    }
}

/// A `Ctx` for `ctx` that holds no reference count (see `WasmState::ctx`): dropping it would
/// release a reference it does not own.
fn unowned(ctx: &Ctx<'_>) -> Ctx<'static> {
    // SAFETY: `ctx` is live; `from_raw` takes a reference, given straight back, so the context's
    // count is as before and the result must never be dropped.
    unsafe {
        let unowned = Ctx::from_raw(ctx.as_raw());
        qjs::JS_FreeContext(ctx.as_raw().as_ptr());
        unowned
    }
}

/// Serves the store's host imports by calling the registered JS functions.
struct JsHost(Weak<WasmState>);

impl JsHost {
    /// The state for a host call; its `ctx` is live then: host functions only run while JS is
    /// running in this context (a JS call into Wasm led here), holding its runtime's lock.
    fn enter(&self) -> Option<Rc<WasmState>> {
        self.0.upgrade()
    }
}

impl Host for JsHost {
    fn call(&self, index: usize, params: &[Val], results: &mut [Val]) -> Result<(), HostError> {
        let Some(state) = self.enter() else {
            return Ok(());
        };
        let ctx = &*state.ctx;
        let outcome = match state.import(index as u32) {
            None => Err(rquickjs::Error::Unknown),
            // On the main stack, a Suspending import is not directly inside a promising call.
            Some(import) if import.info.suspending => Err(errors::throw_class(
                ctx,
                &state,
                "SuspendError",
                &crate::suspending::suspend_error_message(&state, &import.info.name),
            )),
            Some(import) => convert::call_import(
                ctx,
                &state,
                import.function,
                &import.info.signature.results,
                params,
                results,
            ),
        };
        outcome.map_err(|e| {
            let exception = errors::take_exception(ctx, e);
            host_error(ctx, &state, exception)
        })
    }

    fn stash(&self, _id: u32, params: &[Val]) {
        if let Some(state) = self.enter() {
            let ctx = &*state.ctx;
            state.jspi_stash(ctx, params);
        }
    }

    fn take(&self, _id: u32, results: &mut [Val]) -> Result<(), HostError> {
        let Some(state) = self.enter() else {
            return Ok(());
        };
        let ctx = &*state.ctx;
        state
            .jspi_take(ctx, results)
            .map_err(|exception| host_error(ctx, &state, exception))
    }

    fn job_args(&self, args: &mut [Val]) {
        if let Some(state) = self.enter() {
            state.jspi_job_args(args);
        }
    }

    fn job_results(&self, results: &[Val]) {
        if let Some(state) = self.enter() {
            state.jspi_job_results(results);
        }
    }

    fn job_threw(&self, thrown: Thrown) {
        if let Some(state) = self.enter() {
            state.jspi_job_threw(thrown);
        }
    }

    fn run_import(&self, slot: u32, id: u32, from_job: bool) -> bool {
        match self.enter() {
            Some(state) => crate::promising::run_import(&state.ctx, &state, slot, id, from_job),
            None => false,
        }
    }
}

/// What a JS exception becomes in Wasm: a `WebAssembly.Exception` is rethrown as the Wasm exception
/// it stands for; any other value travels with the JS tag.
fn host_error<'js>(ctx: &Ctx<'js>, state: &WasmState, exception: Value<'js>) -> HostError {
    match crate::exception::exn_of(ctx, state, &exception) {
        Some(exn) => HostError::Exception(exn),
        None => HostError::Value(state.extern_slot(ctx, exception)),
    }
}

/// A JS import as registered for an instance.
struct ImportEntry {
    /// Keeps the function alive as long as the state: entries are only dropped with it.
    #[allow(dead_code, reason = "held for its reference, used through `raw`")]
    function: Persistent<Function<'static>>,
    /// The function's value, borrowed from `function`: calling it through this skips restoring
    /// the `Persistent` (a reference taken and dropped on the context and on the value).
    raw: qjs::JSValue,
    info: Rc<ImportInfo>,
}

/// What every call of a JS import needs to know besides the function; shared, not copied, on
/// the hot paths (cloning a `FuncType` takes and drops a reference on a registered type).
pub(crate) struct ImportInfo {
    /// Its type; when numeric, its arguments and results travel through the JSPI mailbox.
    pub(crate) signature: convert::Signature,
    pub(crate) suspending: bool,
    /// `module.field`, for messages.
    pub(crate) name: Label,
}

/// A JS import, for a call.
pub(crate) struct Import {
    /// The function, a value borrowed from the state (which holds it while it lives).
    pub(crate) function: qjs::JSValue,
    pub(crate) info: Rc<ImportInfo>,
}
