//! What typst runs with and what it leaves: the root a bundle may read, the environment,
//! helpers that leave typst's process group, thumbnails that cannot be replaced, and a closed
//! standard output.

use std::path::{Path, PathBuf};

use crate::harness::{root, squeeze, Brief, Run, DATE};
use crate::pdf;

/// A failure in brief's voice: exit 1, no panic.
#[track_caller]
fn clean_failure(o: &Run) -> String {
    let err = o.stderr();
    assert_eq!(o.code(), Some(1), "exit status {:?}: {err}", o.code());
    assert!(!err.contains("panicked"), "panic: {err}");
    err
}

fn executable(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A fake typst: `--version` answers 0.15.1; a compile runs `script`.
fn fake_typst(dir: &Path, script: &str) -> PathBuf {
    let path = dir.join("typst");
    executable(
        &path,
        &format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1'; exit 0; fi\n{script}\n"
        ),
    );
    path
}

/// A templates directory whose investor briefing prints `body` (Typst) after its own text.
fn investor_template(body: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(
        t.path().join("investor.typ.j2"),
        format!("{{% extends \"base.typ.j2\" %}}{{% block body %}}\n{body}\n{{% endblock %}}\n"),
    )
    .unwrap();
    t
}

fn build(out: &Path, extra: &[&str]) -> Run {
    build_dated(out, DATE, extra)
}

fn build_dated(out: &Path, date: &str, extra: &[&str]) -> Run {
    Brief::new()
        .arg("build")
        .arg("--out")
        .arg(out)
        .args(["-r", "luxi", "--date", date, "-j", "1"])
        .args(extra)
        .run()
}

/// In a bundle (several briefings in one typst run) a template reads no more than in a run of
/// its own: not the bundle's main file, not another briefing's source.
#[test]
fn a_bundle_holds_nothing_a_template_can_read() {
    for target in ["_bundle.typ", "/luxi-policy.typ", "luxi-tourism.typ"] {
        let t = investor_template(&format!("#read(\"{target}\")"));
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let o = build(&out, &["--templates", t.path().to_str().unwrap()]);
        let err = clean_failure(&o);
        assert!(err.contains("failed luxi-investor.pdf"), "{target}: {err}");
        assert!(err.contains("file not found"), "{target}: {err}");
        assert!(!out.join("luxi-investor.pdf").exists(), "{target}");
        // The other briefings of the bundle are built, and hold only their own text.
        assert!(out.join("luxi-policy.pdf").is_file(), "{target}: {err}");
        assert!(out.join("luxi-tourism.pdf").is_file(), "{target}: {err}");
    }
}

/// typst runs in the environment brief sets: none of the caller's variables (typst's own
/// settings, a date, anything private) reaches it.
#[test]
fn typst_runs_in_the_environment_brief_sets() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = tmp.path().join("env");
    let typst = fake_typst(tmp.path(), &format!("env > '{}'\nexit 1", dump.display()));
    let o = Brief::new()
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
        .arg(tmp.path().join("x.pdf"))
        .arg("--typst")
        .arg(&typst)
        .env("TYPST_IGNORE_SYSTEM_FONTS", "1")
        .env("TYPST_IGNORE_EMBEDDED_FONTS", "1")
        .env("TYPST_FONT_PATHS", "/nonexistent")
        .env("TYPST_ROOT", "/")
        .env("SOURCE_DATE_EPOCH", "0")
        .env("SSL_CERT_FILE", "/nonexistent")
        .env("LD_LIBRARY_PATH", "/nonexistent")
        .env("BRIEF_TEST_SECRET", "s3cret")
        .env("FONTCONFIG_FILE", "/dev/null")
        .env("XDG_DATA_HOME", "/nonexistent")
        .run();
    clean_failure(&o);
    let env = std::fs::read_to_string(&dump).unwrap();
    let names: Vec<&str> = env.lines().filter_map(|l| l.split('=').next()).collect();
    for gone in [
        "TYPST_IGNORE_SYSTEM_FONTS",
        "TYPST_IGNORE_EMBEDDED_FONTS",
        "TYPST_FONT_PATHS",
        "TYPST_ROOT",
        "SOURCE_DATE_EPOCH",
        "SSL_CERT_FILE",
        "LD_LIBRARY_PATH",
        "BRIEF_TEST_SECRET",
        "FONTCONFIG_FILE",
        "XDG_DATA_HOME",
        "BRIEF_FONTS",
        "RUST_BACKTRACE",
    ] {
        assert!(!names.contains(&gone), "{gone} reached typst:\n{env}");
    }
    assert!(
        env.contains("HTTPS_PROXY=http://127.0.0.1:9"),
        "no closed proxy:\n{env}"
    );
    assert!(names.contains(&"TYPST_PACKAGE_PATH"), "{env}");
}

/// With typst's font switches in the environment, the real typst still sets "España" as
/// brief means it to: ñ is not in the bundled fonts, so brief lets typst take it from an
/// installed font (with a warning) — never a tofu box because TYPST_IGNORE_SYSTEM_FONTS hid
/// the installed fonts. The same PDF as without the switches, or the same refusal.
#[test]
fn typst_font_switches_in_the_environment_change_nothing() {
    let t = investor_template("España");
    let tmp = tempfile::tempdir().unwrap();
    let render = |name: &str, hostile: bool| {
        let path = tmp.path().join(name);
        let mut b = Brief::new()
            .args([
                "-r",
                "luxi",
                "-a",
                "investor",
                "--date",
                DATE,
                "--templates",
            ])
            .arg(t.path())
            .arg("-o")
            .arg(&path);
        if hostile {
            b = b
                .env("TYPST_IGNORE_SYSTEM_FONTS", "1")
                .env("TYPST_IGNORE_EMBEDDED_FONTS", "1")
                .env("TYPST_FONT_PATHS", "/nonexistent");
        }
        (b.run(), path)
    };
    let (plain_run, plain) = render("plain.pdf", false);
    let (hostile_run, hostile) = render("hostile.pdf", true);
    assert_eq!(
        plain_run.code(),
        hostile_run.code(),
        "{}",
        hostile_run.stderr()
    );
    if !plain_run.ok() {
        // No installed font has ñ: refused both times, with the character named.
        assert!(
            hostile_run.stderr().contains("ñ (U+00F1)"),
            "{}",
            hostile_run.stderr()
        );
        return;
    }
    assert!(
        plain_run.stderr().contains("lack ñ (U+00F1)"),
        "{}",
        plain_run.stderr()
    );
    assert!(squeeze(&pdf::text(&hostile)).contains("España"));
    assert_eq!(pdf::fonts(&plain), pdf::fonts(&hostile));
    assert!(
        std::fs::read(&plain).unwrap() == std::fs::read(&hostile).unwrap(),
        "the switches changed the PDF"
    );
}

/// Whether a process runs (a zombie does not).
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let rest = &s[s.rfind(')')? + 1..];
            rest.split_whitespace().next().map(|st| st != "Z")
        })
        .unwrap_or(false)
}

/// A typst that starts helpers in sessions of their own (out of its process group's reach),
/// one of them with an empty environment and its parent gone at once: none outlives brief.
#[test]
fn helpers_in_a_session_of_their_own_do_not_outlive_brief() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.pid"), tmp.path().join("b.pid"));
    let script = format!(
        "setsid sh -c 'echo $$ > {a}; exec sleep 300' </dev/null >/dev/null 2>&1 &\n\
         (env -i setsid sh -c 'echo $$ > {b}; exec sleep 301' </dev/null >/dev/null 2>&1 &)\n\
         while [ ! -s {a} ] || [ ! -s {b} ]; do sleep 0.05; done\nexit 1",
        a = a.display(),
        b = b.display()
    );
    let typst = fake_typst(tmp.path(), &script);
    for extra in [&[][..], &["--no-bundle"][..]] {
        let _ = std::fs::remove_file(&a);
        let _ = std::fs::remove_file(&b);
        let o = if extra.is_empty() {
            Brief::new()
                .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
                .arg(tmp.path().join("x.pdf"))
                .arg("--typst")
                .arg(&typst)
                .run()
        } else {
            build(
                &tmp.path().join("out"),
                &["--typst", typst.to_str().unwrap(), "-a", "investor"],
            )
        };
        clean_failure(&o);
        let pids: Vec<i32> = [&a, &b]
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap().trim().parse().unwrap())
            .collect();
        let left: Vec<i32> = pids.iter().copied().filter(|p| alive(*p)).collect();
        for pid in &left {
            // The test started them (through brief): end them by their id.
            unsafe {
                libc::kill(*pid, libc::SIGKILL);
            }
        }
        assert!(left.is_empty(), "{extra:?}: still running: {left:?}");
    }
}

/// Ends a process the test started (through brief) if it still runs; whether it did.
fn end_if_alive(pid_file: &Path) -> bool {
    let pid: i32 = std::fs::read_to_string(pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let running = alive(pid);
    if running {
        // SAFETY: kill only sends a signal, to the process the test started.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
    running
}

/// A `typst --version` that leaves a helper in a session of its own: the helper does not
/// outlive brief, whether typst then compiles (a build) or not (an up-to-date build).
#[test]
fn a_version_helper_in_a_session_of_its_own_does_not_outlive_brief() {
    let real = brief::typst::find(None, true).unwrap().path;
    let tmp = tempfile::tempdir().unwrap();
    let pid = tmp.path().join("c.pid");
    let typst = tmp.path().join("typst");
    executable(
        &typst,
        &format!(
            "#!/bin/sh
if [ \"$1\" = --version ]; then
             rm -f '{pid}'; setsid sh -c 'echo $$ > {pid}; exec sleep 302' </dev/null >/dev/null 2>&1 &
             while [ ! -s '{pid}' ]; do sleep 0.05; done
fi
exec '{real}' \"$@\"
",
            pid = pid.display(),
            real = real.display()
        ),
    );
    let out = tmp.path().join("out");
    for round in ["built", "up to date"] {
        build(
            &out,
            &["--typst", typst.to_str().unwrap(), "-a", "investor"],
        )
        .success();
        assert!(!end_if_alive(&pid), "{round}: the helper still runs");
    }
}

/// A rebuilt PDF whose new thumbnail cannot be written (an immutable file, a link: another
/// user's file in a shared folder) is never shown beside the old thumbnail; once it can be
/// written, the next build makes it.
#[test]
fn an_old_thumbnail_is_never_shown_beside_a_rebuilt_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&out, &[]).success();
    let thumbs = out.join("thumbs");
    let index = || std::fs::read_to_string(out.join("index.html")).unwrap();
    for f in ["luxi-investor", "luxi-policy", "luxi-tourism"] {
        assert!(index().contains(&format!("src=\"thumbs/{f}.png\"")), "{f}");
    }
    // luxi-policy: a link to a copy of its old thumbnail; luxi-investor: immutable, where the
    // file system allows it.
    let old = tmp.path().join("old.png");
    std::fs::copy(thumbs.join("luxi-policy.png"), &old).unwrap();
    std::fs::remove_file(thumbs.join("luxi-policy.png")).unwrap();
    std::os::unix::fs::symlink(&old, thumbs.join("luxi-policy.png")).unwrap();
    let investor = thumbs.join("luxi-investor.png");
    let immutable = std::process::Command::new("chattr")
        .arg("+i")
        .arg(&investor)
        .status()
        .is_ok_and(|s| s.success());
    let o = build_dated(&out, "2026-11-23", &[]);
    if immutable {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&investor)
            .status();
    }
    o.success();
    assert!(o.stderr().contains("warning: thumbnail"), "{}", o.stderr());
    let html = index();
    assert!(!html.contains("src=\"thumbs/luxi-policy.png\""), "{html}");
    if immutable {
        assert!(!html.contains("src=\"thumbs/luxi-investor.png\""), "{html}");
    }
    assert!(html.contains("src=\"thumbs/luxi-tourism.png\""), "{html}");
    // Writable again: the next build (nothing to rebuild) makes the thumbnails.
    std::fs::remove_file(thumbs.join("luxi-policy.png")).unwrap();
    let o = build_dated(&out, "2026-11-23", &[]);
    o.success();
    let html = index();
    for f in ["luxi-investor", "luxi-policy", "luxi-tourism"] {
        assert!(
            html.contains(&format!("src=\"thumbs/{f}.png\"")),
            "{f}: {html}"
        );
    }
}

/// `-o -` (or `-o /dev/stdout`) with standard output closed: an error, not a PDF sent nowhere
/// with exit 0; so for a command whose product is what it prints (a listing).
#[test]
fn a_closed_standard_output_is_an_error() {
    let render = |target: &str| -> Vec<String> {
        ["-r", "luxi", "-a", "investor", "--date", DATE, "-o", target]
            .map(String::from)
            .to_vec()
    };
    for args in [render("-"), render("/dev/stdout"), vec!["regions".into()]] {
        let o = Brief::new().args(&args).command();
        let mut sh = std::process::Command::new("sh");
        sh.arg("-c")
            .arg("exec \"$0\" \"$@\" >&-")
            .arg(o.get_program())
            .args(o.get_args())
            .current_dir(root())
            .envs(o.get_envs().filter_map(|(k, v)| Some((k, v?))));
        let out = sh.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("error: standard output is closed"), "{err}");
        assert!(err.contains("hint: "), "{err}");
    }
    // Open, the same listing is printed.
    Brief::new().arg("regions").run().success();
}

/// A region file of `n` facts, all printed in the investor briefing.
fn many_facts(id: &str, short: &str, n: usize) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let mut yaml =
        format!("id: {id}\nname: {short}县\nshort: {short}\nlevel: 县\nprovince: 江西省\nfacts:\n");
    for i in 0..n {
        let name: String = i
            .to_string()
            .chars()
            .map(|d| DIGITS[d.to_digit(10).unwrap() as usize])
            .collect();
        yaml.push_str(&format!(
            "  - kind: indicator\n    key: k{i}\n    name: 第{name}号园区产值\n    value: {}\n    unit: 亿元\n    year: 2022\n    source: luxi-2022\n",
            i + 1
        ));
    }
    yaml
}

/// Two briefings that each fit one typst run but not together are not bundled: a bundle's
/// sources together stay within what one typst run is given.
#[test]
fn large_briefings_are_not_bundled_beyond_the_bound() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::copy(root().join("data/sources.yaml"), data.join("sources.yaml")).unwrap();
    for (id, short) in [("jia", "甲"), ("yi", "乙")] {
        std::fs::write(
            data.join(format!("regions/{id}.yaml")),
            many_facts(id, short, 6000),
        )
        .unwrap();
    }
    let real = brief::typst::find(None, true).unwrap().path;
    let log = tmp.path().join("runs");
    let typst = tmp.path().join("typst");
    executable(
        &typst,
        &format!(
            "#!/bin/sh\n[ \"$1\" = --version ] || echo \"$*\" >> '{log}'\nexec '{real}' \"$@\"\n",
            log = log.display(),
            real = real.display()
        ),
    );
    let out = tmp.path().join("out");
    let o = Brief::new()
        .args([
            "build", "-a", "investor", "--date", DATE, "-j", "1", "--data",
        ])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .arg("--typst")
        .arg(&typst)
        .run();
    o.success();
    assert!(!o.stderr().contains("a bundle of"), "{}", o.stderr());
    let runs = std::fs::read_to_string(&log).unwrap();
    let compiles: Vec<&str> = runs.lines().filter(|l| !l.contains("--ppi")).collect();
    assert_eq!(compiles.len(), 2, "{runs}");
    assert!(
        compiles.iter().all(|l| !l.contains("--format bundle")),
        "{runs}"
    );
    for id in ["jia", "yi"] {
        assert!(out.join(format!("{id}-investor.pdf")).is_file());
    }
}

/// A legal region file of thousands of facts (under the 4 MiB file limit) would take typst
/// minutes and gigabytes: the briefing is refused before typst runs, naming it and its file.
#[test]
fn a_briefing_too_large_for_one_typst_run_is_refused_with_its_region() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::copy(root().join("data/sources.yaml"), data.join("sources.yaml")).unwrap();
    let yaml = many_facts("demo", "示例", 14000);
    assert!(yaml.len() < 4 << 20);
    let file = data.join("regions/demo.yaml");
    std::fs::write(&file, yaml).unwrap();
    // A typst that must never be given the source (a render starts typst before it renders,
    // so that its start-up overlaps brief's work; it then gets nothing).
    let ran = tmp.path().join("ran");
    let typst = fake_typst(
        tmp.path(),
        &format!(
            "if [ \"$(wc -c)\" -gt 0 ]; then touch '{}'; fi\nexit 1",
            ran.display()
        ),
    );
    let render = Brief::new()
        .args(["-r", "demo", "-a", "investor", "--date", DATE, "--data"])
        .arg(&data)
        .arg("-o")
        .arg(tmp.path().join("x.pdf"))
        .arg("--typst")
        .arg(&typst)
        .run();
    let out = tmp.path().join("out");
    let build = Brief::new()
        .args([
            "build", "-r", "demo", "-a", "investor", "--date", DATE, "--data",
        ])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .arg("--typst")
        .arg(&typst)
        .run();
    for o in [&render, &build] {
        let err = clean_failure(o);
        assert!(
            err.contains("demo-investor is too large for one typst run")
                || err.contains("demo-investor.pdf is too large for one typst run"),
            "{err}"
        );
        assert!(
            err.contains("more than the 512 KiB brief gives typst"),
            "{err}"
        );
        assert!(err.contains(&format!("hint: {}", file.display())), "{err}");
    }
    assert!(!tmp.path().join("x.pdf").exists());
    assert!(!out.join("demo-investor.pdf").exists());
    assert!(!ran.exists(), "typst was given the source");
}

/// A template whose Typst code builds something huge meets typst's memory bound: a clear
/// error, no PDF, and typst never takes the machine's memory.
#[test]
fn typst_memory_is_bounded() {
    let t = investor_template("#let a = range(100000000)\n#a.len()");
    let out = t.path().join("x.pdf");
    let o = Brief::new()
        .args([
            "-r",
            "luxi",
            "-a",
            "investor",
            "--date",
            DATE,
            "--templates",
        ])
        .arg(t.path())
        .arg("-o")
        .arg(&out)
        .run();
    let err = clean_failure(&o);
    assert!(
        err.contains("error: typst needed more than the 2 GiB of memory brief gives it"),
        "{err}"
    );
    assert!(!out.exists());
}

/// brief's temporary directories (`.brief-…` names in `dir`).
fn brief_dirs(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".brief-") || n.starts_with("brief-"))
        .collect()
}

/// A build killed with `kill -9` while typst runs leaves typst's temporary root in the output
/// directory, not in the system's temporary directory, and the next build removes it.
#[test]
fn a_killed_build_leaves_typst_directories_only_for_the_next_build_to_remove() {
    let tmp = tempfile::tempdir().unwrap();
    let system_tmp = tmp.path().join("tmp");
    std::fs::create_dir(&system_tmp).unwrap();
    let typst = fake_typst(tmp.path(), "kill -9 $PPID; sleep 5; exit 1");
    let out = tmp.path().join("out");
    for extra in [&[][..], &["--no-bundle"][..]] {
        let killed = Brief::new()
            .env("TMPDIR", &system_tmp)
            .args(["build", "-r", "luxi", "--date", DATE, "-j", "1", "--out"])
            .arg(&out)
            .arg("--typst")
            .arg(&typst)
            .args(extra)
            .run();
        assert_eq!(
            killed.code(),
            None,
            "{extra:?}: not killed: {}",
            killed.stderr()
        );
        assert_eq!(brief_dirs(&system_tmp), Vec::<String>::new(), "{extra:?}");
        let left = brief_dirs(&out);
        assert_eq!(left.len(), 1, "{extra:?}: {left:?}");
        let after = Brief::new()
            .env("TMPDIR", &system_tmp)
            .args(["build", "-r", "luxi", "--date", DATE, "-j", "1", "--out"])
            .arg(&out)
            .args(extra)
            .run();
        after.success();
        assert_eq!(brief_dirs(&out), Vec::<String>::new(), "{extra:?}");
        assert_eq!(brief_dirs(&system_tmp), Vec::<String>::new(), "{extra:?}");
    }
}

/// What typst writes is read back only within a bound: a 300 MiB "PDF" is refused unread.
#[test]
fn a_huge_typst_output_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    let typst = fake_typst(
        tmp.path(),
        "cat > /dev/null\nfor a; do case \"$a\" in */out.pdf) truncate -s 300M \"$a\";; esac; done\nexit 0",
    );
    let out = tmp.path().join("x.pdf");
    let o = Brief::new()
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
        .arg(&out)
        .arg("--typst")
        .arg(&typst)
        .run();
    let err = clean_failure(&o);
    assert!(
        err.contains("error: typst wrote 300 MiB, more than the 256 MiB brief reads back"),
        "{err}"
    );
    assert!(!out.exists());
}
