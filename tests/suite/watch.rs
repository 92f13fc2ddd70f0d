//! `brief watch`: renders, renders again after a change, keeps the last good PDF when the
//! fact base breaks, and ends on Ctrl-C. Every wait polls with a generous deadline; nothing is
//! timed.

use std::io::Read as _;
use std::path::Path;
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::{assert_no_temp_files, data_copy, squeeze, Brief, DATE};
use crate::pdf;

/// Long enough for a render on a loaded machine; only a broken watch waits this long.
const DEADLINE: Duration = Duration::from_secs(300);

/// Waits until `ok` holds, failing with `what` at the deadline.
fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < DEADLINE, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Collects what the child writes on standard error, as it comes.
fn collect_stderr(child: &mut Child) -> Arc<Mutex<String>> {
    let mut stderr = child.stderr.take().unwrap();
    let seen = Arc::new(Mutex::new(String::new()));
    let into = seen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    seen
}

fn read(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

/// Ends the child however the test ended.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_renders_again_after_a_change_and_keeps_the_last_good_pdf() {
    let tmp = data_copy();
    let luxi = tmp.path().join("data/regions/luxi.yaml");
    let pdf_path = tmp.path().join("out/luxi-investor.pdf");
    let mut child = Brief::new()
        .current_dir(tmp.path())
        .args(["watch", "-r", "luxi", "-a", "investor", "--date", DATE])
        .spawn();
    let stderr = collect_stderr(&mut child);
    let mut child = Killed(child);

    wait_for("the first PDF", || read(&pdf_path).is_some());
    let first = read(&pdf_path).unwrap();
    assert!(squeeze(&pdf::text(&pdf_path)).contains("预计142亿元"));

    let yaml = std::fs::read_to_string(&luxi).unwrap();
    assert!(yaml.contains("    value: 142\n"));
    std::fs::write(
        &luxi,
        yaml.replacen("    value: 142\n", "    value: 157\n", 1),
    )
    .unwrap();
    wait_for("the PDF of the changed fact", || {
        read(&pdf_path).is_some_and(|now| now != first)
    });
    let second = read(&pdf_path).unwrap();
    let text = squeeze(&pdf::text(&pdf_path));
    assert!(text.contains("预计157亿元"), "{text}");

    // A broken fact base: the error, located, and the last good PDF left as it was.
    std::fs::write(&luxi, "id: luxi\nname: 芦溪县\nfacts: [\n").unwrap();
    wait_for("the located error", || {
        stderr.lock().unwrap().contains("regions/luxi.yaml:")
    });
    let said = stderr.lock().unwrap().clone();
    assert!(said.contains("the last good briefing is kept"), "{said}");
    assert_eq!(read(&pdf_path).unwrap(), second);
    assert!(child.0.try_wait().unwrap().is_none(), "watch ended: {said}");

    // Ctrl-C ends it, as it ends any command: 130, no temporary file left.
    // SAFETY: kill only sends a signal, to the child this test started.
    unsafe { libc::kill(child.0.id() as i32, libc::SIGINT) };
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < DEADLINE, "watch did not end on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(130));
    assert_no_temp_files(&tmp.path().join("out"));
}

#[test]
fn watch_refuses_standard_output() {
    let run = Brief::new()
        .args(["watch", "-r", "luxi", "-a", "investor", "-o", "-"])
        .run();
    run.failure(2);
    assert!(
        run.stderr().contains("not standard output"),
        "{}",
        run.stderr()
    );
}

#[test]
fn watch_does_not_follow_links_that_lead_back_into_the_fact_base() {
    let tmp = data_copy();
    let data = tmp.path().join("data");
    let files = std::fs::read_dir(data.join("regions")).unwrap().count() + 1;
    // Each link leads back to data/: followed, eight levels deep, five of them are 5^8 copies
    // of every file, looked at ten times a second.
    for i in 0..5 {
        std::os::unix::fs::symlink(".", data.join(format!("again{i}"))).unwrap();
    }
    let mut child = Brief::new()
        .current_dir(tmp.path())
        .args(["watch", "-r", "luxi", "-a", "investor", "--date", DATE])
        .spawn();
    let stderr = collect_stderr(&mut child);
    let _child = Killed(child);
    wait_for("the watch to start", || {
        stderr.lock().unwrap().contains("Ctrl-C ends")
    });
    // The fact base's files and the fonts' (BRIEF_FONTS), each once.
    let text = stderr.lock().unwrap().clone();
    let fonts = std::fs::read_dir(crate::harness::root().join("fonts"))
        .unwrap()
        .count();
    assert!(
        text.contains(&format!("({} files)", files + fonts)),
        "{text}"
    );
}

#[test]
fn watch_does_not_take_its_own_typst_source_for_a_change() {
    // With `--data .` and `--emit typ`, the default out/luxi-investor.typ lies inside the
    // watched directory: seen as a change, each render would bring the next, for ever.
    let tmp = data_copy();
    let data = tmp.path().join("data");
    Brief::new()
        .current_dir(&data)
        .args([
            "--data", ".", "-r", "luxi", "-a", "investor", "--emit", "typ",
        ])
        .args(["--date", DATE])
        .run()
        .success();
    assert!(data.join("out/luxi-investor.typ").is_file());
    let files = std::fs::read_dir(data.join("regions")).unwrap().count() + 1;
    let fonts = std::fs::read_dir(crate::harness::root().join("fonts"))
        .unwrap()
        .count();
    let mut child = Brief::new()
        .current_dir(&data)
        .args(["watch", "--data", ".", "-r", "luxi", "-a", "investor"])
        .args(["--emit", "typ", "--date", DATE])
        .spawn();
    let stderr = collect_stderr(&mut child);
    let _child = Killed(child);
    wait_for("the watch to start", || {
        stderr.lock().unwrap().contains("Ctrl-C ends")
    });
    let text = stderr.lock().unwrap().clone();
    assert!(
        text.contains(&format!("({} files)", files + fonts)),
        "{text}"
    );
}
