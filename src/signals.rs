//! Ctrl-C, SIGTERM and SIGHUP: brief stops starting work, stops the typst runs under way
//! (each runs in a process group of its own, so the whole group is ended, helpers included),
//! removes its temporary files and exits 130.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// How long brief waits for its work to end on its own after a signal.
const GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Installs the handler, once.
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            // The work under way notices within moments and ends cleanly. One blocked where it
            // cannot notice (a read that never returns) is ended here, a little later.
            std::thread::sleep(GRACE);
            crate::say!("brief: interrupted");
            std::process::exit(130);
        });
    });
}

pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
