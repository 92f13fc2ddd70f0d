//! A bound on the memory a template may take while it renders.
//!
//! minijinja's fuel bounds the instructions a template runs, not the memory: a string doubled
//! forty times in a loop is forty instructions and a terabyte. While a briefing renders, its
//! thread's allocations are counted; one larger than [`ONE`], or a total beyond [`TOTAL`],
//! ends brief with a clear error instead of the allocator's abort. Nothing has been written by
//! then: rendering comes before any output.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicI32, AtomicPtr, Ordering};

/// The largest single allocation a render may make.
pub const ONE: usize = 512 << 20;
/// The most a render may hold at once.
pub const TOTAL: usize = 2 << 30;

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<usize> = const { Cell::new(0) };
}

/// The system allocator, with the render bound.
pub struct Bounded;

#[global_allocator]
static ALLOCATOR: Bounded = Bounded;

/// A typst started before the render (its process group) and its empty temporary root,
/// ended and removed should the render be stopped: `over` may not allocate, so both are
/// kept ready, the root as a C string.
static TYPST_GROUP: AtomicI32 = AtomicI32::new(0);
static TYPST_ROOT: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());

/// Registers the typst that runs while a briefing renders, to be ended if the render is
/// stopped; `None` when it has finished.
pub fn running_typst(group: Option<(i32, &std::path::Path)>) {
    let root = group
        .and_then(|(_, root)| std::ffi::CString::new(root.as_os_str().as_encoded_bytes()).ok());
    TYPST_GROUP.store(group.map_or(0, |(g, _)| g), Ordering::SeqCst);
    let new = root.map_or(std::ptr::null_mut(), std::ffi::CString::into_raw);
    let old = TYPST_ROOT.swap(new, Ordering::SeqCst);
    if !old.is_null() {
        // SAFETY: `old` came from CString::into_raw above and is no longer shared.
        drop(unsafe { std::ffi::CString::from_raw(old) });
    }
}

fn over() -> ! {
    const MSG: &[u8] = b"error: a template needed more than 2 GiB of memory while rendering and was stopped\nhint: a template builds a huge value, such as a string doubled in a loop; nothing was written\n";
    // SAFETY: killpg(2), rmdir(2), write(2) and _exit(2) are async-signal-safe and allocate
    // nothing; the root is a C string made before the render.
    unsafe {
        let group = TYPST_GROUP.load(Ordering::SeqCst);
        if group > 0 {
            libc::killpg(group, libc::SIGKILL);
        }
        let root = TYPST_ROOT.load(Ordering::SeqCst);
        if !root.is_null() {
            libc::rmdir(root);
        }
        libc::write(2, MSG.as_ptr().cast(), MSG.len());
        libc::_exit(1)
    }
}

fn count(size: usize) {
    // try_with: the thread may be shutting down.
    let guarded = GUARDED.try_with(Cell::get).unwrap_or(false);
    if guarded {
        let live = LIVE.try_with(Cell::get).unwrap_or(0).saturating_add(size);
        if size > ONE || live > TOTAL {
            over();
        }
        let _ = LIVE.try_with(|l| l.set(live));
    }
}

fn uncount(size: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(size)));
}

// SAFETY: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Bounded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        uncount(layout.size());
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            count(new_size - layout.size());
        } else {
            uncount(layout.size() - new_size);
        }
        System.realloc(ptr, layout, new_size)
    }
}

/// Runs `f` with this thread's allocations bounded.
pub fn bounded<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            GUARDED.with(|g| g.set(self.0));
        }
    }
    let _reset = Reset(GUARDED.with(|g| g.replace(true)));
    LIVE.with(|l| l.set(0));
    f()
}
