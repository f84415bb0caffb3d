use std::alloc::{GlobalAlloc, Layout, System};

/// The system allocator, except that running out of memory ends the process
/// with a message and exit status 4 (like any resource failure) instead of
/// Rust's abort (SIGABRT, exit 134). Whatever a `generate` had staged is listed
/// in its journal, so the next run settles it.
struct ExitOnOutOfMemory;

// SAFETY: every call is forwarded to `System` unchanged; only a null result
// (allocation failure) is intercepted, and that path never returns.
unsafe impl GlobalAlloc for ExitOnOutOfMemory {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if pointer.is_null() {
            out_of_memory(layout.size());
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc_zeroed(layout) };
        if pointer.is_null() {
            out_of_memory(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let pointer = unsafe { System.realloc(pointer, layout, new_size) };
        if pointer.is_null() {
            out_of_memory(new_size);
        }
        pointer
    }
}

#[global_allocator]
static ALLOCATOR: ExitOnOutOfMemory = ExitOnOutOfMemory;

/// Writes the message with `write(2)` from a stack buffer (allocating is what
/// just failed) and exits at once, without unwinding or running destructors.
#[cold]
fn out_of_memory(size: usize) -> ! {
    let mut message = [0u8; 192];
    let mut length = 0;
    let mut push = |bytes: &[u8]| {
        for &byte in bytes {
            if length < message.len() {
                message[length] = byte;
                length += 1;
            }
        }
    };
    push(b"retcode: out of memory (could not allocate ");
    let mut digits = [0u8; 20];
    let mut count = 0;
    let mut rest = size;
    loop {
        digits[count] = b'0' + (rest % 10) as u8;
        count += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    digits[..count].reverse();
    push(&digits[..count]);
    push(b" bytes); the next `retcode generate` completes or undoes any write this run began\n");
    #[cfg(unix)]
    // SAFETY: write(2) of a valid stack buffer, then _exit(2); neither allocates.
    unsafe {
        libc::write(2, message.as_ptr().cast(), length);
        libc::_exit(4);
    }
    #[cfg(not(unix))]
    std::process::abort();
}

fn main() {
    std::process::exit(retcode::cli::main());
}
