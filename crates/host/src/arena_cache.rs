//! The allocator under QuickJS's heap: the C allocator, plus a few spare 4 KiB arenas.
//!
//! QuickJS carves every allocation of up to 512 bytes out of 4 KiB arenas, one size class per
//! arena, and hands an arena back to the allocator below it as soon as its last block is freed.
//! A size class with nothing long-lived in it (or whose arenas are exactly full) therefore
//! allocates and frees an arena for every short-lived object in it: an `await` or a promise job
//! whose block is freed before the next one is allocated paid a 4 KiB `malloc`, a `free` and
//! QuickJS's re-initialisation of the arena each time (about 700 instructions, more than half a
//! whole Wasm -> JS call). glibc's per-thread caches stop at 1 KiB, so each round trip went
//! through its bins.
//!
//! [`ArenaCache`] keeps the latest [`SPARE_ARENAS`] freed arenas (those of the size classes
//! churning now) and hands the latest one that is large enough to the next arena allocation, so
//! such a class costs a few instructions instead. QuickJS still re-initialises the arena's free
//! list; that part is inside QuickJS. Everything else goes to the C allocator unchanged, as
//! `rquickjs::Runtime::new` would have it.
//!
//! Measured (instructions per call, `valgrind --tool=callgrind`): a promising call with one
//! suspension 12,503 -> 12,058, with ten 24,140 -> 23,596; an `async` function awaiting ten
//! times 85,141 -> 82,902. Calls that allocate nothing short-lived are unchanged.

#[cfg(test)]
use std::cell::Cell;
use std::ffi::c_void;
#[cfg(test)]
use std::rc::Rc;

/// The size of QuickJS's arenas (`JS_ARENA_SIZE` in quickjs.c): an arena allocation asks for at
/// most this, and for more than `ARENA - MAX_BLOCK`.
const ARENA: usize = 4096;

/// The largest block QuickJS serves from an arena (`JS_ARENA_MAX_SMALL_SIZE`).
const MAX_BLOCK: usize = 512;

/// How many freed arenas are kept for reuse: enough for a few size classes churning at once,
/// little memory (32 KiB) if nothing asks for them again.
const SPARE_ARENAS: usize = 8;

/// A QuickJS runtime on `cache` (on other systems than Linux and macOS, on the C allocator
/// alone).
pub(crate) fn new_runtime(cache: ArenaCache) -> rquickjs::Result<rquickjs::Runtime> {
    #[cfg(any(target_os = "linux", target_vendor = "apple"))]
    return rquickjs::Runtime::new_with_alloc(cache);
    #[cfg(not(any(target_os = "linux", target_vendor = "apple")))]
    {
        drop(cache);
        rquickjs::Runtime::new()
    }
}

/// QuickJS's backing allocator: the C allocator with up to [`SPARE_ARENAS`] freed arenas kept.
#[derive(Default)]
pub(crate) struct ArenaCache {
    /// Freed arenas (or blocks of an arena's size) and their usable sizes.
    spare: Vec<(*mut u8, usize)>,
    /// How many arena allocations a spare served: QuickJS owns the allocator, so the tests keep
    /// a clone.
    #[cfg(test)]
    reused: Rc<Cell<usize>>,
}

/// Whether an allocation of `size` bytes may be a QuickJS arena (or a freed block of `size`
/// usable bytes may serve as one).
fn is_arena_request(size: usize) -> bool {
    (ARENA - MAX_BLOCK < size) && (size <= ARENA + MAX_BLOCK)
}

// SAFETY: every pointer comes from the C allocator (or is a spare that did and is not in use),
// which aligns to at least `usize`; `usable_size` is the C allocator's own.
#[cfg(any(target_os = "linux", target_vendor = "apple"))]
unsafe impl rquickjs::allocator::Allocator for ArenaCache {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        if is_arena_request(size)
            && let Some(i) = self.spare.iter().rposition(|&(_, usable)| usable >= size)
        {
            #[cfg(test)]
            self.reused.set(self.reused.get() + 1);
            return self.spare.swap_remove(i).0;
        }
        // SAFETY: plain C allocation; a null result is QuickJS's out-of-memory.
        unsafe { libc::malloc(size).cast() }
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        // SAFETY: as above.
        unsafe { libc::calloc(count, size).cast() }
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        // SAFETY: `ptr` is a live allocation of this allocator (the trait's contract), so of the
        // C allocator.
        let usable = unsafe { usable_size(ptr) };
        if !is_arena_request(usable) {
            // SAFETY: as above; QuickJS does not use it again.
            unsafe { libc::free(ptr.cast::<c_void>()) };
            return;
        }
        // The latest freed arenas are kept: the size classes churning now.
        if self.spare.len() == SPARE_ARENAS {
            let (oldest, _) = self.spare.remove(0);
            // SAFETY: a spare is a C allocation nobody uses.
            unsafe { libc::free(oldest.cast::<c_void>()) };
        }
        self.spare.push((ptr, usable));
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` is a live allocation of the C allocator (see `dealloc`).
        unsafe { libc::realloc(ptr.cast(), new_size).cast() }
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: as above.
        unsafe { usable_size(ptr) }
    }
}

/// The usable size of the C allocation at `ptr`.
///
/// # Safety
/// `ptr` must be a live allocation of the C allocator.
#[cfg(target_os = "linux")]
unsafe fn usable_size(ptr: *mut u8) -> usize {
    // SAFETY: the caller's contract.
    unsafe { libc::malloc_usable_size(ptr.cast()) }
}

#[cfg(target_vendor = "apple")]
unsafe fn usable_size(ptr: *mut u8) -> usize {
    // SAFETY: the caller's contract.
    unsafe { libc::malloc_size(ptr.cast()) }
}

impl Drop for ArenaCache {
    fn drop(&mut self) {
        for (arena, _) in self.spare.drain(..) {
            // SAFETY: a spare is a C allocation nobody uses.
            unsafe { libc::free(arena.cast()) }
        }
    }
}

#[cfg(all(test, any(target_os = "linux", target_vendor = "apple")))]
mod tests {
    use rquickjs::Context;
    use rquickjs::allocator::Allocator;

    use super::*;

    #[test]
    fn a_freed_arena_serves_the_next_arena_that_fits_in_it() {
        let mut cache = ArenaCache::default();
        // Arenas of the 16-byte and the 512-byte class ask for slightly different sizes.
        let large = cache.alloc(ARENA - 8);
        let small = cache.alloc(ARENA - 480);
        // SAFETY: live allocations of `cache`, not used again.
        unsafe {
            cache.dealloc(large);
            cache.dealloc(small);
        }
        // The latest spare first, if it fits.
        assert_eq!(cache.alloc(ARENA - 480), small);
        assert_eq!(cache.alloc(ARENA - 8), large);
        assert_eq!(cache.reused.get(), 2);
        let fresh = cache.alloc(ARENA - 8);
        assert_eq!(cache.reused.get(), 2);
        // SAFETY: live allocations of `cache`, whose usable bytes may be written.
        unsafe {
            assert!(ArenaCache::usable_size(large) >= ARENA - 8);
            large.add(ARENA - 9).write(1);
            for block in [large, small, fresh] {
                cache.dealloc(block);
            }
        }
    }

    #[test]
    fn other_sizes_are_not_kept() {
        let mut cache = ArenaCache::default();
        for size in [64, ARENA / 2, 2 * ARENA] {
            let block = cache.alloc(size);
            // SAFETY: a live allocation of `cache`, not used again.
            unsafe { cache.dealloc(block) };
            assert!(cache.spare.is_empty(), "a block of {size} bytes was kept");
        }
    }

    #[test]
    fn the_latest_few_arenas_are_kept() {
        let mut cache = ArenaCache::default();
        let arenas: Vec<*mut u8> = (0..3 * SPARE_ARENAS).map(|_| cache.alloc(ARENA)).collect();
        for &arena in &arenas {
            // SAFETY: live allocations of `cache`, not used again.
            unsafe { cache.dealloc(arena) };
        }
        let kept: Vec<*mut u8> = cache.spare.iter().map(|&(arena, _)| arena).collect();
        assert_eq!(kept, arenas[2 * SPARE_ARENAS..]);
    }

    /// QuickJS hands an arena back as soon as its last block is freed, and the next arena it
    /// needs comes from the spares. Fails if the runtime does not allocate through the cache, or
    /// if QuickJS stops handing arenas back at once (then this cache is not needed any more).
    #[test]
    fn quickjs_takes_its_next_arenas_from_the_spares() {
        let cache = ArenaCache::default();
        let reused = cache.reused.clone();
        let runtime = new_runtime(cache).unwrap();
        let context = Context::full(&runtime).unwrap();
        // SAFETY: the context is live, and so its runtime; every block is freed before it goes.
        context.with(|ctx| unsafe {
            let rt = rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
            // Blocks of the largest class, 7 to an arena: 20 arenas' worth, freed, then again.
            let blocks = |count| -> Vec<_> {
                (0..count)
                    .map(|_| rquickjs::qjs::js_malloc_rt(rt, 500))
                    .collect()
            };
            for block in blocks(140) {
                rquickjs::qjs::js_free_rt(rt, block);
            }
            let before = reused.get();
            for block in blocks(140) {
                rquickjs::qjs::js_free_rt(rt, block);
            }
            assert_eq!(reused.get() - before, SPARE_ARENAS);
        });
    }
}
