//! Ending what a typst run leaves behind, including helpers that left its process group.
//!
//! Each typst runs in a process group of its own, and brief signals the whole group when the
//! run ends; but a helper that starts a new session (`setsid`) or a new group is out of that
//! group's reach. On Linux brief makes itself a *child subreaper* (`PR_SET_CHILD_SUBREAPER`):
//! a process whose parent dies while it runs is re-parented to brief rather than to init, so
//! whatever a typst run started and left behind becomes brief's child, wherever its session
//! or group. Once a typst run has ended, [`sweep`] ends every child of brief that brief did
//! not start itself, and then their children as they are re-parented in turn, until none is
//! left.
//!
//! Limits: a helper is found only once its parent has died (while the typst that started it
//! runs, it is that typst's child, and ends with the group or when the sweep after the run
//! reaches it); a sweep ends the left-behind helpers of every run, not only of the run that
//! just ended; on other systems only the process group is ended; and nothing is ended if
//! brief itself is killed with SIGKILL.

use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The processes brief started and has not yet waited for: never ended by a sweep.
static STARTED: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// Whether brief is a subreaper: only then does a sweep look for children to end (a test
/// harness that links brief's library keeps its own children).
static REAPER: AtomicBool = AtomicBool::new(false);

/// Makes brief the reaper of the processes its children leave (Linux; elsewhere nothing).
pub fn init() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_CHILD_SUBREAPER only sets a flag of this process.
    unsafe {
        if libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 {
            REAPER.store(true, Ordering::SeqCst);
        }
    }
}

/// Starts `cmd`, recorded as brief's own so that no sweep ends it.
pub fn spawn(cmd: &mut Command) -> std::io::Result<Child> {
    let mut started = STARTED.lock().unwrap_or_else(|e| e.into_inner());
    let child = cmd.spawn()?;
    started.push(child.id());
    Ok(child)
}

/// Forgets a child brief started, once it has been waited for.
pub fn waited(pid: u32) {
    STARTED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|p| *p != pid);
}

/// Ends (SIGKILL) and waits for every child of brief it did not start: the helpers typst runs
/// left behind, re-parented to brief. Repeats while ending one re-parents its own children to
/// brief, at most a bounded number of rounds.
pub fn sweep() {
    if !REAPER.load(Ordering::SeqCst) {
        return;
    }
    #[cfg(target_os = "linux")]
    for _ in 0..64 {
        let started = STARTED.lock().unwrap_or_else(|e| e.into_inner());
        let orphans: Vec<i32> = children()
            .into_iter()
            .filter(|p| !started.contains(&(*p as u32)))
            .collect();
        if orphans.is_empty() {
            return;
        }
        for &pid in &orphans {
            // SAFETY: kill only sends a signal, to a child of this process.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
        drop(started);
        for pid in orphans {
            wait_for(pid);
        }
    }
}

/// Waits (at most a few seconds) for a child sent SIGKILL, so that it leaves no zombie and its
/// own children are re-parented to brief.
#[cfg(target_os = "linux")]
fn wait_for(pid: i32) {
    for _ in 0..20_000 {
        let mut status = 0;
        // SAFETY: waitpid on one pid that is a child of this process; WNOHANG never blocks.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r != 0 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_micros(250));
    }
}

/// The processes whose parent is brief, from /proc.
#[cfg(target_os = "linux")]
fn children() -> Vec<i32> {
    // The kernel's own list of each thread's children, where it keeps one: a few reads, not
    // one per process on the machine.
    if let Some(list) = listed_children() {
        return list;
    }
    let me = std::process::id() as i32;
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| parent_of(*pid) == Some(me))
        .collect()
}

/// A process's parent, from `/proc/PID/stat` (`pid (comm) state ppid …`; the name may hold
/// spaces and parentheses, so the fields are read after its last `)`).
/// The children of every thread of brief, from `/proc/self/task/*/children`; none where the
/// kernel keeps no such list.
#[cfg(target_os = "linux")]
fn listed_children() -> Option<Vec<i32>> {
    let mut out = Vec::new();
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let text = std::fs::read_to_string(task.path().join("children")).ok()?;
        out.extend(
            text.split_whitespace()
                .filter_map(|p| p.parse::<i32>().ok()),
        );
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

#[cfg(target_os = "linux")]
fn parent_of(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn parents_are_read_past_odd_names() {
        assert_eq!(
            parent_of(std::process::id() as i32),
            Some(unsafe { libc::getppid() })
        );
    }
}
