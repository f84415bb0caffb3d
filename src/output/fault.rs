//! Fault injection for the crash tests: in debug builds only, the environment
//! variable `RETCODE_KILL_AT=N` makes the process kill itself with SIGKILL at
//! the N-th step boundary of a write (1-based), as a crash there would.
//! `RETCODE_KILL_AT=list` prints each boundary's name to stderr instead.
//! Release builds never read the variable.

#[cfg(all(debug_assertions, unix))]
mod imp {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};

    enum Mode {
        Off,
        List,
        KillAt(usize),
    }

    fn mode() -> &'static Mode {
        static MODE: OnceLock<Mode> = OnceLock::new();
        MODE.get_or_init(|| match std::env::var("RETCODE_KILL_AT").as_deref() {
            Ok("list") => Mode::List,
            Ok(n) => n.parse().map_or(Mode::Off, Mode::KillAt),
            Err(_) => Mode::Off,
        })
    }

    pub fn step(name: &str) {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
        match mode() {
            Mode::Off => {}
            Mode::List => eprintln!("step {n}: {name}"),
            Mode::KillAt(at) if *at == n => {
                // SAFETY: kill(2) on our own pid; no memory is touched.
                unsafe {
                    libc::kill(libc::getpid(), libc::SIGKILL);
                }
            }
            Mode::KillAt(_) => {}
        }
    }
}

/// A step boundary: the point after one filesystem change of a write.
#[inline]
pub fn step(name: &str) {
    #[cfg(all(debug_assertions, unix))]
    imp::step(name);
    #[cfg(not(all(debug_assertions, unix)))]
    let _ = name;
}
