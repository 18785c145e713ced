//! The event loop: timers, the microtask checkpoint, unhandled rejections and `quit`.
//!
//! One turn of the loop runs one task (a timer callback, or the main script), then drains every
//! pending job (promise reactions and `queueMicrotask` callbacks), then checks for promises that
//! were rejected and are still unhandled after the drain. The loop ends when no timer is pending
//! and no job is queued, as node's does.
//!
//! Errors follow node: an uncaught exception or an unhandled rejection prints a report to stderr
//! and ends the process with exit code 1; a top-level `await` that can never settle ends it with
//! code 13.
//!
//! `quit(code)` (see `shell.rs`) unwinds the task that called it with an uncatchable error, records
//! `code`, and cancels intervals. Work that is already scheduled (one-shot timers, promise jobs,
//! suspended Wasm calls waiting on them) still runs; the process exits with `code` once the loop is
//! idle. Emscripten calls `quit` from a timer right after `main` returns even when the program goes
//! on running on the event loop, and an immediate exit would cut such programs short.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::ptr;
use std::rc::{Rc, Weak};
use std::time::{Duration, Instant};

use rquickjs::{Ctx, Function, Persistent, Promise, Value, promise::PromiseState, qjs};

use crate::report;

/// How the process should end: the exit status a script run produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exit(pub i32);

/// Exit status for an uncaught exception or unhandled rejection (as node).
const EXIT_UNCAUGHT: i32 = 1;
/// Exit status when the main module's top-level `await` can never settle (as node).
const EXIT_UNSETTLED_TLA: i32 = 13;

struct Timer {
    callback: Persistent<Function<'static>>,
    args: Vec<Persistent<Value<'static>>>,
    /// `Some(period)` for intervals.
    repeat: Option<Duration>,
    /// The key of this timer in `Timers::due`.
    key: (Instant, u64),
}

#[derive(Default)]
struct Timers {
    next_id: u32,
    /// Tie-breaker so timers due at the same instant run in the order they were scheduled.
    seq: u64,
    due: BTreeMap<(Instant, u64), u32>,
    by_id: HashMap<u32, Timer>,
}

impl Timers {
    fn schedule(&mut self, id: u32, at: Instant) -> (Instant, u64) {
        self.seq += 1;
        let key = (at, self.seq);
        self.due.insert(key, id);
        key
    }
}

/// A rejected promise that no handler was attached to (yet).
struct Rejection {
    promise: Persistent<Value<'static>>,
    reason: Persistent<Value<'static>>,
}

/// Per-runtime event loop state, shared with the JS bindings that schedule work.
pub(crate) struct EventLoop {
    timers: RefCell<Timers>,
    rejections: RefCell<Vec<Rejection>>,
    /// The exit code requested by `quit`, if it was called.
    quit_code: Cell<Option<i32>>,
    /// The uncatchable error `quit` throws, recognised so it is never reported.
    quit_error: RefCell<Option<Persistent<Value<'static>>>>,
    /// In the REPL, uncaught errors are printed but do not end the process.
    interactive: Cell<bool>,
    origin: Instant,
}

impl EventLoop {
    pub(crate) fn new() -> Self {
        EventLoop {
            timers: RefCell::default(),
            rejections: RefCell::default(),
            quit_code: Cell::new(None),
            quit_error: RefCell::new(None),
            interactive: Cell::new(false),
            origin: Instant::now(),
        }
    }

    /// When the runtime started; `performance.now()` counts from here.
    pub(crate) fn origin(&self) -> Instant {
        self.origin
    }

    pub(crate) fn set_interactive(&self, interactive: bool) {
        self.interactive.set(interactive);
    }

    /// Registers the host promise rejection tracker that feeds [`EventLoop::check_rejections`].
    pub(crate) fn track_rejections(self: &Rc<Self>, runtime: &rquickjs::Runtime) {
        let this: Weak<Self> = Rc::downgrade(self);
        runtime.set_host_promise_rejection_tracker(Some(Box::new(
            move |ctx, promise, reason, is_handled| {
                let Some(this) = this.upgrade() else { return };
                let mut rejections = this.rejections.borrow_mut();
                if is_handled {
                    rejections
                        .retain(|r| r.promise.clone().restore(&ctx).ok() != Some(promise.clone()));
                } else {
                    rejections.push(Rejection {
                        promise: Persistent::save(&ctx, promise),
                        reason: Persistent::save(&ctx, reason),
                    });
                }
            },
        )));
    }

    /// Schedules `callback(...args)` after `delay`, every `delay` if `repeat`; returns the timer id.
    pub(crate) fn add_timer<'js>(
        &self,
        ctx: &Ctx<'js>,
        callback: Function<'js>,
        args: Vec<Value<'js>>,
        delay: Duration,
        repeat: bool,
    ) -> u32 {
        let mut timers = self.timers.borrow_mut();
        timers.next_id = timers.next_id.checked_add(1).unwrap_or(1);
        let id = timers.next_id;
        let key = timers.schedule(id, Instant::now() + delay);
        let timer = Timer {
            callback: Persistent::save(ctx, callback),
            args: args.into_iter().map(|a| Persistent::save(ctx, a)).collect(),
            repeat: repeat.then_some(delay),
            key,
        };
        timers.by_id.insert(id, timer);
        id
    }

    /// Cancels a timer or interval; unknown ids are ignored, as in browsers and node.
    pub(crate) fn clear_timer(&self, id: u32) {
        let removed = {
            let mut timers = self.timers.borrow_mut();
            let removed = timers.by_id.remove(&id);
            if let Some(timer) = &removed {
                timers.due.remove(&timer.key);
            }
            removed
        };
        // Dropped outside the borrow: releasing a JS value can run finalizers.
        drop(removed);
    }

    /// Records a `quit(code)` call; returns nothing to do but unwind. See the module docs.
    pub(crate) fn request_quit<'js>(&self, ctx: &Ctx<'js>, code: i32, error: Value<'js>) {
        self.quit_code.set(Some(code));
        *self.quit_error.borrow_mut() = Some(Persistent::save(ctx, error));
        let intervals: Vec<u32> = {
            let timers = self.timers.borrow();
            timers
                .by_id
                .iter()
                .filter(|(_, t)| t.repeat.is_some())
                .map(|(id, _)| *id)
                .collect()
        };
        for id in intervals {
            self.clear_timer(id);
        }
    }

    fn is_quit_error<'js>(&self, ctx: &Ctx<'js>, value: &Value<'js>) -> bool {
        let quit_error = self.quit_error.borrow().clone();
        quit_error.is_some_and(|q| q.restore(ctx).ok().as_ref() == Some(value))
    }

    /// Handles an exception that reached the top of a task. Returns the exit to take, or `None`
    /// when the loop goes on (the exception was `quit` unwinding, or this is the REPL).
    pub(crate) fn uncaught<'js>(&self, ctx: &Ctx<'js>, error: Value<'js>) -> Option<Exit> {
        if self.is_quit_error(ctx, &error) {
            return None;
        }
        eprintln!("{}", report::uncaught(ctx, &error, false));
        (!self.interactive.get()).then_some(Exit(EXIT_UNCAUGHT))
    }

    /// The report for an error the REPL caught, or `None` if it was `quit` unwinding.
    pub(crate) fn repl_error<'js>(&self, ctx: &Ctx<'js>, error: Value<'js>) -> Option<String> {
        (!self.is_quit_error(ctx, &error)).then(|| report::uncaught(ctx, &error, false))
    }

    /// Runs every queued job (the microtask checkpoint).
    fn drain_jobs<'js>(&self, ctx: &Ctx<'js>) -> Option<Exit> {
        loop {
            let mut job_ctx = ptr::null_mut();
            // SAFETY: `ctx` is a live context of this runtime, and this runtime has only one
            // context, so a job that fails leaves its exception pending on `ctx`.
            let status = unsafe {
                qjs::JS_ExecutePendingJob(qjs::JS_GetRuntime(ctx.as_raw().as_ptr()), &mut job_ctx)
            };
            match status {
                0 => return None,
                s if s < 0 => {
                    let error = ctx.catch();
                    if let Some(exit) = self.uncaught(ctx, error) {
                        return Some(exit);
                    }
                }
                _ => {}
            }
        }
    }

    /// Reports the first promise still rejected without a handler after a checkpoint.
    fn check_rejections<'js>(
        &self,
        ctx: &Ctx<'js>,
        main_module: Option<&Promise<'js>>,
    ) -> Option<Exit> {
        let pending = std::mem::take(&mut *self.rejections.borrow_mut());
        let mut exit = None;
        for rejection in pending {
            if exit.is_some() {
                continue;
            }
            let (Ok(promise), Ok(reason)) = (
                rejection.promise.restore(ctx),
                rejection.reason.restore(ctx),
            ) else {
                continue;
            };
            if self.is_quit_error(ctx, &reason) {
                continue;
            }
            let is_main = main_module.is_some_and(|m| m.as_value() == &promise);
            eprintln!("{}", report::uncaught(ctx, &reason, !is_main));
            if !self.interactive.get() {
                exit = Some(Exit(EXIT_UNCAUGHT));
            }
        }
        exit
    }

    /// The checkpoint after every task: drain jobs, then report unhandled rejections.
    fn checkpoint<'js>(&self, ctx: &Ctx<'js>, main_module: Option<&Promise<'js>>) -> Option<Exit> {
        if let Some(exit) = self.drain_jobs(ctx) {
            return Some(exit);
        }
        self.check_rejections(ctx, main_module)
    }

    /// Removes the earliest timer if it is due by `now`, rescheduling intervals.
    fn take_due(
        &self,
        now: Instant,
    ) -> Option<(
        Persistent<Function<'static>>,
        Vec<Persistent<Value<'static>>>,
    )> {
        let mut timers = self.timers.borrow_mut();
        let (&key, &id) = timers.due.first_key_value()?;
        if key.0 > now {
            return None;
        }
        timers.due.remove(&key);
        let repeat = timers.by_id.get(&id)?.repeat;
        match repeat {
            Some(period) => {
                let key = timers.schedule(id, now + period);
                let timer = timers.by_id.get_mut(&id)?;
                timer.key = key;
                Some((timer.callback.clone(), timer.args.clone()))
            }
            None => {
                let timer = timers.by_id.remove(&id)?;
                Some((timer.callback, timer.args))
            }
        }
    }

    fn next_due(&self) -> Option<Instant> {
        self.timers.borrow().due.first_key_value().map(|(k, _)| k.0)
    }

    fn run_timer<'js>(
        &self,
        ctx: &Ctx<'js>,
        callback: Persistent<Function<'static>>,
        args: Vec<Persistent<Value<'static>>>,
    ) -> Option<Exit> {
        let (Ok(callback), Ok(args)) = (
            callback.restore(ctx),
            args.into_iter()
                .map(|a| a.restore(ctx))
                .collect::<rquickjs::Result<Vec<_>>>(),
        ) else {
            return None;
        };
        let mut call_args = rquickjs::function::Args::new(ctx.clone(), args.len());
        for arg in args {
            if call_args.push_arg(arg).is_err() {
                return self.uncaught(ctx, ctx.catch());
            }
        }
        match callback.call_arg::<Value>(call_args) {
            Ok(_) => None,
            Err(_) => self.uncaught(ctx, ctx.catch()),
        }
    }

    /// Runs the loop until nothing is pending, starting with a checkpoint for the task that just
    /// ran. `main_module` is the evaluation promise of the main ES module, if there is one.
    pub(crate) fn run<'js>(&self, ctx: &Ctx<'js>, main_module: Option<Promise<'js>>) -> Exit {
        loop {
            if let Some(exit) = self.checkpoint(ctx, main_module.as_ref()) {
                return exit;
            }
            let Some(due) = self.next_due() else { break };
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
            if let Some((callback, args)) = self.take_due(Instant::now().max(due))
                && let Some(exit) = self.run_timer(ctx, callback, args)
            {
                return exit;
            }
        }
        if let Some(code) = self.quit_code.get() {
            return Exit(code);
        }
        if main_module.is_some_and(|m| m.state() == PromiseState::Pending) {
            eprintln!("Warning: Detected unsettled top-level await");
            return Exit(EXIT_UNSETTLED_TLA);
        }
        Exit(0)
    }

    /// Runs the checkpoint and every timer that is already due, without waiting (REPL).
    /// Returns an exit only if `quit` was called; the loop is then run to idle first.
    pub(crate) fn run_ready<'js>(&self, ctx: &Ctx<'js>) -> Option<Exit> {
        loop {
            self.checkpoint(ctx, None);
            let Some((callback, args)) = self.take_due(Instant::now()) else {
                break;
            };
            self.run_timer(ctx, callback, args);
        }
        self.quit_code.get().map(|_| self.run(ctx, None))
    }

    /// Releases every JS value the loop holds. Called before the QuickJS runtime is freed.
    pub(crate) fn clear(&self) {
        let timers = std::mem::take(&mut *self.timers.borrow_mut());
        let rejections = std::mem::take(&mut *self.rejections.borrow_mut());
        let quit_error = self.quit_error.borrow_mut().take();
        drop((timers, rejections, quit_error));
    }
}
