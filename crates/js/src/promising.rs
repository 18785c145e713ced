//! `WebAssembly.promising` and the driver of promising calls (JSPI).
//!
//! A promising call runs its export in a worker continuation (see `baton_wasm::Jspi`) and always
//! returns a promise. [`drive`] resumes the worker until its job finishes or a JS import needs the
//! main stack: a plain import runs at once and the worker resumes with its results; a Suspending
//! import's result is awaited (`Promise.resolve(result)`, always, even for non-promises), and the
//! worker resumes from the promise reaction, so JS that runs after the promising call returned
//! runs before the Wasm code after the import.
//!
//! The SuspendError rules live in `JsHost::call` (`state.rs`): a Suspending import reached on the
//! main stack is not directly inside a promising call, and [`Activation`]s say why.

use std::cell::RefCell;
use std::rc::Rc;

use baton_wasm::wasmtime::Val;
use baton_wasm::{Jspi, RESERVED_MAPPINGS, ResumeError, Resumed, StackLimit, Thrown};
use rquickjs::{Ctx, Exception, Function, Persistent, Promise, Result, Value, qjs};

use crate::convert::{self, Arg, Out, Results, Signature};
use crate::state::{self, ImportInfo, WasmState};
use crate::{errors, ffi};

/// What is on the (conceptual) stack between JS and the Wasm code running now, innermost last,
/// for SuspendError messages. A promising call's continuation needs no entry: while it runs, no
/// JS runs and no import is called on the main stack (imports leave the continuation first).
#[derive(Debug, Clone)]
pub(crate) enum Activation {
    /// A plain (non-promising) call of an export from JS.
    Plain(Label),
    /// A JS import running on behalf of a promising call (a JS frame); numbers rather than
    /// names, since this is pushed for every import call and read only for a SuspendError.
    Import {
        /// The JS import (its id in the state).
        import: u32,
        /// The worker slot of the promising call it runs for.
        slot: u32,
    },
    /// A module's start function, during instantiation.
    Start,
}

/// A JSPI suspension or resumption, for `--trace-jspi` and embedders' hooks.
#[derive(Debug, Clone)]
pub enum JspiEvent {
    /// A promising call suspended on a Suspending import.
    Suspended {
        /// The export the promising call runs.
        export: String,
        /// The Suspending import (`module.field`).
        import: String,
        /// The worker stack it runs on.
        stack: u32,
    },
    /// A suspended promising call resumed because the import's promise settled.
    Resumed {
        /// The export the promising call runs.
        export: String,
        /// The Suspending import (`module.field`).
        import: String,
        /// The worker stack it runs on.
        stack: u32,
        /// How long it stayed suspended.
        suspended_for: std::time::Duration,
        /// Whether the promise was fulfilled (else it was rejected).
        fulfilled: bool,
    },
    /// A suspended call's stack was parked, restored, or parking stopped (see `baton_wasm`'s
    /// `parking.rs`).
    Stack(baton_wasm::StackEvent),
}

/// A hook called with every [`JspiEvent`].
pub type JspiTrace = Rc<dyn Fn(&JspiEvent)>;

/// A worker waiting for a Suspending import's promise.
struct Wait {
    import: Rc<ImportInfo>,
    /// When it began (only when tracing: reading the clock is a measurable cost per suspension).
    since: Option<std::time::Instant>,
    /// The pending promise it waits on, which its reaction (one function for both outcomes)
    /// asks how it settled; none when the promise had settled already.
    awaited: Option<Persistent<Value<'static>>>,
}

/// What an import call inside a continuation returns when the continuation resumes: coerced
/// results, or the exception to throw; delivered through the mailbox (see `deliver`) or taken by
/// the adapter's `take`. A numeric import's single result skips it: `prepare_results` writes it
/// to the mailbox at once.
struct Prepared {
    result: std::result::Result<Results, Persistent<Value<'static>>>,
    mailbox: bool,
}

/// The outer promise of a promising call whose worker is busy.
struct Job {
    resolve: Persistent<Function<'static>>,
    reject: Persistent<Function<'static>>,
    export: Rc<Export>,
}

/// An export that promising calls run: what each call needs, made once by
/// `WebAssembly.promising`.
struct Export {
    /// Its job number (`Jspi::register`).
    job: u32,
    /// Its type; when numeric, its arguments and results travel through the mailbox.
    signature: Signature,
    name: Label,
}

/// A name for messages (an export or import), shared rather than copied on hot paths.
pub(crate) type Label = Rc<str>;

/// The JSPI part of the binding's state.
#[derive(Default)]
pub(crate) struct JspiState {
    pub(crate) jspi: RefCell<Option<Jspi>>,
    pub(crate) activations: RefCell<Vec<Activation>>,
    /// Slots whose worker waits for a job.
    idle: RefCell<Vec<u32>>,
    /// Slots whose worker died (a trap or an escaped exception); respawned before reuse.
    dead: RefCell<Vec<u32>>,
    jobs: RefCell<Vec<Option<Job>>>,
    /// The arguments of the job about to start (taken by the invoker), unless they travel
    /// through the mailbox.
    job_args: RefCell<Vec<Arg>>,
    /// The results of the job that just finished, unless they travel through the mailbox.
    job_outs: RefCell<Vec<Out>>,
    /// What the job that just finished threw instead, if it did.
    job_thrown: RefCell<Option<Thrown>>,
    /// The arguments an import call inside a continuation stashed.
    stashed: RefCell<Vec<Persistent<Value<'static>>>>,
    /// What the resumed import call returns.
    prepared: RefCell<Option<Prepared>>,
    /// Per slot: the promise reaction that resumes its worker (made once, reused).
    reactions: RefCell<Vec<Option<Persistent<Function<'static>>>>>,
    /// Every export a `WebAssembly.promising` wrapper was made for, by job number (which the
    /// wrappers carry): one per function, however many wrappers are made for it.
    exports: RefCell<Vec<Option<Rc<Export>>>>,
    /// Per slot: the Suspending import its worker waits on, if it waits.
    waits: RefCell<Vec<Option<Wait>>>,
    /// Why running an import for a worker failed (not the import throwing: that goes into
    /// Wasm), for the `drive` that resumed it.
    failed: RefCell<Option<rquickjs::Error>>,
    /// The most stacks that may exist, from `--jspi-max-stacks` (`stack_option`) and the OS's
    /// mapping limit, taken again when `stacks` reaches `recheck_at`; and how many do.
    stack_limit: std::cell::Cell<StackLimit>,
    stack_option: std::cell::Cell<Option<usize>>,
    recheck_at: std::cell::Cell<usize>,
    stacks: std::cell::Cell<usize>,
    /// How many of those belong to workers that died: wasmtime never runs a continuation again
    /// after a trap, nor frees its stack before the store goes, so each still counts.
    lost: std::cell::Cell<usize>,
    trace: RefCell<Option<JspiTrace>>,
}

impl JspiState {
    /// Sets the stack limit and the trace hook.
    pub(crate) fn configure(&self, max_stacks: Option<usize>, trace: Option<JspiTrace>) {
        self.stack_option.set(max_stacks);
        self.set_stack_limit(StackLimit::now(max_stacks, 0));
        *self.trace.borrow_mut() = trace;
    }

    /// Sets the stack limit, and when to take it again: some stacks before it, then at it.
    fn set_stack_limit(&self, limit: StackLimit) {
        let stacks = self.stacks.get();
        let early = limit.max.saturating_sub(StackLimit::RECHECK_BEFORE);
        self.stack_limit.set(limit);
        let next = if stacks < early {
            early
        } else if stacks < limit.max {
            limit.max
        } else {
            // Taken at the limit: not again, or every call refused would read the mappings.
            usize::MAX
        };
        self.recheck_at.set(next);
    }

    /// Reports what parking did with the stacks since the last report, when tracing.
    fn emit_stack_events(&self, store: &baton_wasm::Store) {
        if self.trace.borrow().is_none() {
            return;
        }
        let events = match self.jspi.borrow().as_ref() {
            Some(jspi) => jspi.stack_events(store),
            None => return,
        };
        for event in events {
            self.emit(|| JspiEvent::Stack(event));
        }
    }

    fn emit(&self, event: impl FnOnce() -> JspiEvent) {
        let trace = self.trace.borrow().clone();
        if let Some(trace) = trace {
            trace(&event());
        }
    }

    /// Releases the JS values held (teardown).
    pub(crate) fn clear(&self) {
        let jobs = std::mem::take(&mut *self.jobs.borrow_mut());
        let stashed = std::mem::take(&mut *self.stashed.borrow_mut());
        let prepared = self.prepared.borrow_mut().take();
        let args = std::mem::take(&mut *self.job_args.borrow_mut());
        let reactions = std::mem::take(&mut *self.reactions.borrow_mut());
        let waits = std::mem::take(&mut *self.waits.borrow_mut());
        drop((jobs, stashed, prepared, args, reactions, waits));
    }

    pub(crate) fn push(&self, activation: Activation) {
        self.activations.borrow_mut().push(activation);
    }

    pub(crate) fn pop(&self) {
        self.activations.borrow_mut().pop();
    }
}

/// The `Host` side of the adapters and invokers (called from `JsHost`; none of these runs JS).
impl WasmState {
    pub(crate) fn jspi_stash(&self, ctx: &Ctx<'_>, params: &[Val]) {
        let outs: Vec<Out> = self
            .store
            .with(|mut cx| params.iter().map(|p| Out::read(&mut cx, *p)).collect());
        let values: Vec<Persistent<Value<'static>>> = outs
            .into_iter()
            .map(|o| {
                let v = convert::to_js(ctx, self, o)
                    .unwrap_or_else(|_| Value::new_undefined(ctx.clone()));
                Persistent::save(ctx, v)
            })
            .collect();
        *self.jspi.stashed.borrow_mut() = values;
    }

    pub(crate) fn jspi_take<'js>(
        &self,
        ctx: &Ctx<'js>,
        results: &mut [Val],
    ) -> std::result::Result<(), Value<'js>> {
        match self.jspi.prepared.borrow_mut().take().map(|p| p.result) {
            Some(Ok(args)) => {
                self.store.with(|mut cx| {
                    for (slot, arg) in results.iter_mut().zip(args) {
                        if let Ok(v) = arg.into_val(&mut cx) {
                            *slot = v;
                        }
                    }
                });
                Ok(())
            }
            Some(Err(exception)) => Err(exception
                .restore(ctx)
                .unwrap_or_else(|_| Value::new_undefined(ctx.clone()))),
            None => Err(Value::new_undefined(ctx.clone())),
        }
    }

    pub(crate) fn jspi_job_args(&self, results: &mut [Val]) {
        let args = std::mem::take(&mut *self.jspi.job_args.borrow_mut());
        self.store.with(|mut cx| {
            for (slot, arg) in results.iter_mut().zip(args) {
                if let Ok(v) = arg.into_val(&mut cx) {
                    *slot = v;
                }
            }
        });
    }

    pub(crate) fn jspi_job_threw(&self, thrown: Thrown) {
        *self.jspi.job_thrown.borrow_mut() = Some(thrown);
    }

    pub(crate) fn jspi_job_results(&self, params: &[Val]) {
        let outs = self
            .store
            .with(|mut cx| params.iter().map(|p| Out::read(&mut cx, *p)).collect());
        *self.jspi.job_outs.borrow_mut() = outs;
    }
}

/// `WebAssembly.promising(wasmFunc)`.
pub(crate) fn promising<'js>(
    ctx: Ctx<'js>,
    func: rquickjs::function::Opt<Value<'js>>,
) -> Result<Function<'js>> {
    let state = state::get(&ctx);
    let value = func.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
    let Some(func) = state.func_of(&value) else {
        // V8's two messages, which the proposal's tests match.
        let message = if value.is_function() {
            "WebAssembly.promising(): Argument 0 must be a WebAssembly exported function"
        } else {
            "WebAssembly.promising(): Argument 0 must be a function"
        };
        return Err(Exception::throw_type(&ctx, message));
    };
    let ty = state.store.with(|cx| func.ty(cx));
    let registered = state
        .jspi
        .jspi
        .borrow_mut()
        .as_mut()
        .map(|j| j.register(&state.store, &func));
    let job = match registered {
        Some(Ok(job)) => job,
        Some(Err(e)) => return Err(errors::throw(&ctx, &state, e)),
        None => return Err(Exception::throw_internal(&ctx, "JSPI is not available")),
    };
    let known = matches!(state.jspi.exports.borrow().get(job as usize), Some(Some(_)));
    if !known {
        let export = Rc::new(Export {
            job,
            signature: Signature::new(ty),
            name: state.function_label(&value),
        });
        put(&mut state.jspi.exports.borrow_mut(), job, export);
    }
    // A QuickJS C function (see `ffi.rs`) carrying the job number of its `Export`.
    ffi::function::<Export>(&ctx, c"", 1, 0, job as i32)
}

/// A call of a `WebAssembly.promising` wrapper: `data` is its export's job number.
impl ffi::Entry for Export {
    fn call<'js>(
        ctx: &Ctx<'js>,
        args: &[qjs::JSValue],
        _magic: std::ffi::c_int,
        data: i32,
    ) -> Result<Value<'js>> {
        let state = state::get(ctx);
        let export = usize::try_from(data)
            .ok()
            .and_then(|job| state.jspi.exports.borrow().get(job).cloned().flatten());
        let Some(export) = export else {
            return Err(Exception::throw_internal(
                ctx,
                "a promising wrapper without its export",
            ));
        };
        start(ctx, &state, &export, args).map(Promise::into_value)
    }
}

/// Starts a promising call of `func`; the returned promise settles when its job ends.
fn start<'js>(
    ctx: &Ctx<'js>,
    state: &Rc<WasmState>,
    export: &Rc<Export>,
    args: &[qjs::JSValue],
) -> Result<Promise<'js>> {
    let (promise, resolve, reject) = ctx.promise()?;
    // A numeric export's arguments are coerced into `values`, bound for the mailbox.
    let mut values = [Val::I32(0); Jspi::MAILBOX];
    let count = if export.signature.numeric {
        export.signature.params.len()
    } else {
        0
    };
    let values = &mut values[..count];
    let prepared = (|| -> Result<(Vec<Arg>, u32)> {
        let coerced = if export.signature.numeric {
            convert::coerce_numeric_args(ctx, state, &export.signature.params, args, values)?;
            Vec::new()
        } else {
            let args = ffi::args(ctx, args);
            convert::coerce_args(ctx, state, export.signature.params.iter().cloned(), args)?
        };
        let slot = take_slot(ctx, state)?;
        Ok((coerced, slot))
    })();
    let (coerced, slot) = match prepared {
        Ok(p) => p,
        Err(e) => {
            reject.call::<_, ()>((errors::take_exception(ctx, e),))?;
            return Ok(promise);
        }
    };
    if export.signature.numeric {
        if let Some(jspi) = state.jspi.jspi.borrow().as_ref() {
            // Numeric values only, so writing them cannot fail.
            let _ = jspi.write_job_args(&state.store, values.iter().copied());
        }
    } else {
        *state.jspi.job_args.borrow_mut() = coerced;
    }
    put(
        &mut state.jspi.jobs.borrow_mut(),
        slot,
        Job {
            resolve: Persistent::save(ctx, resolve),
            reject: Persistent::save(ctx, reject),
            export: export.clone(),
        },
    );
    drive(ctx, state, slot, Caller::Script)?;
    Ok(promise)
}

/// An idle worker slot: reused, respawned, or new (the only place stacks are created).
fn take_slot(ctx: &Ctx<'_>, state: &WasmState) -> Result<u32> {
    if let Some(slot) = state.jspi.idle.borrow_mut().pop() {
        return Ok(slot);
    }
    let jspi = state.jspi.jspi.borrow();
    let Some(jspi) = jspi.as_ref() else {
        return Err(Exception::throw_internal(ctx, "JSPI is not available"));
    };
    // No stack is idle, so every live stack runs a call: that is the number in flight.
    let stacks = state.jspi.stacks.get();
    let lost = state.jspi.lost.get();
    let in_flight = stacks - lost;
    if stacks >= state.jspi.recheck_at.get() {
        // Near the limit: the rest of the process may have made mappings since it was taken.
        let option = state.jspi.stack_option.get();
        state.jspi.set_stack_limit(StackLimit::now(option, stacks));
    }
    let StackLimit { max, by_os } = state.jspi.stack_limit.get();
    if stacks >= max {
        let calls = match in_flight {
            1 => "1 promising call is".to_string(),
            n => format!("{n} promising calls are"),
        };
        let (limit, advice) = if by_os {
            (
                format!(
                    "the OS limit on memory mappings (vm.max_map_count: two per stack, \
                     {RESERVED_MAPPINGS} kept for the rest of the process) leaves room for at \
                     most {max} stacks"
                ),
                "Raise it with sysctl -w vm.max_map_count=N (as root)",
            )
        } else {
            (
                format!("baton allows at most {max} stacks (--jspi-max-stacks)"),
                "Raise the limit with baton --jspi-max-stacks N (Rust: \
                 EngineConfig::jspi_max_stacks), up to what the OS limit on memory mappings \
                 allows (vm.max_map_count, two per stack)",
            )
        };
        let held = if lost == 0 {
            format!("and {limit}: one per call")
        } else {
            let left = match lost {
                1 => "1 stack was left behind by a call".to_string(),
                n => format!("{n} stacks were left behind by calls"),
            };
            format!(
                "{left} that trapped (wasmtime cannot run a stack again after a trap, nor free it \
                 before the program ends), and {limit}"
            )
        };
        return Err(errors::throw_class(
            ctx,
            state,
            "RangeError",
            &format!("WebAssembly.promising: {calls} in flight, {held}. {advice}"),
        ));
    }
    let dead = state.jspi.dead.borrow_mut().pop();
    let spawned = match dead {
        Some(slot) => jspi
            .respawn(&state.store, slot)
            .map(|()| slot)
            .inspect_err(|_| {
                // Still dead, for the next try.
                state.jspi.dead.borrow_mut().push(slot);
            }),
        None => jspi.spawn(&state.store),
    };
    match spawned {
        Ok(slot) => {
            state.jspi.stacks.set(state.jspi.stacks.get() + 1);
            Ok(slot)
        }
        // `cont.new` runs on the main stack, which can run out when calls nest deeply.
        Err(baton_wasm::Error::StackOverflow(_)) => Err(errors::throw_class(
            ctx,
            state,
            "RangeError",
            &format!(
                "Maximum call stack size exceeded: no room left on the main stack to create a stack for \
                 another promising call ({in_flight} in flight; each call started inside a Suspending \
                 import's function nests on the main stack)"
            ),
        )),
        Err(e) => Err(errors::throw_class(
            ctx,
            state,
            "RangeError",
            &format!(
                "WebAssembly.promising: cannot create another stack ({e}) with {in_flight} promising calls in flight. \
                 Usually the OS limit on memory mappings ran out (two per stack): raise it with \
                 sysctl -w vm.max_map_count=N, or lower baton --jspi-max-stacks to fail earlier; or each \
                 stack is larger than memory allows: lower baton --jspi-stack-size"
            ),
        )),
    }
}

/// Who resumes a worker, which decides whether a Suspending import whose value is already there
/// may resume it at once (see [`host_call`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Caller {
    /// The promising call itself, synchronously: its first suspension returns to the script.
    Script,
    /// A microtask (the job that resumes a suspended call): the call goes on in it.
    Job,
}

/// Resumes the worker in `slot` until its job finishes, fails, or waits on a promise (the
/// imports it calls meanwhile run in [`run_import`]).
fn drive<'js>(ctx: &Ctx<'js>, state: &Rc<WasmState>, slot: u32, caller: Caller) -> Result<()> {
    let Some(export) = job_of(state, slot) else {
        return Ok(());
    };
    let resumer = {
        let jspi = state.jspi.jspi.borrow();
        let Some(jspi) = jspi.as_ref() else {
            return Ok(());
        };
        deliver(state, jspi);
        jspi.resumer()
    };
    // Not borrowing `jspi`: the imports the worker calls run JS, which may use it.
    let resumed = resumer.resume(&state.store, slot, export.job, caller == Caller::Job);
    state.refresh_buffers(ctx, false);
    state.jspi.emit_stack_events(&state.store);
    if let Some(error) = state.jspi.failed.borrow_mut().take() {
        return Err(error);
    }
    match resumed {
        Ok(Resumed::Finished) => {
            let thrown = state.jspi.job_thrown.borrow_mut().take();
            let outs = job_results(state, &export);
            let job = finish(state, slot, true);
            let outcome = match thrown {
                // The export threw: the worker caught it and lives on; the call rejects.
                Some(Thrown::Js(id)) => Err(state.extern_value(ctx, id)),
                Some(Thrown::Wasm(exn)) => Err(crate::exception::exception_object(ctx, state, exn)
                    .unwrap_or_else(|e| errors::take_exception(ctx, e))),
                None => convert::results_to_js(ctx, state, outs),
            };
            settle(ctx, job, outcome)
        }
        Ok(Resumed::Waiting) => Ok(()),
        Err(ResumeError {
            error,
            worker_alive,
        }) => {
            // A worker the main stack had no room to enter (the call started deep inside other
            // calls) is as it was: one waiting for a job takes the next; one in the middle of a
            // call cannot go on with it, and is given up.
            let reusable = worker_alive && caller == Caller::Script;
            if worker_alive
                && !reusable
                && let Some(jspi) = state.jspi.jspi.borrow().as_ref()
            {
                jspi.abandon(&state.store, slot);
            }
            let job = finish(state, slot, reusable);
            let error = errors::take_exception(ctx, errors::throw(ctx, state, error));
            settle(ctx, job, Err(error))
        }
    }
}

/// Runs import `id` that the worker in `slot` called (see `Host::run_import`): returns whether
/// the worker goes on at once, its results ready.
pub(crate) fn run_import(
    ctx: &Ctx<'_>,
    state: &Rc<WasmState>,
    slot: u32,
    id: u32,
    from_job: bool,
) -> bool {
    state.refresh_buffers(ctx, false);
    state.jspi.emit_stack_events(&state.store);
    let caller = if from_job {
        Caller::Job
    } else {
        Caller::Script
    };
    match host_call(ctx, state, slot, id, caller) {
        Ok(true) => {
            if let Some(jspi) = state.jspi.jspi.borrow().as_ref() {
                deliver(state, jspi);
            }
            true
        }
        Ok(false) => false,
        Err(error) => {
            *state.jspi.failed.borrow_mut() = Some(error);
            false
        }
    }
}

/// The results of the job of `export` that just finished.
fn job_results(state: &WasmState, export: &Export) -> smallvec::SmallVec<[Out; 1]> {
    if !export.signature.numeric {
        return std::mem::take(&mut *state.jspi.job_outs.borrow_mut()).into();
    }
    let mut values = [Val::I32(0); Jspi::MAILBOX];
    let values = &mut values[..export.signature.results.len()];
    if let Some(jspi) = state.jspi.jspi.borrow().as_ref() {
        jspi.read_job_results(&state.store, &export.signature.results, values);
    }
    values.iter().map(|&v| Out::Val(v)).collect()
}

/// Sets `table[slot]`, growing the per-slot table as needed.
fn put<T>(table: &mut Vec<Option<T>>, slot: u32, value: T) {
    let index = slot as usize;
    if table.len() <= index {
        table.resize_with(index + 1, || None);
    }
    table[index] = Some(value);
}

/// The export whose promising call runs in `slot`, if one does.
fn job_of(state: &WasmState, slot: u32) -> Option<Rc<Export>> {
    state
        .jspi
        .jobs
        .borrow()
        .get(slot as usize)
        .and_then(|j| j.as_ref().map(|j| j.export.clone()))
}

/// The name of the export whose promising call runs in `slot`.
pub(crate) fn job_export(state: &WasmState, slot: u32) -> Label {
    job_of(state, slot).map_or_else(|| Rc::from(""), |export| export.name.clone())
}

/// Ends the job in `slot`: the worker goes back to the pool (or to the dead list).
fn finish(state: &WasmState, slot: u32, worker_alive: bool) -> Option<Job> {
    let job = state
        .jspi
        .jobs
        .borrow_mut()
        .get_mut(slot as usize)
        .and_then(Option::take);
    if worker_alive {
        state.jspi.idle.borrow_mut().push(slot);
    } else {
        state.jspi.dead.borrow_mut().push(slot);
        state.jspi.lost.set(state.jspi.lost.get() + 1);
    }
    job
}

fn settle<'js>(
    ctx: &Ctx<'js>,
    job: Option<Job>,
    outcome: std::result::Result<Value<'js>, Value<'js>>,
) -> Result<()> {
    let Some(job) = job else { return Ok(()) };
    let (function, value) = match outcome {
        Ok(v) => (job.resolve.restore(ctx)?, v),
        Err(e) => (job.reject.restore(ctx)?, e),
    };
    // Called raw: a resolving function returns undefined, so nothing needs converting.
    convert::call_raw(ctx, function.as_raw(), &mut [value.as_raw()]).map(drop)
}

/// Runs JS import `id` for the worker in `slot` on the main stack. Returns
/// whether to resume now (`false`: a Suspending import's promise will resume it).
///
/// A Suspending import always suspends, and its call resumes from a microtask. When the import's
/// value is already there and `caller` is itself such a microtask with no other job queued, the
/// resume job would be the next and only thing to run, with nothing observable in between: the
/// call resumes at once instead (a run of suspensions on values that are there, a "synchronous"
/// async API, costs no job per suspension then).
fn host_call<'js>(
    ctx: &Ctx<'js>,
    state: &Rc<WasmState>,
    slot: u32,
    id: u32,
    caller: Caller,
) -> Result<bool> {
    let Some(import) = state.import(id) else {
        return Ok(false);
    };
    let info = import.info;
    let activation = Activation::Import { import: id, slot };
    let returned = if info.signature.numeric {
        let mut values = [Val::I32(0); Jspi::MAILBOX];
        let values = &mut values[..info.signature.params.len()];
        if let Some(jspi) = state.jspi.jspi.borrow().as_ref() {
            jspi.read_args(&state.store, &info.signature.params, values);
        }
        state.jspi.push(activation);
        let returned = convert::call_js(ctx, state, import.function, values);
        state.jspi.pop();
        returned
    } else {
        let stashed = std::mem::take(&mut *state.jspi.stashed.borrow_mut());
        let args = stashed
            .into_iter()
            .map(|value| value.restore(ctx))
            .collect::<Result<Vec<Value>>>()?;
        let mut raw: smallvec::SmallVec<[qjs::JSValue; 4]> =
            args.iter().map(Value::as_raw).collect();
        state.jspi.push(activation);
        let returned = convert::call_raw(ctx, import.function, &mut raw);
        state.jspi.pop();
        returned
    };
    let returned = match returned {
        Ok(v) => v,
        Err(e) => {
            // A synchronous throw goes straight into Wasm, with no suspension.
            prepare_throw(ctx, state, &info, errors::take_exception(ctx, e));
            return Ok(true);
        }
    };
    if !info.suspending {
        prepare_results(ctx, state, &info, returned);
        return Ok(true);
    }
    // Always suspend, even for a non-promise result: resume from a microtask.
    let tracing = state.jspi.trace.borrow().is_some();
    let since = if tracing {
        state.jspi.emit(|| JspiEvent::Suspended {
            export: job_export(state, slot).to_string(),
            import: info.name.to_string(),
            stack: slot,
        });
        Some(std::time::Instant::now())
    } else {
        None
    };
    let raw = ctx.as_raw().as_ptr();
    let settled = if returned.is_object() {
        // SAFETY: `returned` is a live value of `ctx`; the call borrows it and returns a value
        // we own (or JS_EXCEPTION, which owns nothing).
        // PromiseResolve(%Promise%, returned): a native promise comes back as it is.
        let promise = unsafe {
            ffi::owned(
                ctx,
                qjs::JS_NewSettledPromise(raw, false, returned.as_raw()),
            )?
        };
        // SAFETY: `promise` is a live value of `ctx`.
        let promise_state = unsafe { qjs::JS_PromiseState(raw, promise.as_raw()) };
        if promise_state == qjs::JSPromiseStateEnum_JS_PROMISE_PENDING {
            return await_promise(ctx, state, slot, info, since, promise).map(|()| false);
        }
        // PerformPromiseThen on a settled promise marks it handled and queues one reaction job
        // with its result; queue ours straight away instead, without the derived promise and
        // its resolving functions that `JS_PromiseThen` would make (an `async` import that
        // finished without awaiting returns such a promise).
        // SAFETY: `promise` is a live promise of `ctx`; `JS_PromiseResult` returns a value we
        // own.
        let result = unsafe {
            qjs::JS_PromiseMarkAsHandled(raw, promise.as_raw());
            Value::from_raw(ctx.clone(), qjs::JS_PromiseResult(raw, promise.as_raw()))
        };
        if promise_state == qjs::JSPromiseStateEnum_JS_PROMISE_REJECTED {
            Err(result)
        } else {
            Ok(result)
        }
    } else {
        // `Promise.resolve(v).then(resume)` for a primitive `v` queues exactly one job that
        // resumes with `v`; queue that job directly, without the two promises it would allocate.
        Ok(returned)
    };
    // Asked last thing before resuming: getting a promise's `constructor` or a thenable's `then`
    // can run a script's code, which can queue jobs.
    // SAFETY: `raw` is the live context's pointer.
    if caller == Caller::Job && !unsafe { qjs::JS_IsJobPending(qjs::JS_GetRuntime(raw)) } {
        end_wait(ctx, state, slot, &info, since, settled);
        return Ok(true);
    }
    put(
        &mut state.jspi.waits.borrow_mut(),
        slot,
        Wait {
            import: info,
            since,
            awaited: None,
        },
    );
    enqueue_resume(ctx, slot, settled)?;
    Ok(false)
}

/// Makes the worker in `slot`, suspended on `import`, wait for `promise` (pending) to settle.
fn await_promise<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    slot: u32,
    import: Rc<ImportInfo>,
    since: Option<std::time::Instant>,
    promise: Value<'js>,
) -> Result<()> {
    let reaction = reaction(ctx, state, slot)?;
    // SAFETY: the promise and the reaction are live values of `ctx`; the call borrows them and
    // returns a value we own (or JS_EXCEPTION).
    // PerformPromiseThen with the intrinsic machinery: neither `then` nor a species
    // constructor a script may have replaced is consulted.
    unsafe {
        ffi::owned(
            ctx,
            qjs::JS_PromiseThen(
                ctx.as_raw().as_ptr(),
                promise.as_raw(),
                reaction.as_raw(),
                reaction.as_raw(),
            ),
        )?;
    }
    put(
        &mut state.jspi.waits.borrow_mut(),
        slot,
        Wait {
            import,
            since,
            awaited: Some(Persistent::save(ctx, promise)),
        },
    );
    Ok(())
}

/// Queues a microtask that resumes the worker in `slot` with how the import's promise settled:
/// the value as the import's result, or the reason as the exception it throws.
fn enqueue_resume<'js>(
    ctx: &Ctx<'js>,
    slot: u32,
    settled: std::result::Result<Value<'js>, Value<'js>>,
) -> Result<()> {
    let (value, outcome) = match &settled {
        Ok(value) => (value, FULFILLED),
        Err(reason) => (reason, REJECTED),
    };
    // Five values, as many as QuickJS's own promise reaction jobs carry: a job's entry is sized
    // by its values, and sharing the reaction jobs' size class (whose arena a program's awaits
    // keep alive) spares QuickJS re-initialising an arena for each of these jobs, and allocating
    // and freeing it (baton-host's `arena_cache.rs`): 300 instructions. The last two are not
    // read.
    let mut argv = [
        value.as_raw(),
        qjs::JS_MKVAL(qjs::JS_TAG_INT, slot as i32),
        qjs::JS_MKVAL(qjs::JS_TAG_INT, outcome),
        qjs::JS_UNDEFINED,
        qjs::JS_UNDEFINED,
    ];
    // SAFETY: `argv` holds live values of this context; JS_EnqueueJob takes its own references
    // to them, and `resume_job` matches `JSJobFunc`.
    let status = unsafe {
        qjs::JS_EnqueueJob(
            ctx.as_raw().as_ptr(),
            Some(resume_job),
            argv.len() as std::ffi::c_int,
            argv.as_mut_ptr(),
        )
    };
    if status < 0 {
        Err(rquickjs::Error::Exception)
    } else {
        Ok(())
    }
}

/// The job [`enqueue_resume`] queues: `argv` is `[value, slot, FULFILLED or REJECTED, ..]`.
unsafe extern "C" fn resume_job(
    ctx: *mut qjs::JSContext,
    argc: std::ffi::c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let Some(ctx_ptr) = std::ptr::NonNull::new(ctx) else {
        return qjs::JS_UNDEFINED;
    };
    // SAFETY: QuickJS runs jobs with a live context; the job owns `argc` values at `argv`,
    // borrowed for the job's duration.
    let (ctx, argv) = unsafe { (Ctx::from_raw(ctx_ptr), ffi::borrowed(argc, argv)) };
    let Some(slot) = ffi::int_arg(argv, 1).and_then(|s| u32::try_from(s).ok()) else {
        return qjs::JS_UNDEFINED;
    };
    let value = ffi::arg(&ctx, argv, 0);
    let settled = if ffi::int_arg(argv, 2) == Some(REJECTED) {
        Err(value)
    } else {
        Ok(value)
    };
    let state = state::get(&ctx);
    match resume_with(&ctx, &state, slot, settled) {
        Ok(()) => qjs::JS_UNDEFINED,
        Err(_) => qjs::JS_EXCEPTION,
    }
}

/// The promise reaction that resumes the worker in `slot`, made once per slot and given as both
/// `onFulfilled` and `onRejected` (it asks the awaited promise, kept in `waits[slot]`, how it
/// settled): a QuickJS C function (see `ffi.rs`) whose data is the slot, lighter to make and for
/// QuickJS's collector to visit than a closure. What the awaited import needs (its result types)
/// is in `waits[slot]` too, so nothing is allocated per suspension but the promise's reference.
fn reaction<'js>(ctx: &Ctx<'js>, state: &WasmState, slot: u32) -> Result<Value<'js>> {
    if let Some(Some(reaction)) = state.jspi.reactions.borrow().get(slot as usize) {
        return Ok(reaction.clone().restore(ctx)?.into_value());
    }
    let reaction = ffi::function::<Reaction>(ctx, c"", 1, 0, slot as i32)?;
    put(
        &mut state.jspi.reactions.borrow_mut(),
        slot,
        Persistent::save(ctx, reaction.clone()),
    );
    Ok(reaction.into_value())
}

/// How a resume job says the import's promise settled (see [`enqueue_resume`]).
const FULFILLED: std::ffi::c_int = 0;
const REJECTED: std::ffi::c_int = 1;

/// A reaction made by [`reaction`]: resumes the worker in slot `data` with the settled promise's
/// value, as the import's results or, if the promise was rejected, as the exception it throws.
struct Reaction;

impl ffi::Entry for Reaction {
    fn call<'js>(
        ctx: &Ctx<'js>,
        args: &[qjs::JSValue],
        _magic: std::ffi::c_int,
        data: i32,
    ) -> Result<Value<'js>> {
        let state = state::get(ctx);
        let value = ffi::arg(ctx, args, 0);
        if let Ok(slot) = u32::try_from(data) {
            let awaited = state
                .jspi
                .waits
                .borrow()
                .get(slot as usize)
                .and_then(Option::as_ref)
                .and_then(|w| w.awaited.clone());
            let rejected = match awaited {
                // SAFETY: `promise` is a live value of `ctx`.
                Some(promise) => unsafe {
                    qjs::JS_PromiseState(ctx.as_raw().as_ptr(), promise.restore(ctx)?.as_raw())
                        == qjs::JSPromiseStateEnum_JS_PROMISE_REJECTED
                },
                None => false,
            };
            let settled = if rejected { Err(value) } else { Ok(value) };
            resume_with(ctx, &state, slot, settled)?;
        }
        Ok(Value::new_undefined(ctx.clone()))
    }
}

/// Resumes the worker in `slot`, which waits on an import's promise, with how it settled: the
/// value becomes the import's results, the reason the exception it throws.
fn resume_with<'js>(
    ctx: &Ctx<'js>,
    state: &Rc<WasmState>,
    slot: u32,
    settled: std::result::Result<Value<'js>, Value<'js>>,
) -> Result<()> {
    let wait = state
        .jspi
        .waits
        .borrow_mut()
        .get_mut(slot as usize)
        .and_then(Option::take);
    if let Some(wait) = wait {
        end_wait(ctx, state, slot, &wait.import, wait.since, settled);
        drive(ctx, state, slot, Caller::Job)?;
    }
    Ok(())
}

/// Ends the wait of the worker in `slot`, suspended on `import` since `since`, with how the
/// import's promise settled (reporting the resumption to the trace hook): prepares the import's
/// results or the exception it throws.
fn end_wait<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    slot: u32,
    import: &ImportInfo,
    since: Option<std::time::Instant>,
    settled: std::result::Result<Value<'js>, Value<'js>>,
) {
    state.jspi.emit(|| JspiEvent::Resumed {
        export: job_export(state, slot).to_string(),
        import: import.name.to_string(),
        stack: slot,
        suspended_for: since.map(|t| t.elapsed()).unwrap_or_default(),
        fulfilled: settled.is_ok(),
    });
    match settled {
        Ok(value) => prepare_results(ctx, state, import, value),
        Err(reason) => prepare_throw(ctx, state, import, reason),
    }
}

/// Coerces an import's return value to its result types for the resumed call (a conversion error
/// is thrown into Wasm instead).
fn prepare_results<'js>(ctx: &Ctx<'js>, state: &WasmState, import: &ImportInfo, value: Value<'js>) {
    let signature = &import.signature;
    if signature.numeric && signature.results.len() <= 1 {
        // No result or one number: coerced straight into the mailbox, which the resume reads
        // next (nothing runs in between).
        let mut out = [Val::I32(0)];
        let out = &mut out[..signature.results.len()];
        let raw = [value.as_raw()];
        match convert::coerce_numeric_args(ctx, state, &signature.results, &raw, out) {
            Ok(()) => {
                if let Some(jspi) = state.jspi.jspi.borrow().as_ref() {
                    jspi.write_result(&state.store, out.first().copied());
                }
            }
            Err(e) => prepare_throw(ctx, state, import, errors::take_exception(ctx, e)),
        }
        return;
    }
    match convert::results_from_js(ctx, state, &signature.results, value) {
        Ok(args) => {
            *state.jspi.prepared.borrow_mut() = Some(Prepared {
                result: Ok(args),
                mailbox: signature.numeric,
            });
        }
        Err(e) => prepare_throw(ctx, state, import, errors::take_exception(ctx, e)),
    }
}

/// Makes the import call inside a continuation throw `exception` into Wasm when it resumes.
fn prepare_throw<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    import: &ImportInfo,
    exception: Value<'js>,
) {
    *state.jspi.prepared.borrow_mut() = Some(Prepared {
        result: Err(Persistent::save(ctx, exception)),
        mailbox: import.signature.numeric,
    });
}

/// Before a resume: puts prepared results that travel through the mailbox there. An exception
/// stays prepared for the adapter's `take`, and the mailbox says so.
fn deliver(state: &WasmState, jspi: &Jspi) {
    let mut prepared = state.jspi.prepared.borrow_mut();
    let Some(p) = prepared.as_ref().filter(|p| p.mailbox) else {
        return;
    };
    if p.result.is_err() {
        jspi.set_threw(&state.store);
        return;
    }
    if let Some(Prepared {
        result: Ok(args), ..
    }) = prepared.take()
    {
        // Mailbox imports have numeric results only, so writing them cannot fail.
        let _ = jspi.write_results(&state.store, args.into_iter().map(Arg::numeric));
    }
}
