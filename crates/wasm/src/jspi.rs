//! The JSPI mechanism on wasmtime's stack switching: a runtime instance that owns the worker
//! continuations, per-module import adapters that can leave a continuation, and per-signature
//! invokers that run an export inside one.
//!
//! How a promising call runs (the JS binding drives it, see `baton-js`'s `promising.rs`):
//! 1. Each export a promising call runs is registered once ([`Jspi::register`]): it and the
//!    invoker for its signature go into the runtime's `targets` and `invokers` tables at the same
//!    index, its job number. A call takes an idle worker slot (or spawns a worker: `cont.new`,
//!    the only place a stack is created) and calls [`Resumer::resume`] with the job number.
//! 2. The worker calls the invoker, which takes the arguments (from the runtime's `mailbox`
//!    memory when every value is numeric, see [`Jspi::uses_mailbox`], otherwise from the host),
//!    calls the export with `call_ref`, and hands the results back the same way; then the worker
//!    suspends with `$finished` and waits for its next job, so one continuation serves call after
//!    call.
//! 3. Every JS import of an instance is reached through an adapter. On the main stack
//!    (`in_cont` = 0) the adapter calls the host directly. Inside a continuation it hands its
//!    arguments to the host, suspends with `$host_call(import id)` and, when resumed, gets its
//!    results (or the exception to throw) from the host: through the runtime's small `mailbox`
//!    memory when every value is numeric ([`Jspi::uses_mailbox`]; a flag there means "call
//!    `take`, which throws"), otherwise through the host calls `stash` and `take`. The runtime's
//!    `resume`, on the main stack, handles `$host_call` by calling the host
//!    ([`crate::Host::run_import`]) and resumes the worker at once unless the host says it waits
//!    (a Suspending import, until its promise settles): a call of a plain import costs no trip
//!    out of Wasm and back. So JS never runs on a continuation's stack: the host runs it on the
//!    main stack, and the continuation stacks only ever hold Wasm frames.
//! 4. `resume` returns [`Resumed::Finished`] or [`Resumed::Waiting`]; an error (a trap, or an
//!    exception that escaped the export) consumes the continuation, and the slot gets a fresh
//!    worker on its next use.
//! 5. Past `EngineConfig::jspi_resident_stacks` suspended workers, `resume` parks the stacks of
//!    those suspended longest and restores a parked stack before resuming it (`parking.rs`).
//!
//! Invariant: `in_cont` is 1 exactly while a continuation runs; `resume` maintains it, and the
//! host resets it when a resume fails.

use std::collections::HashMap;
use std::rc::Rc;

use wasmtime::{
    Extern, Func, FuncType, Global, Instance, Module as WasmtimeModule, TypedFunc, Val, ValType,
};

use crate::parking::StackEvent;
use crate::store::StoreData;
use crate::{Engine, Error, Store};

/// What a [`Resumer::resume`] came back with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resumed {
    /// The job finished; its results went to the host through `job_results`.
    Finished,
    /// The worker waits, suspended in an import call that [`crate::Host::run_import`] ran and
    /// said not to resume yet.
    Waiting,
}

/// How many values the mailbox holds (see [`Jspi::uses_mailbox`]): value `i` of a signature
/// lives in bytes `8 i .. 8 i + 8` of the runtime's `mailbox` memory, little-endian.
const MAILBOX: usize = Jspi::MAILBOX;

/// Where the mailbox's "the import threw" flag lives (an `i32`).
const THREW: usize = 8 * MAILBOX;

/// Where the arguments of a job and then its results live in the mailbox, when its export's
/// signature allows (see [`Jspi::uses_mailbox`]): value `i` in bytes `JOB + 8 i ..`. Apart from
/// the imports' values, which a job starting or finishing never overwrites.
const JOB: usize = 128;

const RUNTIME_WAT: &str = r#"
(module
  (type $void (func))
  (type $wc (cont $void))
  ;; Called by each worker first thing on its stack, for parking (see `parking.rs`).
  (import "h" "locate" (func $locate))
  ;; Runs import `id` for the worker in `slot`, which suspended to call it, on the main stack;
  ;; returns 1 to resume the worker at once (its results are ready), 0 if it waits now.
  ;; `from_job`: the resume was made by a microtask (see `Host::run_import`).
  (import "h" "run_import" (func $run_import (param $slot i32) (param $id i32) (param $from_job i32) (result i32)))
  (tag $host_call (export "host_call") (param i32))
  (tag $finished)
  ;; Host (JS) values thrown through Wasm travel with this tag (WebAssembly.JSTag).
  (tag $js_tag (export "js_tag") (param externref))
  (global $in_cont (export "in_cont") (mut i32) (i32.const 0))
  ;; Every export a promising call can run, with the invoker for its signature, at the same
  ;; index (its job number); `job` is the job of the resume that starts one.
  (table $targets (export "targets") 0 funcref)
  (table $invokers (export "invokers") 0 funcref)
  (global $job (export "job") (mut i32) (i32.const 0))
  (table $conts (export "conts") 0 (ref null $wc))
  ;; The mailbox: a suspended import's arguments and, when it resumes, its results (or a flag
  ;; saying: take the exception from the host). See `MAILBOX` and `THREW`.
  (memory (export "mailbox") 1 1)

  ;; A worker runs jobs forever: one job per resume from the host, then waits for the next.
  (func $worker (type $void)
    (call $locate)
    (loop $jobs
      (call_ref $void (ref.cast (ref $void) (table.get $invokers (global.get $job))))
      (suspend $finished)
      (br $jobs)))
  (elem declare func $worker)

  ;; A new worker in a new slot; returns the slot, or -1 if the table cannot grow.
  (func (export "spawn") (result i32)
    (table.grow $conts (cont.new $wc (ref.func $worker)) (i32.const 1)))

  ;; A new worker in an existing slot (after its worker died).
  (func (export "respawn") (param $slot i32)
    (table.set $conts (local.get $slot) (cont.new $wc (ref.func $worker))))

  ;; Runs the worker in `slot` until it finishes its job (0) or waits (1): each import it calls
  ;; is run by the host from here, and the worker goes on at once unless the host says it waits.
  ;; A worker waiting for a job starts job `job`; otherwise `job` is not looked at.
  (func (export "resume") (param $slot i32) (param $job i32) (param $from_job i32) (result i32)
    (local $k (ref null $wc))
    (local $id i32)
    (global.set $job (local.get $job))
    (block $on_finished (result (ref $wc))
      (loop $again
        (global.set $in_cont (i32.const 1))
        (block $on_host (result i32 (ref $wc))
          (resume $wc (on $host_call $on_host) (on $finished $on_finished)
            (ref.as_non_null (table.get $conts (local.get $slot))))
          (unreachable))
        (local.set $k)
        (local.set $id)
        (table.set $conts (local.get $slot) (local.get $k))
        (global.set $in_cont (i32.const 0))
        (br_if $again
          (call $run_import (local.get $slot) (local.get $id) (local.get $from_job))))
      (return (i32.const 1)))
    (local.set $k)
    (table.set $conts (local.get $slot) (local.get $k))
    (global.set $in_cont (i32.const 0))
    (i32.const 0))
)
"#;

/// The JSPI runtime of one store: its instance's exports and the generated modules it caches.
pub struct Jspi {
    targets: wasmtime::Table,
    invokers: wasmtime::Table,
    job: Global,
    spawn: Func,
    respawn: Func,
    resumer: Rc<Resumer>,
    host_call_tag: wasmtime::Tag,
    js_tag: wasmtime::Tag,
    mailbox: Mailbox,
    /// Adapter modules, by their text (which depends only on the adapted imports' types).
    adapters: HashMap<String, WasmtimeModule>,
    /// Invoker instances' `invoke` functions, per export signature.
    invoker_funcs: Vec<(FuncType, Func)>,
    /// The job number of each registered export, by its `Func::to_raw` address.
    jobs: HashMap<usize, u32>,
    engine: Engine,
}

/// How one function import of a user module is provided.
#[derive(Debug, Clone)]
pub struct AdaptedImport {
    /// The import's function type.
    pub ty: FuncType,
    /// The host's id for it (passed to the [`crate::Host`]).
    pub id: u32,
}

impl Jspi {
    /// How many arguments (and, separately, results) an import passing them through the
    /// mailbox may have (see [`Jspi::uses_mailbox`]).
    pub const MAILBOX: usize = 8;

    /// Instantiates the JSPI runtime in `store`.
    ///
    /// # Errors
    /// Fails only if the engine cannot compile the runtime module (a bug).
    pub fn new(engine: &Engine, store: &Store) -> Result<Self, Error> {
        let module = compile(engine, RUNTIME_WAT)?;
        let locate = store.host_locate();
        let run_import = store.host_run_import();
        let instance = store
            .with(|cx| Instance::new(cx, &module, &[locate.into(), run_import.into()]))
            .map_err(|e| Error::Engine(format!("{e:#}")))?;
        let (in_cont, job, spawn, respawn, resume, host_call_tag, targets, invokers, mailbox) =
            store.with(|mut cx| {
                let global = |cx: &mut wasmtime::StoreContextMut<'_, StoreData>, n| {
                    instance.get_global(cx, n)
                };
                let func =
                    |cx: &mut wasmtime::StoreContextMut<'_, StoreData>, n| instance.get_func(cx, n);
                let table = |cx: &mut wasmtime::StoreContextMut<'_, StoreData>, n| {
                    instance.get_table(cx, n)
                };
                (
                    global(&mut cx, "in_cont"),
                    global(&mut cx, "job"),
                    func(&mut cx, "spawn"),
                    func(&mut cx, "respawn"),
                    func(&mut cx, "resume"),
                    instance.get_tag(&mut cx, "host_call"),
                    table(&mut cx, "targets"),
                    table(&mut cx, "invokers"),
                    instance.get_memory(&mut cx, "mailbox"),
                )
            });
        let js_tag = store
            .with(|mut cx| instance.get_tag(&mut cx, "js_tag"))
            .ok_or_else(|| Error::Engine("the JSPI runtime lacks its JS tag".into()))?;
        store.set_js_tag(js_tag)?;
        let missing = || Error::Engine("the JSPI runtime lacks an export".into());
        Ok(Jspi {
            targets: targets.ok_or_else(missing)?,
            invokers: invokers.ok_or_else(missing)?,
            job: job.ok_or_else(missing)?,
            spawn: spawn.ok_or_else(missing)?,
            respawn: respawn.ok_or_else(missing)?,
            resumer: Rc::new(Resumer {
                resume: store.with(|cx| {
                    resume
                        .ok_or_else(missing)?
                        .typed::<(i32, i32, i32), i32>(&cx)
                        .map_err(|e| Error::Engine(format!("{e:#}")))
                })?,
                in_cont: in_cont.ok_or_else(missing)?,
            }),
            host_call_tag: host_call_tag.ok_or_else(missing)?,
            js_tag,
            mailbox: Mailbox::new(store, mailbox.ok_or_else(missing)?),
            adapters: HashMap::new(),
            invoker_funcs: Vec::new(),
            jobs: HashMap::new(),
            engine: engine.clone(),
        })
    }

    /// Creates the adapter functions for the JS function imports of `module`: one function per
    /// entry of `imports`, of that import's type, in order.
    ///
    /// # Errors
    /// Fails only if the generated module does not compile (a bug).
    pub fn adapters(
        &mut self,
        store: &Store,
        imports: &[AdaptedImport],
    ) -> Result<Vec<Func>, Error> {
        if imports.is_empty() {
            return Ok(Vec::new());
        }
        let wat = adapter_wat(imports);
        let adapter_module = match self.adapters.get(&wat) {
            Some(m) => m.clone(),
            None => {
                let m = compile(&self.engine, &wat)?;
                self.adapters.insert(wat, m.clone());
                m
            }
        };
        let mut externs: Vec<Extern> = vec![
            self.resumer.in_cont.into(),
            self.host_call_tag.into(),
            self.mailbox.memory.into(),
        ];
        for import in imports {
            let params: Vec<ValType> = import.ty.params().collect();
            let results: Vec<ValType> = import.ty.results().collect();
            let stash_ty = FuncType::new(self.engine.wasmtime(), params, []);
            let take_ty = FuncType::new(self.engine.wasmtime(), [], results);
            let id = import.id;
            externs.push(store.host_func(import.ty.clone(), id as usize).into());
            externs.push(store.host_stash(stash_ty, id).into());
            externs.push(store.host_take(take_ty, id).into());
            let id_global = store.with(|cx| {
                Global::new(
                    cx,
                    wasmtime::GlobalType::new(ValType::I32, wasmtime::Mutability::Const),
                    Val::I32(id as i32),
                )
            });
            externs.push(
                id_global
                    .map_err(|e| Error::Engine(format!("{e:#}")))?
                    .into(),
            );
        }
        let instance = store.instantiate_raw(&adapter_module, &externs)?;
        store.with(|mut cx| {
            (0..imports.len())
                .map(|i| {
                    instance
                        .get_func(&mut cx, &format!("f{i}"))
                        .ok_or_else(|| Error::Engine("adapter missing".into()))
                })
                .collect()
        })
    }

    /// The invoker for exports of type `ty`, compiled on first use.
    fn invoker_for(&mut self, store: &Store, ty: &FuncType) -> Result<Func, Error> {
        if let Some((_, f)) = self.invoker_funcs.iter().find(|(t, _)| FuncType::eq(t, ty)) {
            return Ok(*f);
        }
        let mailbox = Jspi::uses_mailbox(ty);
        let module = compile(&self.engine, &invoker_wat(ty, mailbox))?;
        let params: Vec<ValType> = ty.params().collect();
        let results: Vec<ValType> = ty.results().collect();
        let threw_ty = FuncType::new(self.engine.wasmtime(), [ValType::EXNREF], []);
        let mut externs: Vec<Extern> = vec![self.targets.into(), self.job.into()];
        if mailbox {
            externs.push(self.mailbox.memory.into());
        } else {
            let args_ty = FuncType::new(self.engine.wasmtime(), [], params);
            let results_ty = FuncType::new(self.engine.wasmtime(), results, []);
            externs.push(store.host_job_args(args_ty).into());
            externs.push(store.host_job_results(results_ty).into());
        }
        externs.push(store.host_job_threw(threw_ty).into());
        let instance = store.instantiate_raw(&module, &externs)?;
        let invoke = store
            .with(|mut cx| instance.get_func(&mut cx, "invoke"))
            .ok_or_else(|| Error::Engine("invoker missing".into()))?;
        self.invoker_funcs.push((ty.clone(), invoke));
        Ok(invoke)
    }

    /// Creates a worker continuation in a new slot (this is where stacks are created).
    ///
    /// # Errors
    /// [`Error::Resource`] when no more stacks can be created.
    pub fn spawn(&self, store: &Store) -> Result<u32, Error> {
        let mut result = [Val::I32(0)];
        store
            .call(&self.spawn, &[], &mut result)
            .map_err(stack_error)?;
        match result[0] {
            Val::I32(slot) if slot >= 0 => Ok(slot as u32),
            _ => Err(Error::Resource("the JSPI slot table cannot grow".into())),
        }
    }

    /// Gives up the worker in `slot`, alive but suspended in the middle of a call that cannot go
    /// on (see [`ResumeError::worker_alive`]): it is never resumed again, and its stack stays as
    /// it is, since wasmtime's collector reads the frames of every suspended continuation.
    /// Respawn the slot before reusing it.
    pub fn abandon(&self, store: &Store, slot: u32) {
        store.with(|mut cx| cx.data_mut().parking.forget(slot));
    }

    /// Replaces the dead worker in `slot` with a new one.
    ///
    /// # Errors
    /// As [`Jspi::spawn`].
    pub fn respawn(&self, store: &Store, slot: u32) -> Result<(), Error> {
        store
            .call(&self.respawn, &[Val::I32(slot as i32)], &mut [])
            .map_err(stack_error)
    }

    /// The job number that runs `func` in a promising call (see [`Resumer::resume`]): registered
    /// once per function, with the invoker for its signature.
    ///
    /// # Errors
    /// Fails only if the invoker cannot be compiled (a bug), or the runtime's tables cannot grow.
    pub fn register(&mut self, store: &Store, func: &Func) -> Result<u32, Error> {
        let key = store.with(|cx| func.to_raw(cx)) as usize;
        if let Some(&job) = self.jobs.get(&key) {
            return Ok(job);
        }
        let ty = store.with(|cx| func.ty(cx));
        let invoke = self.invoker_for(store, &ty)?;
        let job = store
            .with(|mut cx| {
                let job = self
                    .targets
                    .grow(&mut cx, 1, wasmtime::Ref::Func(Some(*func)))?;
                self.invokers
                    .grow(&mut cx, 1, wasmtime::Ref::Func(Some(invoke)))?;
                Ok::<_, wasmtime::Error>(job)
            })
            .map_err(|e| Error::Resource(format!("{e:#}")))?;
        let job = u32::try_from(job).map_err(|_| Error::Resource("too many jobs".into()))?;
        self.jobs.insert(key, job);
        Ok(job)
    }

    /// What resumes workers (see [`Resumer::resume`]): a handle of its own, so that the host,
    /// which runs JS while a worker is resumed, need not keep this runtime borrowed meanwhile.
    /// Shared rather than cloned: a clone of the typed `resume` function would count a reference
    /// to its type atomically, twice per resume.
    pub fn resumer(&self) -> Rc<Resumer> {
        self.resumer.clone()
    }

    /// Whether a function of type `ty` passes its arguments and results through the mailbox
    /// (every value numeric, at most [`Jspi::MAILBOX`] arguments and as many results), which
    /// saves host calls. For a JS import, rather than through the host calls `stash` and `take`:
    /// then [`Jspi::read_args`] gives the arguments of a suspension, and [`Jspi::write_results`]
    /// or [`Jspi::set_threw`] say how it resumes. For an export run by a promising call, rather
    /// than through [`crate::Host::job_args`] and [`crate::Host::job_results`]: then
    /// [`Jspi::write_job_args`] gives a job its arguments before the resume that starts it, and
    /// [`Jspi::read_job_results`] gives its results after the resume that finished it.
    pub fn uses_mailbox(ty: &FuncType) -> bool {
        ty.params().len() <= MAILBOX
            && ty.results().len() <= MAILBOX
            && ty
                .params()
                .chain(ty.results())
                .all(|t| matches!(t, ValType::I32 | ValType::I64 | ValType::F32 | ValType::F64))
    }

    /// The arguments of the import (see [`Jspi::uses_mailbox`]) whose call the
    /// host is running ([`crate::Host::run_import`]), into `args`; `params` are its parameter types.
    pub fn read_args(&self, store: &Store, params: &[ValType], args: &mut [Val]) {
        self.read_values(store, 0, params, args);
    }

    /// The results the suspended import returns when its continuation next resumes.
    ///
    /// # Errors
    /// A value that is not numeric (a bug in the caller).
    pub fn write_results(
        &self,
        store: &Store,
        results: impl IntoIterator<Item = Val>,
    ) -> Result<(), Error> {
        self.write_values(store, 0, results)?;
        self.mailbox.write_u32(store, THREW, 0);
        Ok(())
    }

    /// [`Jspi::write_results`] for an import with at most one result, numeric (anything else
    /// is written as nothing).
    pub fn write_result(&self, store: &Store, result: Option<Val>) {
        if let Some(word) = result.and_then(mailbox_word) {
            self.mailbox.write_u64(store, 0, word);
        }
        self.mailbox.write_u32(store, THREW, 0);
    }

    /// The arguments of the job the next [`Resumer::resume`] starts, when its export's signature
    /// passes them through the mailbox (see [`Jspi::uses_mailbox`]).
    ///
    /// # Errors
    /// A value that is not numeric (a bug in the caller).
    pub fn write_job_args(
        &self,
        store: &Store,
        args: impl IntoIterator<Item = Val>,
    ) -> Result<(), Error> {
        self.write_values(store, JOB, args)
    }

    /// The results of the job that just finished, when its export's signature passes them
    /// through the mailbox; `types` are its result types.
    pub fn read_job_results(&self, store: &Store, types: &[ValType], results: &mut [Val]) {
        self.read_values(store, JOB, types, results);
    }

    fn read_values(&self, store: &Store, at: usize, types: &[ValType], values: &mut [Val]) {
        for ((i, t), value) in types.iter().enumerate().zip(values).take(MAILBOX) {
            let word = self.mailbox.read_u64(store, at + 8 * i);
            *value = match t {
                ValType::I64 => Val::I64(word as i64),
                ValType::F32 => Val::F32(word as u32),
                ValType::F64 => Val::F64(word),
                _ => Val::I32(word as u32 as i32),
            };
        }
    }

    fn write_values(
        &self,
        store: &Store,
        at: usize,
        values: impl IntoIterator<Item = Val>,
    ) -> Result<(), Error> {
        for (i, v) in values.into_iter().enumerate().take(MAILBOX) {
            let word =
                mailbox_word(v).ok_or_else(|| Error::Engine("not a mailbox value".into()))?;
            self.mailbox.write_u64(store, at + 8 * i, word);
        }
        Ok(())
    }

    /// The suspended import throws when its continuation next resumes: the adapter takes the
    /// exception from the host (`take`).
    pub fn set_threw(&self, store: &Store) {
        self.mailbox.write_u32(store, THREW, 1);
    }

    /// The tag JS values are thrown through Wasm with (`(param externref)`): `WebAssembly.JSTag`.
    pub fn js_tag(&self) -> wasmtime::Tag {
        self.js_tag
    }

    /// Starts (or stops) recording what parking does with the stacks (see `parking.rs`), for
    /// [`Jspi::stack_events`].
    pub fn record_stack_events(&self, store: &Store, on: bool) {
        store.with(|mut cx| cx.data_mut().parking.record(on));
    }

    /// What parking did since the last call (nothing unless recording).
    pub fn stack_events(&self, store: &Store) -> Vec<StackEvent> {
        store.with(|mut cx| cx.data_mut().parking.take_events())
    }

    /// Whether a continuation is running (JS imports must then leave it).
    pub fn in_continuation(&self, store: &Store) -> bool {
        store.with(|cx| matches!(self.resumer.in_cont.get(cx), Val::I32(1)))
    }
}

/// A numeric value as its mailbox word (see [`MAILBOX`]); `None` for any other value.
fn mailbox_word(value: Val) -> Option<u64> {
    match value {
        Val::I32(x) => Some(u64::from(x as u32)),
        Val::I64(x) => Some(x as u64),
        Val::F32(x) => Some(u64::from(x)),
        Val::F64(x) => Some(x),
        _ => None,
    }
}

/// Why a [`Resumer::resume`] failed.
#[derive(Debug)]
pub struct ResumeError {
    /// What happened (JS: a RuntimeError, a RangeError, an exception).
    pub error: Error,
    /// Whether the worker is still suspended where it was: the main stack ran out before it
    /// could be entered. A worker that was waiting for a job can take the next one; one that was
    /// in the middle of a call must be given up ([`Jspi::abandon`]). Otherwise the worker died.
    pub worker_alive: bool,
}

/// Resumes workers: see [`Jspi::resumer`].
pub struct Resumer {
    resume: TypedFunc<(i32, i32, i32), i32>,
    /// The runtime's `in_cont` (see the module docs), which the adapters import too.
    in_cont: Global,
}

impl Resumer {
    /// Runs the worker in `slot` until it finishes its job or waits. A worker waiting for a job
    /// starts job `job` (from [`Jspi::register`]); otherwise `job` is ignored. Each import the
    /// worker calls meanwhile is run by [`crate::Host::run_import`] (which runs JS), told
    /// `from_job`.
    ///
    /// # Errors
    /// Whatever ended the job abnormally (trap, stack overflow, an exception escaping the export);
    /// the worker in `slot` is then dead and must be respawned before reuse. Or the main stack
    /// ran out before the worker could be entered: the worker is as it was
    /// ([`ResumeError::worker_alive`]).
    pub fn resume(
        &self,
        store: &Store,
        slot: u32,
        job: u32,
        from_job: bool,
    ) -> Result<Resumed, ResumeError> {
        let here = 0u8;
        let main = std::hint::black_box(&here) as *const u8 as usize;
        let outer = store.with(|mut cx| cx.data_mut().parking.resuming_from(slot, main));
        let resumed = store.call_i32x3(&self.resume, (slot as i32, job as i32, from_job as i32));
        store.with(|mut cx| {
            cx.data_mut().parking.returned_to(outer);
            match resumed {
                Ok(0) => {
                    cx.data_mut().parking.suspended(slot, true);
                    Ok(Resumed::Finished)
                }
                // The worker's suspension was counted when it called the import it waits in.
                Ok(_) => Ok(Resumed::Waiting),
                Err(error) => {
                    // A trap inside the worker unwinds past the resets in `resume`, leaving
                    // `in_cont` at 1, and wasmtime marks the continuation trapped. At 0 the
                    // failure came before the switch (the main stack ran out at `resume`'s own
                    // entry): the worker is suspended as it was.
                    let entered = matches!(self.in_cont.get(&mut cx), Val::I32(1));
                    if entered {
                        cx.data_mut().parking.died(slot);
                        let _ = self.in_cont.set(cx, Val::I32(0));
                    } else {
                        cx.data_mut().parking.suspended(slot, false);
                    }
                    let error = match error {
                        Error::StackOverflow(_) if !entered => Error::StackOverflow(
                            "Maximum call stack size exceeded: no room left on the main stack to \
                             enter a promising call's Wasm"
                                .into(),
                        ),
                        other => other,
                    };
                    Err(ResumeError {
                        error,
                        worker_alive: !entered,
                    })
                }
            }
        })
    }
}

/// The runtime's `mailbox` memory, which the host reads and writes at its base address:
/// wasmtime's `Memory::data` costs about 200 instructions a call (store and instance lookups),
/// more than the rest of a value's trip. The memory has one page and may not grow (its maximum
/// is one page), so its base stays put while its store lives; Wasm never runs while the host
/// reads or writes it, and it is not shared.
struct Mailbox {
    memory: wasmtime::Memory,
    base: *mut u8,
}

impl Mailbox {
    /// The size of the memory: one Wasm page.
    const SIZE: usize = 1 << 16;

    fn new(store: &Store, memory: wasmtime::Memory) -> Self {
        let base = store.with(|cx| memory.data_ptr(&cx));
        Mailbox { memory, base }
    }

    /// Checks that `len` bytes at `at` are in the memory, and (in debug builds) that `store` is
    /// the store the memory lives in, which keeps it alive.
    fn check(&self, store: &Store, at: usize, len: usize) {
        assert!(at + len <= Self::SIZE, "mailbox access out of bounds");
        debug_assert_eq!(store.with(|cx| self.memory.data_ptr(&cx)), self.base);
    }

    fn read_u64(&self, store: &Store, at: usize) -> u64 {
        self.check(store, at, 8);
        // SAFETY: in bounds of the live memory, which nothing else accesses now (see the type).
        u64::from_le(unsafe { self.base.add(at).cast::<u64>().read_unaligned() })
    }

    fn write_u64(&self, store: &Store, at: usize, word: u64) {
        self.check(store, at, 8);
        // SAFETY: as in `read_u64`.
        unsafe {
            self.base
                .add(at)
                .cast::<u64>()
                .write_unaligned(word.to_le())
        }
    }

    fn write_u32(&self, store: &Store, at: usize, word: u32) {
        self.check(store, at, 4);
        // SAFETY: as in `read_u64`.
        unsafe {
            self.base
                .add(at)
                .cast::<u32>()
                .write_unaligned(word.to_le())
        }
    }
}

fn compile(engine: &Engine, wat: &str) -> Result<WasmtimeModule, Error> {
    let bytes = wat::parse_str(wat).map_err(|e| Error::Engine(format!("generated module: {e}")))?;
    WasmtimeModule::new(engine.wasmtime(), bytes)
        .map_err(|e| Error::Engine(format!("generated module: {e:#}")))
}

/// Stack creation failing (`cont.new` cannot map a stack) becomes a resource error.
fn stack_error(e: Error) -> Error {
    match e {
        Error::Trap(m) | Error::Engine(m) => Error::Resource(m),
        other => other,
    }
}

fn type_text(ty: &ValType) -> String {
    match ty {
        ValType::Ref(r) => format!("{r}"),
        other => other.to_string(),
    }
}

fn params_text(types: impl Iterator<Item = ValType>, keyword: &str) -> String {
    let list: Vec<String> = types.map(|t| type_text(&t)).collect();
    if list.is_empty() {
        String::new()
    } else {
        format!("({keyword} {})", list.join(" "))
    }
}

/// One adapter function per import: direct host call on the main stack; inside a continuation,
/// arguments out, suspend, results in: through the mailbox memory when the import's types allow
/// (see [`Jspi::uses_mailbox`]), otherwise through the host calls `stash` and `take`.
fn adapter_wat(imports: &[AdaptedImport]) -> String {
    let mut head = String::from(
        "(module\n  (import \"rt\" \"in_cont\" (global $in_cont (mut i32)))\n  (import \"rt\" \"host_call\" (tag $host_call (param i32)))\n  (import \"rt\" \"mailbox\" (memory 1))\n",
    );
    let mut body = String::new();
    for (i, import) in imports.iter().enumerate() {
        let params = params_text(import.ty.params(), "param");
        let results = params_text(import.ty.results(), "result");
        let get_args: String = (0..import.ty.params().len())
            .map(|p| format!(" (local.get {p})"))
            .collect();
        head.push_str(&format!(
            "  (import \"h\" \"direct{i}\" (func $direct{i} {params} {results}))\n\
             \x20 (import \"h\" \"stash{i}\" (func $stash{i} {params}))\n\
             \x20 (import \"h\" \"take{i}\" (func $take{i} {results}))\n\
             \x20 (import \"h\" \"id{i}\" (global $id{i} i32))\n"
        ));
        let (send, receive) = if Jspi::uses_mailbox(&import.ty) {
            let send: String = import
                .ty
                .params()
                .enumerate()
                .map(|(p, t)| {
                    format!(
                        "({t}.store offset={} (i32.const 0) (local.get {p})) ",
                        8 * p
                    )
                })
                .collect();
            let receive: String = import
                .ty
                .results()
                .enumerate()
                .map(|(r, t)| format!(" ({t}.load offset={} (i32.const 0))", 8 * r))
                .collect();
            (
                send,
                format!(
                    "(if (i32.load offset={THREW} (i32.const 0)) (then (return (call $take{i}))))\n\x20   {receive}"
                ),
            )
        } else {
            (
                format!("(call $stash{i}{get_args})"),
                format!("(call $take{i})"),
            )
        };
        body.push_str(&format!(
            "  (func (export \"f{i}\") {params} {results}\n\
             \x20   (if (i32.eqz (global.get $in_cont))\n\
             \x20     (then (return (call $direct{i}{get_args}))))\n\
             \x20   {send}\n\
             \x20   (suspend $host_call (global.get $id{i}))\n\
             \x20   {receive})\n"
        ));
    }
    head.push_str(&body);
    head.push(')');
    head
}

/// The invoker for one export signature: arguments in, `call_ref`, results out: through the
/// mailbox when `mailbox` (see [`Jspi::uses_mailbox`]), otherwise through the host calls `args`
/// and `results`. An exception escaping the export is caught and handed to the host, so the
/// worker goes on to its next job instead of unwinding (and losing its stack).
fn invoker_wat(ty: &FuncType, mailbox: bool) -> String {
    let params = params_text(ty.params(), "param");
    let results = params_text(ty.results(), "result");
    let (imports, locals, args, finish) = if mailbox {
        let locals: String = ty
            .results()
            .enumerate()
            .map(|(i, t)| format!(" (local $r{i} {t})"))
            .collect();
        let args: String = ty
            .params()
            .enumerate()
            .map(|(i, t)| format!("({t}.load offset={} (i32.const 0)) ", JOB + 8 * i))
            .collect();
        // The results are on the operand stack, last on top: into locals, then the mailbox.
        let n = ty.results().len();
        let mut finish: String = (0..n)
            .rev()
            .map(|i| format!("(local.set $r{i}) "))
            .collect();
        for (i, t) in ty.results().enumerate() {
            finish.push_str(&format!(
                "({t}.store offset={} (i32.const 0) (local.get $r{i})) ",
                JOB + 8 * i
            ));
        }
        (
            "  (import \"rt\" \"mailbox\" (memory 1))\n".to_string(),
            locals,
            args,
            finish,
        )
    } else {
        let imports = format!(
            "  (import \"h\" \"args\" (func $args {}))\n  (import \"h\" \"results\" (func $results {}))\n",
            params_text(ty.params(), "result"),
            params_text(ty.results(), "param"),
        );
        (
            imports,
            String::new(),
            "(call $args) ".to_string(),
            "(call $results)".to_string(),
        )
    };
    format!(
        "(module\n\
         \x20 (type $s (func {params} {results}))\n\
         \x20 (import \"rt\" \"targets\" (table $targets 0 funcref))\n\
         \x20 (import \"rt\" \"job\" (global $job (mut i32)))\n\
         {imports}\
         \x20 (import \"h\" \"threw\" (func $threw (param exnref)))\n\
         \x20 (func (export \"invoke\"){locals}\n\
         \x20   (block $caught (result exnref)\n\
         \x20     (try_table {results} (catch_all_ref $caught)\n\
         \x20       (call_ref $s {args}(ref.cast (ref $s) (table.get $targets (global.get $job)))))\n\
         \x20     {finish}\n\
         \x20     (return))\n\
         \x20   (call $threw)))",
    )
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use crate::{EngineConfig, Host, HostError, Thrown};

    /// A host whose import `7` says "resume at once" to the first `at_once` calls, then "wait".
    struct Imports {
        at_once: usize,
        calls: RefCell<Vec<(u32, u32, bool)>>,
    }

    impl Host for Imports {
        fn call(&self, _: usize, _: &[Val], _: &mut [Val]) -> Result<(), HostError> {
            Ok(())
        }
        fn stash(&self, _: u32, _: &[Val]) {}
        fn take(&self, _: u32, _: &mut [Val]) -> Result<(), HostError> {
            Ok(())
        }
        fn job_args(&self, _: &mut [Val]) {}
        fn job_results(&self, _: &[Val]) {}
        fn job_threw(&self, _: Thrown) {}
        fn run_import(&self, slot: u32, id: u32, from_job: bool) -> bool {
            let mut calls = self.calls.borrow_mut();
            calls.push((slot, id, from_job));
            calls.len() <= self.at_once
        }
    }

    #[test]
    fn a_worker_goes_on_after_each_import_the_host_runs_until_it_must_wait() {
        let engine = Engine::new(&EngineConfig::default()).unwrap();
        let host = Rc::new(Imports {
            at_once: 2,
            calls: RefCell::new(Vec::new()),
        });
        let store = Store::new(&engine, host.clone());
        let mut jspi = Jspi::new(&engine, &store).unwrap();
        let ty = FuncType::new(engine.wasmtime(), [], []);
        let adapters = jspi
            .adapters(&store, &[AdaptedImport { ty, id: 7 }])
            .unwrap();
        let module = compile(
            &engine,
            r#"(module
                 (import "js" "f" (func $f))
                 (func (export "run") (result i32)
                   (call $f) (call $f) (call $f) (call $f) (i32.const 42)))"#,
        )
        .unwrap();
        let instance = store
            .with(|cx| Instance::new(cx, &module, &[adapters[0].into()]))
            .unwrap();
        let run = store
            .with(|mut cx| instance.get_func(&mut cx, "run"))
            .unwrap();
        let job = jspi.register(&store, &run).unwrap();
        let slot = jspi.spawn(&store).unwrap();
        let resumer = jspi.resumer();

        let first = resumer.resume(&store, slot, job, false).unwrap();
        assert_eq!(first, Resumed::Waiting, "the third call waits");
        assert_eq!(*host.calls.borrow(), [(slot, 7, false); 3]);

        let second = resumer.resume(&store, slot, job, true).unwrap();
        assert_eq!(second, Resumed::Waiting, "and so does the fourth");
        assert_eq!(host.calls.borrow()[3], (slot, 7, true));

        let third = resumer.resume(&store, slot, job, true).unwrap();
        assert_eq!(third, Resumed::Finished);
        assert_eq!(host.calls.borrow().len(), 4);
        let mut results = [Val::I32(0)];
        jspi.read_job_results(&store, &[ValType::I32], &mut results);
        assert!(matches!(results[0], Val::I32(42)));
    }
}
