use clap::Parser;

/// Whether standard output was closed (`>&-`) when brief was started, looked at before Rust's
/// runtime reopens a closed one on /dev/null: a constructor the C runtime calls before `main`.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[used]
#[link_section = ".init_array"]
static LOOK_AT_STDOUT: extern "C" fn() = look_at_stdout;

static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg(any(target_os = "linux", target_os = "android"))]
extern "C" fn look_at_stdout() {
    // SAFETY: fcntl(F_GETFD) only asks whether descriptor 1 is open.
    if unsafe { libc::fcntl(1, libc::F_GETFD) } == -1 {
        STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

fn main() {
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::SeqCst) {
        brief::output::stdout_was_closed();
    }
    // An empty BRIEF_* variable means unset, as it does for most tools.
    for (key, value) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("BRIEF_") && value.is_empty() {
            std::env::remove_var(&key);
        }
    }
    let cli = brief::cli::Cli::parse();
    let result = brief::run(cli);
    std::process::exit(brief::error::finish(&result));
}
