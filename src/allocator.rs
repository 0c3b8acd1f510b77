//! The banner's memory allocator: power-of-two size classes with a free list each, carved from
//! the free end of the module's first pages, then from pages added as needed. The general-purpose allocator Rust ships (dlmalloc) is about 8 KB of wasm;
//! crumbs makes few, small, short-lived allocations, so classes that are never merged are
//! enough and cost a few hundred bytes. wasm32 in the browser has one thread, so no locking.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32::{memory_grow, memory_size};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

const PAGE: usize = 65536;
/// Blocks of 8 bytes (2^3) up to 2^31.
const CLASSES: usize = 32;
/// Blocks are aligned to their size up to this; stricter layouts are served apart (never reused).
const MAX_REUSED_ALIGN: usize = 16;

struct State {
    /// Head of each class's free list (0 = empty); a free block stores the next head.
    free: [usize; CLASSES],
    /// The unused rest of the last pages taken from the browser.
    next: usize,
    end: usize,
}

/// Size-class allocator for wasm32.
pub struct SizeClasses(UnsafeCell<State>);

// SAFETY: wasm32-unknown-unknown in a page runs this module on one thread only.
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    /// An allocator that has taken no memory yet.
    pub const fn new() -> Self {
        SizeClasses(UnsafeCell::new(State { free: [0; CLASSES], next: 0, end: 0 }))
    }
}

/// The class of a layout: log2 of its block size.
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(8);
    size.next_power_of_two().trailing_zeros() as usize
}

impl State {
    /// Takes `size` bytes aligned to `align` from the current pages, growing memory when needed.
    fn carve(&mut self, size: usize, align: usize) -> *mut u8 {
        if self.end == 0 {
            // The linker's end of the stack and static data: what follows, to the end of the
            // initial pages, is free.
            extern "C" {
                static __heap_base: u8;
            }
            // Only the symbol's address is taken, which needs no `unsafe`.
            self.next = core::ptr::addr_of!(__heap_base) as usize;
            self.end = memory_size(0) * PAGE;
        }
        let mut start = (self.next + align - 1) & !(align - 1);
        if self.end < start || self.end - start < size {
            let pages = (size + align).div_ceil(PAGE);
            let prev = memory_grow(0, pages);
            if prev == usize::MAX {
                return null_mut();
            }
            let base = prev * PAGE;
            // New pages follow the old ones: keep the old rest when they are contiguous.
            if base != self.end {
                self.next = base;
            }
            self.end = base + pages * PAGE;
            start = (self.next + align - 1) & !(align - 1);
        }
        self.next = start + size;
        start as *mut u8
    }
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let s = &mut *self.0.get();
        let c = class(layout);
        if c >= CLASSES {
            return null_mut();
        }
        let size = 1usize << c;
        if layout.align() > MAX_REUSED_ALIGN {
            return s.carve(size, layout.align());
        }
        let head = s.free[c];
        if head != 0 {
            s.free[c] = *(head as *const usize);
            return head as *mut u8;
        }
        s.carve(size, size.min(MAX_REUSED_ALIGN))
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if layout.align() > MAX_REUSED_ALIGN {
            return;
        }
        let s = &mut *self.0.get();
        // Only classes alloc serves come back. `get_mut` rather than an index: no bounds-check
        // panic path, 185 bytes less of the banner's wasm.
        let Some(head) = s.free.get_mut(class(layout)) else { return };
        *(ptr as *mut usize) = *head;
        *head = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        // Same block size: the block already has room.
        if class(new) == class(layout) && layout.align() <= MAX_REUSED_ALIGN {
            return ptr;
        }
        let out = self.alloc(new);
        if !out.is_null() {
            core::ptr::copy_nonoverlapping(ptr, out, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        out
    }
}

/// A buffer of `len` bytes for the loader to write a string into, exported by the module
/// without wasm-bindgen (the decision module). Never freed: each instance lives for one
/// decision, and is then let go whole.
#[cfg(not(feature = "web"))]
#[no_mangle]
pub extern "C" fn raw_alloc(len: usize) -> *mut u8 {
    let mut buffer = alloc::vec::Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    core::mem::forget(buffer);
    ptr
}

/// The string the loader wrote with `TextEncoder` into a [`raw_alloc`] buffer.
///
/// # Safety
/// `ptr..ptr+len` must be those bytes: TextEncoder only writes valid UTF-8.
#[cfg(not(feature = "web"))]
pub unsafe fn raw_str<'a>(ptr: *const u8, len: usize) -> &'a str {
    core::str::from_utf8_unchecked(core::slice::from_raw_parts(ptr, len))
}
