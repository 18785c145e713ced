//! Parking: giving the memory of long-suspended JSPI stacks back to the OS.
//!
//! Every promising call in flight owns a worker continuation, whose stack wasmtime maps on its
//! own (`cont.new`). A suspended call's frames take a few hundred bytes at the top of that stack,
//! yet they keep its top page resident (4 KiB), and deeper pages stay resident once touched.
//! Past [`EngineConfig::jspi_resident_stacks`](crate::EngineConfig::jspi_resident_stacks)
//! suspended workers, the one suspended longest is *parked*: the used part of its stack (from its
//! saved stack pointer to the top) is copied to the heap and the whole stack is given back with
//! `madvise(MADV_DONTNEED)`. Before a parked worker resumes, the bytes are copied back: the frames
//! return to the same addresses, so nothing in them needs fixing.
//!
//! The pages of parked stacks are given back [`RELEASE_BATCH`] stacks at a time, in one
//! `process_madvise` call (Linux 6.13 and later take `MADV_DONTNEED` for the calling process, and
//! flush the TLB once per call rather than once per range: less than half the cost per stack).
//! Until then a parked stack's pages stay as they were; a stack resumed before its batch went out
//! leaves the batch. Where `process_madvise` is missing or refuses, each range gets its own
//! `madvise`.
//!
//! Where a stack is: wasmtime keeps a continuation's control context (the saved RSP, RBP and PC)
//! in the top 24 bytes of its stack (see wasmtime's `vm/stack_switching/stack/unix.rs`) but does
//! not tell where the stack is. A host call made on the worker's stack (`locate`, the first
//! thing each worker does) gives an address inside it; the top is the first page boundary above that
//! address whose context words point into the main stack just below where `resume` was called
//! (while a continuation runs, they hold its parent's RSP and RBP). When the worker is first
//! parked, the same words must hold its own saved RSP and RBP, inside the stack; a stack that
//! fails either check is never parked.
//!
//! When parking stops: wasmtime's garbage collector walks the frames of every suspended
//! continuation, starting from the context at the top of its stack, so no stack may be parked
//! while a collection can happen. A collection only happens when something is allocated in the GC
//! heap (an exception, an externref, a GC struct or array). So before the first such allocation
//! the store turns parking off for good and restores every parked stack: when a module that can
//! allocate is instantiated ([`Module::allocates_gc`](crate::Module::allocates_gc): it defines or
//! imports a tag, or a struct or array type), and before the host allocates (a JS value thrown
//! into Wasm, a `WebAssembly.Exception`, an externref): [`StoreData::before_gc_allocation`](crate::StoreData::before_gc_allocation).
//!
//! Parking is implemented for x86-64 Linux, the layout above; elsewhere stacks are never parked.

use std::collections::VecDeque;

/// What parking did, for `--trace-jspi` (see [`Jspi::stack_events`](crate::Jspi::stack_events)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StackEvent {
    /// The stack of the suspended worker `stack` was parked, keeping `bytes` of it.
    Parked {
        /// The worker's slot.
        stack: u32,
        /// The used bytes copied to the heap.
        bytes: usize,
    },
    /// The parked stack `stack` was copied back before its worker resumed.
    Restored {
        /// The worker's slot.
        stack: u32,
    },
    /// Parking stopped for good because the store may now collect garbage; `restored` parked
    /// stacks were copied back.
    Stopped {
        /// How many stacks were parked then.
        restored: usize,
    },
}

/// Bytes below the saved stack pointer copied with the frames (the x86-64 red zone).
const RED_ZONE: usize = 128;

/// How many parked stacks' pages are given back together (see the module docs).
const RELEASE_BATCH: usize = 64;

/// How far above the first page boundary the top of a stack may be from the host call's frame.
const MAX_TOP_PAGES: usize = 4;

/// How far below the address taken before a resume the parent's saved stack pointer may be.
const MAIN_STACK_WINDOW: usize = 1 << 20;

/// The parking state of one store (see the module docs).
pub(crate) struct Parking {
    /// Whether stacks may be parked: until the store may collect garbage.
    on: bool,
    /// How many suspended workers keep their stacks resident.
    resident_limit: usize,
    /// The usable size of each stack (below its top), a multiple of the page size.
    stack_size: usize,
    page: usize,
    /// Per worker slot.
    stacks: Vec<Stack>,
    /// Suspended workers with resident stacks, longest suspended first, with the number of their
    /// suspension (an entry whose number is no longer its stack's `queued` is stale): idle
    /// workers (waiting for a job) and workers whose call waits on a promise. Idle ones are parked
    /// first: the binding reuses the idle worker that finished last, so the oldest idle ones are
    /// the least likely to run soon, while every waiting call will.
    idle: VecDeque<(u32, u64)>,
    waiting: VecDeque<(u32, u64)>,
    /// How many workers are suspended with resident stacks.
    resident: usize,
    suspensions: u64,
    /// While a worker runs: its slot, and an address on the main stack just above `resume`.
    running: Option<(u32, usize)>,
    /// The address on the main stack just above the innermost `resume` call (0: none), for the
    /// host to resume the worker again from inside it (see [`Parking::resuming_again`]).
    entry: usize,
    /// What happened since the embedder last looked, when it asked to know.
    events: Option<Vec<StackEvent>>,
    /// Parked stacks whose pages are still to be given back: `(slot, low, top)`.
    pending: Vec<(u32, usize, usize)>,
    release: Release,
}

/// How pages are given back (see the module docs).
enum Release {
    /// `process_madvise` not tried yet.
    Untried,
    /// Through `process_madvise` on this pidfd of the process itself.
    #[cfg(target_os = "linux")]
    Batched(std::os::fd::OwnedFd),
    /// One `madvise` per range.
    Single,
}

#[derive(Default)]
struct Stack {
    top: Top,
    /// The stack's used bytes while it is parked (they belong just below `top`).
    image: Option<Box<[u8]>>,
    /// The lowest page a parked image has started on: pages from there to the top are released.
    low: Option<usize>,
    /// Whether the worker is suspended with its stack resident (and so counted in `resident`).
    suspended: bool,
    /// The number of its latest queue entry.
    queued: u64,
    /// Whether it is parked and its pages are still to be given back (in `pending`).
    pending: bool,
}

#[derive(Default, Clone, Copy, PartialEq, Eq, Debug)]
enum Top {
    /// Not located yet.
    #[default]
    Unknown,
    /// Located while the worker ran; checked again when it first parks.
    Found(usize),
    /// Located and checked.
    Checked(usize),
    /// Not found, or a check failed: never parked.
    Never,
}

impl Parking {
    /// Parking for stacks of `stack_size` usable bytes, keeping `resident_limit` resident.
    pub(crate) fn new(stack_size: usize, resident_limit: usize) -> Self {
        let page = rustix::param::page_size();
        Parking {
            on: cfg!(all(target_os = "linux", target_arch = "x86_64")),
            resident_limit,
            stack_size: stack_size.max(1).next_multiple_of(page),
            page,
            stacks: Vec::new(),
            idle: VecDeque::new(),
            waiting: VecDeque::new(),
            resident: 0,
            suspensions: 0,
            running: None,
            entry: 0,
            events: None,
            pending: Vec::new(),
            release: Release::Untried,
        }
    }

    /// Starts (or stops) recording [`StackEvent`]s.
    pub(crate) fn record(&mut self, on: bool) {
        self.events = on.then(Vec::new);
    }

    /// The events recorded since the last call.
    pub(crate) fn take_events(&mut self) -> Vec<StackEvent> {
        self.events.as_mut().map(std::mem::take).unwrap_or_default()
    }

    fn log(&mut self, event: StackEvent) {
        if let Some(events) = &mut self.events {
            events.push(event);
        }
    }

    fn stack(&mut self, slot: u32) -> &mut Stack {
        let index = slot as usize;
        if self.stacks.len() <= index {
            self.stacks.resize_with(index + 1, Stack::default);
        }
        &mut self.stacks[index]
    }

    /// The worker in `slot` is about to run; `main` is an address on the main stack above the
    /// call that resumes it. A parked stack is restored first.
    pub(crate) fn resuming(&mut self, slot: u32, main: usize) {
        let stack = self.stack(slot);
        if stack.suspended {
            stack.suspended = false;
            self.resident -= 1;
        }
        if self.unpark(slot) {
            self.log(StackEvent::Restored { stack: slot });
        }
        self.running = Some((slot, main));
    }

    /// [`Parking::resuming`] from a new `resume` call at `main`; returns the `resume` call it is
    /// inside of, to give back to [`Parking::returned_to`] when it returns.
    ///
    /// A worker that called an import counts as running until then (nothing can park a stack
    /// while no other worker runs): if the host, running the import, resumes another worker, the
    /// caller counts as suspended from here on.
    pub(crate) fn resuming_from(&mut self, slot: u32, main: usize) -> usize {
        if let Some((caller, _)) = self.running {
            self.suspended(caller, false);
        }
        let outer = std::mem::replace(&mut self.entry, main);
        self.resuming(slot, main);
        outer
    }

    /// The `resume` call made by [`Parking::resuming_from`] returned.
    pub(crate) fn returned_to(&mut self, outer: usize) {
        self.entry = outer;
    }

    /// The import the worker in `slot` called returned, and it goes on: if it came to count as
    /// suspended meanwhile (see [`Parking::resuming_from`]), it may have been parked.
    pub(crate) fn import_returned(&mut self, slot: u32) {
        if !matches!(self.running, Some((running, _)) if running == slot) {
            self.resuming(slot, self.entry);
        }
    }

    /// The worker in `slot` waits in the import it called (a Suspending import's promise).
    pub(crate) fn waits_in_import(&mut self, slot: u32) {
        if matches!(self.running, Some((running, _)) if running == slot) {
            self.suspended(slot, false);
        }
    }

    /// The worker in `slot` suspended normally (`idle`: it finished its job); parks the stacks of
    /// the workers suspended longest past the resident limit, idle ones first.
    pub(crate) fn suspended(&mut self, slot: u32, idle: bool) {
        self.running = None;
        if !self.on {
            return;
        }
        self.suspensions += 1;
        let number = self.suspensions;
        let stack = self.stack(slot);
        stack.suspended = true;
        stack.queued = number;
        self.resident += 1;
        if idle {
            self.idle.push_back((slot, number));
        } else {
            self.waiting.push_back((slot, number));
        }
        // While few workers are suspended nothing is parked, so nothing pops the queues, and
        // every resumption leaves a stale entry behind: drop those once they outnumber the live
        // ones (amortized constant time; without it one long call would grow the queues forever).
        if self.idle.len() + self.waiting.len() > 2 * self.resident + 64 {
            let stacks = &self.stacks;
            let live = |&(slot, number): &(u32, u64)| {
                let stack = &stacks[slot as usize];
                stack.suspended && stack.queued == number
            };
            self.idle.retain(live);
            self.waiting.retain(live);
        }
        while self.resident > self.resident_limit {
            let Some((oldest, number)) = self.idle.pop_front().or_else(|| self.waiting.pop_front())
            else {
                break;
            };
            let stack = &mut self.stacks[oldest as usize];
            if stack.queued == number && stack.suspended {
                stack.suspended = false;
                self.resident -= 1;
                self.park(oldest);
            }
        }
    }

    /// The worker in `slot` died (its continuation unwound); a new one will have a new stack.
    ///
    /// wasmtime never runs a continuation that trapped again, nor lets its collector read one,
    /// but frees its stack only with the store: the stack's pages are given back now (a stack
    /// overflow leaves a whole stack's worth resident). A top found but not yet checked (see
    /// [`Top`]) may lie up to `MAX_TOP_PAGES - 1` pages below the real one, so the pages that
    /// far above the stack's bottom are kept then, never touching memory below it.
    pub(crate) fn died(&mut self, slot: u32) {
        self.running = None;
        self.leave_batch(slot);
        let stack = std::mem::take(self.stack(slot));
        let (top, margin) = match stack.top {
            Top::Checked(top) => (top, 0),
            Top::Found(top) => (top, (MAX_TOP_PAGES - 1) * self.page),
            Top::Unknown | Top::Never => return,
        };
        let low = top - self.stack_size + margin;
        if low < top {
            // SAFETY: `low..top` lies inside the dead worker's stack (above), which stays mapped
            // until the store is dropped and which nothing runs on or reads again.
            let _ = unsafe {
                rustix::mm::madvise(
                    low as *mut std::ffi::c_void,
                    top - low,
                    rustix::mm::Advice::LinuxDontNeed,
                )
            };
        }
    }

    /// The worker in `slot`, suspended, will never run again but stays suspended as far as
    /// wasmtime knows (see `Jspi::abandon`): its stack is left as it is (restored if parked) and
    /// no longer tracked; a new worker in the slot will have a new stack.
    pub(crate) fn forget(&mut self, slot: u32) {
        self.unpark(slot);
        let stack = std::mem::take(self.stack(slot));
        if stack.suspended {
            self.resident -= 1;
        }
    }

    /// Called from a host call made on the running worker's stack: `here` is an address in the
    /// host function's frame. Locates the top of the stack if it is not known yet.
    pub(crate) fn on_worker_stack(&mut self, here: usize) {
        let Some((slot, main)) = self.running else {
            return;
        };
        let page = self.page;
        let stack = self.stack(slot);
        if stack.top != Top::Unknown {
            return;
        }
        let first = (here & !(page - 1)) + page;
        let in_main = |p: usize| p < main && main - p < MAIN_STACK_WINDOW;
        stack.top = Top::Never;
        for k in 0..MAX_TOP_PAGES {
            let top = first + k * page;
            // SAFETY: `top` is at most the real top of the stack `here` is in (the loop stops at
            // the first page boundary that has the context, and the real top has it), so the two
            // words below it are mapped, readable stack memory of the running worker.
            let (rsp, rbp) = unsafe { context(top) };
            if in_main(rsp) && in_main(rbp) && rsp <= rbp {
                stack.top = Top::Found(top);
                return;
            }
        }
    }

    /// Copies the used part of the suspended worker's stack to the heap and gives the stack's
    /// pages back to the OS.
    fn park(&mut self, slot: u32) {
        let (stack_size, page) = (self.stack_size, self.page);
        let stack = &mut self.stacks[slot as usize];
        let top = match stack.top {
            Top::Found(top) | Top::Checked(top) => top,
            Top::Unknown | Top::Never => return,
        };
        if stack.image.is_some() {
            return;
        }
        // SAFETY: `top` is the top of the suspended worker's stack (located and, below, checked),
        // which is mapped until the store is dropped.
        let (rsp, rbp) = unsafe { context(top) };
        let bottom = top - stack_size;
        if !(rsp % 8 == 0 && bottom + RED_ZONE <= rsp && rsp < rbp && rbp < top) {
            stack.top = Top::Never;
            return;
        }
        stack.top = Top::Checked(top);
        let start = rsp - RED_ZONE;
        let low = (start & !(page - 1)).min(stack.low.unwrap_or(usize::MAX));
        stack.low = Some(low);
        // SAFETY: `start..top` lies inside the stack (checked above); nothing runs on the stack
        // while the worker is suspended, and wasmtime reads it only to collect garbage, which
        // cannot happen while parking is on.
        let used = unsafe { std::slice::from_raw_parts(start as *const u8, top - start) };
        stack.image = Some(used.into());
        stack.pending = true;
        self.pending.push((slot, low, top));
        if self.pending.len() >= RELEASE_BATCH {
            self.release_pending();
        }
        self.log(StackEvent::Parked {
            stack: slot,
            bytes: top - start,
        });
    }

    /// Copies a parked stack's bytes back; returns whether it was parked.
    fn unpark(&mut self, slot: u32) -> bool {
        let Some(stack) = self.stacks.get_mut(slot as usize) else {
            return false;
        };
        let (Some(image), Top::Checked(top)) = (stack.image.take(), stack.top) else {
            return false;
        };
        if stack.pending {
            self.leave_batch(slot);
            // Its pages were not given back yet, so they still hold the image.
            return true;
        }
        // SAFETY: the image was copied from just below `top` of this stack (see `park`), which is
        // still mapped, and the worker is suspended.
        unsafe {
            std::ptr::copy_nonoverlapping(
                image.as_ptr(),
                (top - image.len()) as *mut u8,
                image.len(),
            );
        }
        true
    }

    /// Turns parking off for good and restores every parked stack (see the module docs).
    pub(crate) fn stop(&mut self) {
        if !self.on {
            return;
        }
        self.on = false;
        let mut restored = 0;
        for slot in 0..self.stacks.len() as u32 {
            restored += usize::from(self.unpark(slot));
        }
        debug_assert!(self.pending.is_empty());
        self.idle.clear();
        self.waiting.clear();
        self.log(StackEvent::Stopped { restored });
    }
}

impl Parking {
    /// Takes the parked stack in `slot` out of the batch waiting to be given back, if it is in it.
    fn leave_batch(&mut self, slot: u32) {
        let Some(stack) = self.stacks.get_mut(slot as usize).filter(|s| s.pending) else {
            return;
        };
        stack.pending = false;
        if let Some(i) = self.pending.iter().position(|&(s, ..)| s == slot) {
            self.pending.swap_remove(i);
        }
    }

    /// Gives back the pages of the pending parked stacks (see the module docs).
    fn release_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        if !self.release_batch(&pending) {
            for &(_, low, top) in &pending {
                // SAFETY: `low..top` is part of a parked worker's stack: its used bytes are saved
                // (see `park`) and nothing runs on it until `unpark` copies them back.
                let _ = unsafe {
                    rustix::mm::madvise(
                        low as *mut std::ffi::c_void,
                        top - low,
                        rustix::mm::Advice::LinuxDontNeed,
                    )
                };
            }
        }
        for &(slot, ..) in &pending {
            self.stacks[slot as usize].pending = false;
        }
        self.pending = pending;
        self.pending.clear();
    }

    /// Gives back `ranges` in one `process_madvise` call; false if that is not available (then
    /// it is not tried again) or did not cover them all.
    #[cfg(target_os = "linux")]
    fn release_batch(&mut self, ranges: &[(u32, usize, usize)]) -> bool {
        use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
        if let Release::Untried = self.release {
            // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor or -1.
            let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, libc::getpid(), 0) };
            self.release = match i32::try_from(fd) {
                // SAFETY: a descriptor pidfd_open just returned, owned by nobody else.
                Ok(fd) if fd >= 0 => Release::Batched(unsafe { OwnedFd::from_raw_fd(fd) }),
                _ => Release::Single,
            };
        }
        let Release::Batched(pidfd) = &self.release else {
            return false;
        };
        let iov: smallvec::SmallVec<[libc::iovec; RELEASE_BATCH]> = ranges
            .iter()
            .map(|&(_, low, top)| libc::iovec {
                iov_base: low as *mut std::ffi::c_void,
                iov_len: top - low,
            })
            .collect();
        let total: usize = iov.iter().map(|v| v.iov_len).sum();
        // SAFETY: `iov` lists parts of parked workers' stacks (see `release_pending`), and the
        // call reads `iov.len()` entries from it.
        let done = unsafe {
            libc::syscall(
                libc::SYS_process_madvise,
                pidfd.as_raw_fd(),
                iov.as_ptr(),
                iov.len(),
                libc::MADV_DONTNEED,
                0,
            )
        };
        if done < 0 {
            // Before Linux 6.13 the process itself may not be given MADV_DONTNEED this way.
            self.release = Release::Single;
        }
        usize::try_from(done).is_ok_and(|done| done == total)
    }

    #[cfg(not(target_os = "linux"))]
    fn release_batch(&mut self, _ranges: &[(u32, usize, usize)]) -> bool {
        false
    }
}

/// The saved (or parent's) RSP and RBP in the control context below `top`.
///
/// # Safety
/// The 24 bytes below `top` must be readable.
unsafe fn context(top: usize) -> (usize, usize) {
    // SAFETY: the caller's contract.
    unsafe {
        (
            std::ptr::read_volatile((top - 24) as *const usize),
            std::ptr::read_volatile((top - 16) as *const usize),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_given_back_in_batches_except_those_resumed_first() {
        // Through process_madvise where the kernel has it, and one madvise per range.
        release_batch_of_pages(Release::Untried);
        release_batch_of_pages(Release::Single);
    }

    fn release_batch_of_pages(release: Release) {
        let mut parking = Parking::new(1 << 16, 0);
        parking.release = release;
        let page = parking.page;
        let count = RELEASE_BATCH + 2;
        // SAFETY: a fresh private anonymous mapping, unmapped at the end of the test.
        let base = unsafe {
            rustix::mm::mmap_anonymous(
                std::ptr::null_mut(),
                count * page,
                rustix::mm::ProtFlags::READ | rustix::mm::ProtFlags::WRITE,
                rustix::mm::MapFlags::PRIVATE,
            )
        }
        .expect("mmap") as usize;
        let first_byte = |i: usize| {
            // SAFETY: inside the mapping.
            unsafe { std::ptr::read_volatile((base + i * page) as *const u8) }
        };
        // Each page stands for a parked stack (slot i) whose pages are pending.
        for i in 0..count {
            // SAFETY: inside the mapping.
            unsafe { std::ptr::write_bytes((base + i * page) as *mut u8, 0xAB, page) };
            parking.stack(i as u32).pending = true;
        }
        for i in 0..RELEASE_BATCH - 1 {
            parking
                .pending
                .push((i as u32, base + i * page, base + (i + 1) * page));
        }
        // Stack 1 resumes before its batch goes out: its page must keep its bytes.
        parking.leave_batch(1);
        assert_eq!(parking.pending.len(), RELEASE_BATCH - 2);
        assert!(!parking.stacks[1].pending);
        parking.release_pending();
        assert!(parking.pending.is_empty());
        assert_eq!(first_byte(0), 0, "released pages read as zeros");
        assert_eq!(first_byte(RELEASE_BATCH - 2), 0);
        assert_eq!(
            first_byte(1),
            0xAB,
            "a stack that left the batch keeps its bytes"
        );
        assert_eq!(first_byte(RELEASE_BATCH - 1), 0xAB, "not in the batch");
        assert!((0..RELEASE_BATCH - 1).all(|i| !parking.stacks[i].pending));
        // SAFETY: the mapping made above, no longer used.
        unsafe { rustix::mm::munmap(base as *mut std::ffi::c_void, count * page) }.expect("munmap");
    }

    #[test]
    fn queues_stay_bounded_while_nothing_is_parked() {
        let mut parking = Parking::new(1 << 16, 4);
        for round in 0..10_000 {
            for slot in 0..3 {
                parking.resuming(slot, 0);
                parking.suspended(slot, round % 2 == 0);
            }
        }
        assert_eq!(parking.resident, 3);
        assert!(parking.idle.len() + parking.waiting.len() <= 2 * 3 + 64);
        // The live entries survive: the three workers are still queued, oldest first.
        let live: Vec<u32> = parking
            .idle
            .iter()
            .chain(&parking.waiting)
            .filter(|&&(slot, number)| parking.stacks[slot as usize].queued == number)
            .map(|&(slot, _)| slot)
            .collect();
        assert_eq!(live.len(), 3);
    }
}
