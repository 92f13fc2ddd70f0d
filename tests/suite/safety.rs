//! Links, shared directories, non-regular files, sizes, logs and signals: what brief writes,
//! and what it refuses to write through.

use std::path::{Path, PathBuf};

use crate::harness::{root, Brief, Run, DATE};
use crate::pdf;

/// A fake typst: `--version` answers 0.15.1; a compile runs `script`.
fn fake_typst(dir: &Path, script: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("typst");
    std::fs::write(
        &path,
        format!("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1'; exit 0; fi\n{script}\n"),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn build(out: &Path, extra: &[&str]) -> Run {
    Brief::new()
        .arg("build")
        .arg("--out")
        .arg(out)
        .args(["-r", "luxi", "--date", DATE, "-j", "2"])
        .args(extra)
        .run()
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn build_never_writes_through_a_link_in_its_output_directory() {
    for mode in [&[][..], &["--no-bundle"][..]] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let victim = tmp.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        symlink(&victim, &out.join("luxi-policy.pdf"));
        let o = build(&out, mode);
        o.failure(1);
        assert!(
            o.stderr().contains("failed luxi-policy.pdf: ")
                && o.stderr().contains("is a symbolic link"),
            "{mode:?}: {}",
            o.stderr()
        );
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "keep",
            "{mode:?}"
        );
        assert!(
            out.join("luxi-investor.pdf").is_file(),
            "the others are built"
        );
    }
}

#[test]
fn a_linked_lock_or_manifest_is_refused_and_its_target_untouched() {
    for name in [".brief-build.lock", "manifest.json"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let victim = tmp.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        symlink(&victim, &out.join(name));
        let o = build(&out, &[]);
        o.failure(1);
        assert!(
            o.stderr().contains("is a symbolic link"),
            "{name}: {}",
            o.stderr()
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep", "{name}");
    }
}

#[test]
fn a_fifo_as_manifest_is_refused_rather_than_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let fifo = std::ffi::CString::new(out.join("manifest.json").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a path in our own temp dir.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let o = build(&out, &[]);
    o.failure(1);
    assert!(
        o.stderr().contains("is not a regular file"),
        "{}",
        o.stderr()
    );
}

#[test]
fn a_log_that_cannot_be_written_never_stops_the_work() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(root())
        .env("BRIEF_FONTS", root().join("fonts"))
        .env("BRIEF_MIN_FIGURES", "0")
        .args(["build", "-r", "luxi", "--date", DATE, "--out"])
        .arg(&out)
        .stderr(full)
        .status()
        .unwrap();
    assert!(status.success(), "{status:?}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["briefings"].as_array().unwrap().len(), 3);
    for e in std::fs::read_dir(&out).unwrap().flatten() {
        assert!(!e.file_name().to_string_lossy().ends_with(".tmp"));
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::BufRead;
    for args in [
        &["regions"][..],
        &[
            "-r",
            "luxi",
            "-a",
            "investor",
            "--emit",
            "typ",
            "-o",
            "/dev/stdout",
        ][..],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .current_dir(root())
            .env("BRIEF_FONTS", root().join("fonts"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn a_kept_source_never_replaces_a_file_and_says_where_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let own = tmp.path().join("report.typ");
    std::fs::write(&own, "hand-written").unwrap();
    let typst = fake_typst(
        tmp.path(),
        "cat >/dev/null; echo 'error: broken' >&2; exit 1",
    );
    let o = Brief::new()
        .current_dir(tmp.path())
        .args(["--data"])
        .arg(root().join("data"))
        .args([
            "-r",
            "luxi",
            "-a",
            "investor",
            "-o",
            "report.pdf",
            "--typst",
        ])
        .arg(&typst)
        .run();
    o.failure(1);
    assert_eq!(std::fs::read_to_string(&own).unwrap(), "hand-written");
    let kept: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("report.failed-") && n.ends_with(".typ"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(o.stderr().contains(&kept[0]), "{}", o.stderr());
}

#[test]
fn a_typst_that_writes_nothing_replaces_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("luxi.pdf");
    std::fs::write(&pdf, b"%PDF-previous").unwrap();
    let typst = fake_typst(tmp.path(), "cat >/dev/null; exit 0");
    let o = Brief::new()
        .args(["-r", "luxi", "-a", "investor", "-o"])
        .arg(&pdf)
        .arg("--typst")
        .arg(&typst)
        .run();
    o.failure(1);
    assert!(o.stderr().contains("wrote no whole PDF"), "{}", o.stderr());
    assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-previous");
}

#[test]
fn a_timeout_ends_typst_and_whatever_it_started() {
    let tmp = tempfile::tempdir().unwrap();
    let pidfile = tmp.path().join("helper.pid");
    let typst = fake_typst(
        tmp.path(),
        &format!(
            "sleep 300 & echo $! > {}; exec sleep 300",
            pidfile.display()
        ),
    );
    let scratch = tmp.path().join("tmp");
    std::fs::create_dir(&scratch).unwrap();
    let o = Brief::new()
        .env("TMPDIR", &scratch)
        .args(["-r", "luxi", "-a", "investor", "--timeout", "1", "-o"])
        .arg(tmp.path().join("x.pdf"))
        .arg("--typst")
        .arg(&typst)
        .run();
    o.failure(1);
    assert!(
        o.stderr().contains("did not finish within 1 s"),
        "{}",
        o.stderr()
    );
    let pid: i32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // The helper typst left running is gone with it (its process group was ended): no such
    // process, or a zombie waiting for init to reap it. The signal may take a moment to land.
    let running = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|s| s.rsplit(')').next().map(|r| r.trim().to_string()))
            .is_some_and(|r| !r.starts_with('Z'))
    };
    for _ in 0..100 {
        if !running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!running(), "typst's helper {pid} is still running");
    let left: Vec<_> = std::fs::read_dir(&scratch).unwrap().flatten().collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn a_template_that_grows_without_bound_is_stopped_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("investor.typ.j2"),
        "{% set ns = namespace(s=\"x\") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
    )
    .unwrap();
    let o = Brief::new()
        .args([
            "-r",
            "luxi",
            "-a",
            "investor",
            "--emit",
            "typ",
            "-o",
            "-",
            "--templates",
        ])
        .arg(tmp.path())
        .run();
    o.failure(1);
    assert!(o.stderr().contains("needed more than"), "{}", o.stderr());
    assert!(o.stderr().contains("hint:"), "{}", o.stderr());
}

#[test]
fn dates_typst_cannot_print_are_refused() {
    let o = Brief::new()
        .args([
            "-r",
            "luxi",
            "-a",
            "investor",
            "--emit",
            "typ",
            "-o",
            "-",
            "--date",
            "1969-12-31",
        ])
        .run();
    // A date brief cannot use is a usage error, like any bad flag.
    o.failure(2);
    assert!(
        o.stderr().contains("outside the years 1970–9999"),
        "{}",
        o.stderr()
    );
    let o = Brief::new()
        .env("SOURCE_DATE_EPOCH", "253402300800")
        .args(["-r", "luxi", "-a", "investor", "--emit", "typ", "-o", "-"])
        .run();
    o.failure(2);
    assert!(o.stderr().contains("outside the years"), "{}", o.stderr());
    for bad in ["2026-02-30", "yesterday"] {
        let o = Brief::new()
            .args([
                "build",
                "--emit",
                "typ",
                "--out",
                "/nonexistent/x",
                "--date",
                bad,
            ])
            .run();
        o.failure(2);
        assert!(o.stderr().contains("is not a date"), "{}", o.stderr());
    }
}

#[test]
fn an_existing_file_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("x.pdf");
    std::fs::write(&pdf, "old").unwrap();
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o600)).unwrap();
    Brief::new()
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
        .arg(&pdf)
        .run()
        .success();
    assert_eq!(
        std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn the_manifest_forgets_regions_that_are_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let data = crate::harness::copy_data(tmp.path());
    let out = tmp.path().join("out");
    let run = || {
        Brief::new()
            .args(["build", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out)
            .args(["-r", "luxi", "-a", "policy", "--date", DATE])
            .run()
    };
    run().success();
    // A region's entry survives a build of others, and goes once its file is removed.
    Brief::new()
        .args(["build", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .args(["-r", "xiangdong", "-a", "policy", "--date", DATE])
        .run()
        .success();
    std::fs::remove_file(data.join("regions/xiangdong.yaml")).unwrap();
    run().success();
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("luxi-policy.pdf"), "{manifest}");
    assert!(!manifest.contains("xiangdong"), "{manifest}");
}

#[test]
fn quirks_of_names_and_variables() {
    let tmp = tempfile::tempdir().unwrap();
    // An empty BRIEF_TYPST means unset.
    Brief::new()
        .env("BRIEF_TYPST", "")
        .args(["-r", "luxi", "-a", "investor", "--emit", "typ", "-o", "-"])
        .run()
        .success();
    // An output name near the file system's limit leaves room for no temp prefix: none needed.
    let long = tmp.path().join(format!("{}.pdf", "长".repeat(80)));
    Brief::new()
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
        .arg(&long)
        .run()
        .success();
    assert!(long.is_file());
    // A name that is not UTF-8 is a name all the same.
    use std::os::unix::ffi::OsStrExt;
    let odd = tmp
        .path()
        .join(std::ffi::OsStr::from_bytes(b"brief-\xff.pdf"));
    Brief::new()
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
        .arg(&odd)
        .run()
        .success();
    assert!(odd.is_file());
    // A missing templates directory: the message on the error line, the hint on its own.
    let o = Brief::new()
        .args([
            "--templates",
            "/nonexistent",
            "-r",
            "luxi",
            "-a",
            "investor",
        ])
        .run();
    o.failure(1);
    let err = o.stderr();
    let mut lines = err.lines();
    assert_eq!(
        lines.next(),
        Some("error: templates directory /nonexistent not found"),
        "{err}"
    );
    assert!(lines.next().unwrap().starts_with("hint: "), "{err}");
}

#[test]
fn brief_reads_no_data_it_was_not_given() {
    // Outside a checkout, with no --data: an error naming the directory it looked for.
    let tmp = tempfile::tempdir().unwrap();
    let o = Brief::new()
        .current_dir(tmp.path())
        .env_remove("BRIEF_DATA")
        .args(["check"])
        .run();
    o.failure(1);
    assert!(
        o.stderr().contains("fact base directory data not found"),
        "{}",
        o.stderr()
    );
}

/// Runs `cmd`, ending it after `secs` (a guard against a hang: far beyond what it needs).
fn within(mut cmd: std::process::Command, secs: u64) -> std::process::Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("still running after {secs} s: {cmd:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a path in a temp dir of the test's own.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn fifos_where_brief_reads_are_refused_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    // The vocabulary of a fact base.
    let data = crate::harness::copy_data(tmp.path());
    std::fs::remove_file(data.join("vocabulary.yaml")).ok();
    mkfifo(&data.join("vocabulary.yaml"));
    let o = within(
        Brief::new().args(["check", "--data"]).arg(&data).command(),
        60,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
    // A file in the font directory.
    let fonts = tmp.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    for e in std::fs::read_dir(root().join("fonts")).unwrap().flatten() {
        std::fs::copy(e.path(), fonts.join(e.file_name())).unwrap();
    }
    mkfifo(&fonts.join("fifo.otf"));
    let o = within(
        Brief::new()
            .args(["-r", "luxi", "-a", "policy", "--fonts"])
            .arg(&fonts)
            .arg("-o")
            .arg(tmp.path().join("x.pdf"))
            .command(),
        60,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
    // A file in the templates directory: not a template brief reads, and no hang.
    let templates = tmp.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    mkfifo(&templates.join("extra.typ.j2"));
    let out = tmp.path().join("out");
    let o = within(
        Brief::new()
            .args([
                "build",
                "-r",
                "anyuan",
                "-a",
                "policy",
                "--date",
                DATE,
                "--templates",
            ])
            .arg(&templates)
            .arg("--out")
            .arg(&out)
            .command(),
        120,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The catalogue page, where the build writes it.
    std::fs::remove_file(out.join("index.html")).unwrap();
    mkfifo(&out.join("index.html"));
    let o = within(
        Brief::new()
            .args([
                "build", "-r", "anyuan", "-a", "policy", "--date", DATE, "--force", "--out",
            ])
            .arg(&out)
            .command(),
        120,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
    // A manifest part given to merge.
    let part = tmp.path().join("part.json");
    mkfifo(&part);
    let o = within(
        Brief::new()
            .args(["manifest", "merge"])
            .arg(&part)
            .arg("-o")
            .arg(tmp.path().join("m.json"))
            .command(),
        60,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
}

#[test]
fn an_unknown_pdf_standard_is_a_usage_error() {
    let o = Brief::new()
        .args(["-r", "luxi", "-a", "investor", "--pdf-standard", "junk"])
        .run();
    assert_eq!(o.code(), Some(2), "{}", o.stderr());
}

/// `--pdf-standard none` (or BRIEF_PDF_STANDARD=none) is a plain PDF in a single render too,
/// and `none` beside a standard is a usage error.
#[test]
fn pdf_standard_none_is_a_plain_pdf_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("plain.pdf");
    let render = || {
        Brief::new()
            .args(["-r", "luxi", "-a", "investor", "--date", "2026-11-22", "-o"])
            .arg(&pdf)
    };
    render().args(["--pdf-standard", "none"]).run().success();
    assert!(pdf::pages(&pdf) > 0);
    render().env("BRIEF_PDF_STANDARD", "none").run().success();
    let o = render().args(["--pdf-standard", "none,a-2b"]).run();
    o.failure(2);
    assert!(o.stderr().contains("plain PDF"), "{}", o.stderr());
}
