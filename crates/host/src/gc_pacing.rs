//! GC pacing: how much the JS heap may grow before QuickJS looks for garbage cycles again.
//!
//! QuickJS frees most garbage at once by reference counting; its collector only finds cycles,
//! and every collection walks every live object. A collection runs when the heap exceeds a
//! threshold that QuickJS resets after each collection to 1.5 times the heap then in use. A heap
//! that grows to n bytes is therefore walked about 3n over (n + n/1.5 + n/1.5² + ...): a fifth of
//! the time to start 30,000 promising calls that stay in flight went there. baton lets the heap
//! grow to [`GROWTH`] times its size after a collection instead, as V8 lets its old generation
//! grow by up to 4x, which halves that work. The price: cyclic garbage may reach 3x the live heap
//! rather than 1.5x before it is collected, and never past half the heap limit (past the limit an
//! allocation fails without a collection being tried, so the threshold must stay well below it).
//!
//! QuickJS has no hook after a collection, so the threshold is checked from its interrupt
//! handler, which QuickJS calls every 10,000 function calls and backward jumps: a threshold other
//! than the one last set means a collection has just reset it.

use std::cell::Cell;

use rquickjs::qjs;

/// How many times its size after a collection the heap may grow to before the next one.
pub(crate) const GROWTH: usize = 3;

/// The threshold QuickJS sets after each collection, as a multiple of the heap in use, in halves.
const QUICKJS_GROWTH_HALVES: usize = 3;

/// The pacing state of one QuickJS runtime.
pub(crate) struct GcPacing {
    rt: *mut qjs::JSRuntime,
    /// The heap limit the threshold must stay well below.
    limit: usize,
    /// The threshold last set here (0: none yet).
    last: Cell<usize>,
}

impl GcPacing {
    /// Pacing for the runtime `rt`, whose heap may not exceed `limit` bytes.
    ///
    /// # Safety
    /// `rt` must stay valid for as long as [`GcPacing::check`] may be called.
    pub(crate) unsafe fn new(rt: *mut qjs::JSRuntime, limit: usize) -> Self {
        GcPacing {
            rt,
            limit,
            last: Cell::new(0),
        }
    }

    /// Raises the threshold if a collection has reset it since the last check.
    pub(crate) fn check(&self) {
        // SAFETY: `rt` is valid (see `new`); reading and setting the threshold touch nothing else.
        let threshold =
            usize::try_from(unsafe { qjs::JS_GetGCThreshold(self.rt) }).unwrap_or(usize::MAX);
        if threshold == self.last.get() {
            return;
        }
        let next = paced(threshold, self.limit);
        // SAFETY: as above.
        unsafe { qjs::JS_SetGCThreshold(self.rt, next as qjs::size_t) };
        self.last.set(next);
    }
}

/// The threshold to set when QuickJS has set `threshold` after a collection, under the heap limit
/// `limit`: [`GROWTH`] times the heap then in use, but no more than half the limit unless QuickJS's
/// own threshold is already above that.
fn paced(threshold: usize, limit: usize) -> usize {
    let in_use = threshold / QUICKJS_GROWTH_HALVES * 2;
    in_use
        .saturating_mul(GROWTH)
        .min((limit / 2).max(threshold))
        .max(threshold)
}

/// Installs pacing in `runtime` (as its interrupt handler), whose heap may not exceed `limit`
/// bytes. A runtime has one interrupt handler: anything else that needs it (a Ctrl-C or a time
/// limit interrupting scripts) must be added to this one.
pub(crate) fn install(runtime: &rquickjs::Runtime, context: &rquickjs::Context, limit: usize) {
    // SAFETY: `ctx` is live; its runtime is `runtime`.
    let rt = context.with(|ctx| unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) });
    // SAFETY: the handler belongs to `runtime`, so it is dropped before the runtime is freed.
    let pacing = unsafe { GcPacing::new(rt, limit) };
    runtime.set_interrupt_handler(Some(Box::new(move || {
        pacing.check();
        false
    })));
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use rquickjs::class::{Trace, Tracer};
    use rquickjs::{Class, Context, JsLifetime, Runtime};

    use super::*;

    #[test]
    fn the_heap_may_grow_to_three_times_its_size_after_a_collection() {
        // QuickJS sets 1.5x the 10 MiB in use; baton lets it reach 30 MiB.
        assert_eq!(paced(15 << 20, 1 << 30), 30 << 20);
    }

    #[test]
    fn the_threshold_stays_at_most_half_the_heap_limit() {
        assert_eq!(paced(150 << 20, 400 << 20), 200 << 20);
        // Never below what QuickJS chose itself.
        assert_eq!(paced(300 << 20, 400 << 20), 300 << 20);
    }

    /// Counts the collections that run while it is alive: each one traces every live object.
    #[derive(JsLifetime)]
    #[rquickjs::class]
    struct Witness {
        traced: Rc<Cell<usize>>,
    }

    impl<'js> Trace<'js> for Witness {
        fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {
            self.traced.set(self.traced.get() + 1);
        }
    }

    /// How many times a `Witness` was traced while a script grew the live heap to ~20 MiB.
    fn traces_while_the_heap_grows(paced: bool) -> usize {
        let runtime = Runtime::new().unwrap();
        let context = Context::full(&runtime).unwrap();
        let traced = Rc::new(Cell::new(0));
        if paced {
            install(&runtime, &context, 1 << 30);
        }
        context.with(|ctx| {
            let witness = Class::instance(ctx.clone(), Witness { traced: traced.clone() }).unwrap();
            ctx.globals().set("witness", witness).unwrap();
            let kept: usize = ctx
                .eval("const keep = []; for (let i = 0; i < 200000; i++) keep.push({ i }); keep.length")
                .unwrap();
            assert_eq!(kept, 200_000);
        });
        traced.get()
    }

    #[test]
    fn a_growing_heap_is_walked_about_half_as_often() {
        let quickjs = traces_while_the_heap_grows(false);
        let paced = traces_while_the_heap_grows(true);
        // From 256 KiB to ~20 MiB: ~11 collections at 1.5x growth, ~4-5 at 3x.
        assert!(quickjs >= 8, "QuickJS alone collected {quickjs} times");
        assert!(
            paced * 2 <= quickjs,
            "paced: {paced} traces, QuickJS alone: {quickjs}"
        );
    }
}
