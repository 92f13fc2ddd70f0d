//! Hostile input and faults: every case ends in one clear message (or a literal rendering),
//! never a panic, a hang, a read outside the project, or a lost PDF.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::{assert_no_temp_files, briefing_count, root, Brief, Run, DATE};

/// A failure that speaks in brief's voice: exit 1, an `error:` line, no Rust panic.
#[track_caller]
fn assert_clean_failure(o: &Run) -> String {
    let err = o.stderr();
    assert_eq!(o.code(), Some(1), "exit status {:?}: {err}", o.code());
    assert!(
        !err.contains("panicked") && !err.contains("stack backtrace"),
        "panic: {err}"
    );
    err
}

/// A fact base with one region file holding `region_yaml`.
fn base_with(region_yaml: &[u8]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::copy(root().join("data/sources.yaml"), data.join("sources.yaml")).unwrap();
    std::fs::write(data.join("regions/demo.yaml"), region_yaml).unwrap();
    tmp
}

const HEAD: &str = "id: demo\nname: 示例县\nshort: 示例\nlevel: 县\nprovince: 江西省\nfacts:\n";
const SRC: &str = "luxi-2022";

fn fact(fields: &str) -> String {
    format!("{HEAD}  - kind: reform\n    name: 示例\n{fields}    source: {SRC}\n")
}

fn check(yaml: &[u8]) -> String {
    let tmp = base_with(yaml);
    let start = Instant::now();
    let o = Brief::new().current_dir(tmp.path()).arg("check").run();
    // A guard against a hang, far beyond what check takes on any machine.
    assert!(
        start.elapsed() < Duration::from_secs(120),
        "check took {:?}",
        start.elapsed()
    );
    assert_clean_failure(&o)
}

#[test]
fn yaml_syntax_errors_are_located() {
    let err = check(format!("{HEAD}  - kind: reform\n\tname: x\n").as_bytes());
    assert!(
        err.contains("data/regions/demo.yaml:8:1: a tab is used for indentation"),
        "{err}"
    );
    let err = check(b"id: demo\nname: \"\xe7\xa4\xba\xe4\xbe\x8b\nshort: x\n");
    assert!(
        err.contains("data/regions/demo.yaml:4:1:") && err.contains("quoted scalar"),
        "{err}"
    );
    let err = check(b"id: demo\n  name: x\n short: y\n");
    assert!(err.contains("data/regions/demo.yaml:2:"), "{err}");
}

#[test]
fn files_that_are_not_fact_files() {
    let err = check(b"id: demo\nname: \xc4\xe3\xba\xc3\n");
    assert!(
        err.contains("data/regions/demo.yaml:2:7: file is not valid UTF-8"),
        "{err}"
    );
    assert!(err.contains("hint: save the file as UTF-8"), "{err}");
    let err = check(b"");
    assert!(
        err.contains("data/regions/demo.yaml:1:1: file is empty"),
        "{err}"
    );
    let err = check(b"- id: demo\n- id: other\n");
    assert!(
        err.contains("data/regions/demo.yaml:1:1: invalid type: sequence, expected struct Region"),
        "{err}"
    );
    let err = check(
        format!("{HEAD}  - kind: reform\n    name: a\n    name: b\n    source: {SRC}\n").as_bytes(),
    );
    assert!(
        // At the repeated key, not at its mapping.
        err.contains("data/regions/demo.yaml:9:5: facts[0]: duplicate field `name`"),
        "{err}"
    );
}

#[test]
fn alias_bombs_and_deep_nesting_end_quickly() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        bomb.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    let err = check(bomb.as_bytes());
    assert!(err.contains("data/regions/demo.yaml:"), "{err}");
    let deep = format!("{}x{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = check(format!("id: {deep}\n").as_bytes());
    assert!(
        err.contains("data/regions/demo.yaml:1:69: brackets nest deeper than 64 levels"),
        "{err}"
    );
}

#[test]
fn a_huge_file_is_refused_without_reading_it_all() {
    let mut big = HEAD.as_bytes().to_vec();
    big.resize(50 * 1024 * 1024, b'#');
    let err = check(&big);
    assert!(
        err.contains("more than the 4194304 a fact file may have"),
        "{err}"
    );
}

#[test]
fn bad_numbers_are_rejected_with_their_location() {
    for (fields, line, what) in [
        (
            "    value: \"142\"\n    unit: 亿元\n",
            9,
            "`value` is quoted (`142`)",
        ),
        ("    value: -3\n    unit: 亿元\n", 9, "value -3 is negative"),
        (
            "    value: .nan\n    unit: 亿元\n",
            9,
            "`.nan` is not a number as an article prints it",
        ),
        (
            "    value: 1e308\n    unit: \"%\"\n",
            9,
            "`1e308` is not a number as an article prints it",
        ),
        (
            "    value: 101\n    unit: \"%\"\n",
            9,
            "is a percentage above 100",
        ),
        ("    year: 99999\n", 9, "year 99999 is outside 1900–2100"),
        ("    value: 3\n    unit: 斤\n", 10, "unknown unit `斤`"),
        (
            "    value: 3\n    unit: 亿元\n    qualifier: 大约\n",
            11,
            "unknown qualifier `大约`",
        ),
    ] {
        let err = check(fact(fields).as_bytes());
        assert!(
            err.contains(&format!("data/regions/demo.yaml:{line}:")) && err.contains(what),
            "{fields:?}: {err}"
        );
    }
}

/// 恢复到2019年同期的103.5%, 完成年度目标的112%: a percentage of another level may pass
/// 100 when the name says what it is relative to; a share of a whole may not.
#[test]
fn a_percentage_of_another_level_may_pass_100() {
    let yaml = fact("    value: 103.5\n    unit: \"%\"\n")
        .replace("    name: 示例\n", "    name: 接待游客恢复到2019年同期\n");
    let tmp = base_with(yaml.as_bytes());
    Brief::new()
        .current_dir(tmp.path())
        .arg("check")
        .run()
        .success();
    let err = check(
        fact("    value: -3\n    unit: \"%\"\n")
            .replace("    name: 示例\n", "    name: 恢复到同期\n")
            .as_bytes(),
    );
    assert!(err.contains("value -3 is negative"), "{err}");
}

#[test]
fn control_characters_and_bad_ids_and_names() {
    let err = check(fact("    note: \"a\\u0007b\"\n").as_bytes());
    assert!(err.contains("control character U+0007"), "{err}");
    for (field, line) in [("    period: 近年 来\n", 9), ("    name: 示例 项\n", 8)] {
        let yaml = fact(field).replace(
            "    name: 示例\n",
            if field.contains("name") {
                ""
            } else {
                "    name: 示例\n"
            },
        );
        let err = check(yaml.as_bytes());
        assert!(
            err.contains(&format!("data/regions/demo.yaml:{line}:"))
                && err.contains("prints as a gap"),
            "{field:?}: {err}"
        );
    }
    let err = check(fact("    note: 芦溪 县\n").as_bytes());
    assert!(err.contains("data/regions/demo.yaml:9:11: a space between Chinese characters (\"溪 县\") prints as a gap"), "{err}");
    for (id, name) in [
        ("../etc", "示例县"),
        ("demo", "a/b"),
        ("demo", "-rf"),
        ("demo", ".."),
    ] {
        let yaml =
            format!("id: {id:?}\nname: {name:?}\nshort: 示例\nlevel: 县\nprovince: 江西省\n");
        let err = check(yaml.as_bytes());
        assert!(
            err.contains("data/regions/demo.yaml:1:") || err.contains("data/regions/demo.yaml:2:"),
            "{id} {name}: {err}"
        );
    }
    let err = check(b"id: \"de\\0mo\"\nname: x\nshort: y\nlevel: \xe5\x8e\xbf\nprovince: p\n");
    assert!(err.contains("is not a plain ASCII id"), "{err}");
}

#[test]
fn region_names_never_become_paths() {
    let tmp = tempfile::tempdir().unwrap();
    for q in ["../../etc", "/etc/passwd", "-rf", "a b", "..", "a\u{1}b"] {
        let region = format!("--region={q}");
        let o = Brief::new()
            .current_dir(tmp.path())
            .args([
                "--data",
                root().join("data").to_str().unwrap(),
                &region,
                "--audience",
                "investor",
            ])
            .run();
        let err = assert_clean_failure(&o);
        assert!(
            err.contains("unknown region") || err.contains("ambiguous"),
            "{q}: {err}"
        );
    }
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "a file was written"
    );
}

#[test]
fn symlinks_and_devices_at_the_output_survive() {
    let tmp = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("real.pdf", tmp.path().join("link.pdf")).unwrap();
    let link = tmp.path().join("link.pdf");
    let o = Brief::new()
        .args([
            "-r",
            "luxi",
            "-a",
            "investor",
            "--date",
            DATE,
            "-o",
            link.to_str().unwrap(),
        ])
        .run();
    o.success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced"
    );
    let real = std::fs::read(tmp.path().join("real.pdf")).unwrap();
    assert!(real.starts_with(b"%PDF-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(tmp.path().join("real.pdf"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
    for emit in ["typ", "pdf"] {
        let o = Brief::new()
            .args([
                "-r",
                "luxi",
                "-a",
                "investor",
                "--emit",
                emit,
                "-o",
                "/dev/null",
            ])
            .run();
        o.success();
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null was replaced by a file");
    }
}

#[test]
fn a_failed_run_keeps_its_source_beside_the_output_not_over_it() {
    let tmp = tempfile::tempdir().unwrap();
    let t = templates_with(
        "investor.typ.j2",
        "{% extends \"base.typ.j2\" %}{% block body %}\n#broken(\n{% endblock %}\n",
    );
    let out = tmp.path().join("keep.typ");
    std::fs::write(&out, "OLD").unwrap();
    let o = Brief::new()
        .args([
            "-r",
            "luxi",
            "-a",
            "investor",
            "-o",
            out.to_str().unwrap(),
            "--templates",
            t.path().to_str().unwrap(),
        ])
        .run();
    let err = assert_clean_failure(&o);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "OLD");
    let kept = err
        .lines()
        .find_map(|l| l.split("kept at ").nth(1))
        .expect("where the source is kept");
    assert!(Path::new(kept).is_file(), "{kept} does not exist: {err}");
}

#[test]
fn an_unwritable_output_leaves_nothing_behind() {
    let o = Brief::new()
        .args([
            "-r",
            "luxi",
            "-a",
            "investor",
            "-o",
            "/proc/brief-test.pdf",
            "--date",
            DATE,
        ])
        .run();
    let err = assert_clean_failure(&o);
    assert!(err.contains("cannot write in /proc"), "{err}");
}

fn templates_with(name: &str, text: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(name), text).unwrap();
    tmp
}

fn render_with(templates: &Path, emit: &str) -> Run {
    let out = templates.join("out.x");
    Brief::new()
        .args([
            "-r",
            "luxi",
            "-a",
            "investor",
            "--emit",
            emit,
            "-o",
            out.to_str().unwrap(),
            "--templates",
            templates.to_str().unwrap(),
            "--date",
            DATE,
        ])
        .run()
}

#[test]
fn templates_cannot_read_files() {
    for attack in [
        "#read(\"/etc/passwd\")",
        "#image(\"../../x.png\")",
        "#include \"/etc/hostname\"",
    ] {
        let t = templates_with(
            "investor.typ.j2",
            &format!(
                "{{% extends \"base.typ.j2\" %}}{{% block body %}}\n{attack}\n{{% endblock %}}\n"
            ),
        );
        let o = render_with(t.path(), "pdf");
        let err = assert_clean_failure(&o);
        assert!(err.contains("typst failed"), "{attack}: {err}");
        assert!(
            err.contains("file not found")
                || err.contains("access denied")
                || err.contains("escape the project root"),
            "{attack}: {err}"
        );
        assert!(!err.contains("root:"), "{err}");
    }
    let t = templates_with("investor.typ.j2", "{% include \"../../../etc/passwd\" %}");
    let err = assert_clean_failure(&render_with(t.path(), "typ"));
    assert!(err.contains("leaves the templates directory"), "{err}");
}

/// A link in the templates directory that leads out of it is not followed by an include, and
/// a template is read no further than its size limit.
#[test]
fn templates_cannot_reach_out_through_links_nor_be_huge() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP-SECRET-LINE").unwrap();
    for (link, include) in [("root", "root/secret.txt"), ("secret.j2", "secret.j2")] {
        let t = templates_with(
            "investor.typ.j2",
            &format!("{{% include \"{include}\" %}}\n"),
        );
        let target = if link == "root" {
            outside.path().to_path_buf()
        } else {
            outside.path().join("secret.txt")
        };
        std::os::unix::fs::symlink(&target, t.path().join(link)).unwrap();
        let o = render_with(t.path(), "typ");
        let err = assert_clean_failure(&o);
        assert!(err.contains("leads out of"), "{link}: {err}");
        assert!(!err.contains("TOP-SECRET") && !o.stdout().contains("TOP-SECRET"));
        assert!(!t.path().join("out.x").exists());
    }
    // A link that stays inside the directory is followed.
    let t = templates_with("real.j2", "inside\n");
    std::fs::write(
        t.path().join("investor.typ.j2"),
        "{% include \"alias.j2\" %}",
    )
    .unwrap();
    std::os::unix::fs::symlink(t.path().join("real.j2"), t.path().join("alias.j2")).unwrap();
    render_with(t.path(), "typ").success();
    assert_eq!(
        std::fs::read_to_string(t.path().join("out.x")).unwrap(),
        "inside\n"
    );
    // A 3 GiB template (sparse: it takes no room) is refused at once, without being read.
    let t = templates_with("investor.typ.j2", "");
    std::fs::File::options()
        .write(true)
        .open(t.path().join("investor.typ.j2"))
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    let started = Instant::now();
    let err = assert_clean_failure(&render_with(t.path(), "typ"));
    assert!(err.contains("larger than"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn templates_cannot_fetch_packages() {
    let t = templates_with(
        "investor.typ.j2",
        "{% extends \"base.typ.j2\" %}{% block body %}\n#import \"@preview/example:0.1.0\": *\n{% endblock %}\n",
    );
    let start = Instant::now();
    let err = assert_clean_failure(&render_with(t.path(), "pdf"));
    assert!(err.contains("failed to download package"), "{err}");
    assert!(
        err.contains("Connection refused") || err.contains("connection refused"),
        "went to the network: {err}"
    );
    assert!(err.contains("hint: brief runs typst offline"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn included_templates_are_escaped_whatever_their_name() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("investor.typ.j2"),
        "{% include \"part.j2\" %}",
    )
    .unwrap();
    std::fs::write(tmp.path().join("part.j2"), "{{ \"#read(x)\" }}").unwrap();
    let o = render_with(tmp.path(), "typ");
    o.success();
    let out = std::fs::read_to_string(tmp.path().join("out.x")).unwrap();
    assert_eq!(out, "\\#read(x)");
}

#[test]
fn template_errors_name_the_template_and_line() {
    let t = templates_with("investor.typ.j2", "line one\n{% if %}\n");
    let err = assert_clean_failure(&render_with(t.path(), "typ"));
    assert!(err.contains("template error: investor.typ.j2:2:"), "{err}");
    let t = templates_with("investor.typ.j2", "a\nb\n{{ region.no_such_field }}\n");
    let err = assert_clean_failure(&render_with(t.path(), "typ"));
    assert!(
        err.contains("investor.typ.j2:3:") && err.contains("undefined"),
        "{err}"
    );
    let t = templates_with("investor.typ.j2", "{{ none }}\n");
    let err = assert_clean_failure(&render_with(t.path(), "typ"));
    assert!(err.contains("printed a missing value"), "{err}");
}

#[test]
fn runaway_templates_are_stopped() {
    let start = Instant::now();
    let t = templates_with(
        "investor.typ.j2",
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    );
    let err = assert_clean_failure(&render_with(t.path(), "typ"));
    assert!(err.contains("fuel"), "{err}");
    let t = templates_with(
        "investor.typ.j2",
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    );
    let err = assert_clean_failure(&render_with(t.path(), "typ"));
    assert!(err.contains("recursion"), "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "took {:?}",
        start.elapsed()
    );
}

/// A stand-in typst, for faults the real one does not produce on demand.
fn fake_typst(dir: &Path, version: &str, compile: &str) -> PathBuf {
    let path = dir.join("typst");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo '{version}'; exit 0; fi\n{compile}\n"
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

#[test]
fn typst_faults() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("luxi.pdf");
    std::fs::write(&pdf, b"%PDF-previous").unwrap();
    let run = |typst: &Path, extra: &[&str]| {
        let mut args = vec![
            "-r",
            "luxi",
            "-a",
            "investor",
            "-o",
            pdf.to_str().unwrap(),
            "--typst",
            typst.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        Brief::new().args(args).run()
    };

    let wrong = fake_typst(tmp.path(), "typst 0.13.0 (x)", "exit 0");
    let err = assert_clean_failure(&run(&wrong, &[]));
    assert!(
        err.contains("is `typst 0.13.0 (x)`, but brief needs typst 0.15.1"),
        "{err}"
    );

    let failing = fake_typst(
        tmp.path(),
        "typst 0.15.1",
        "cat >/dev/null; echo '<stdin>:3:1: error: unexpected end' >&2; exit 1",
    );
    let err = assert_clean_failure(&run(&failing, &[]));
    assert!(
        err.contains("typst failed") && err.contains("<stdin>:3:1: error: unexpected end"),
        "{err}"
    );
    assert!(err.contains("kept at"), "{err}");

    let killed = fake_typst(
        tmp.path(),
        "typst 0.15.1",
        "cat >/dev/null; printf partial > \"$3\"; kill -9 $$",
    );
    let err = assert_clean_failure(&run(&killed, &[]));
    assert!(err.contains("typst failed"), "{err}");

    // (safety::a_timeout_ends_typst_and_whatever_it_started checks that nothing is left.)
    let hung = fake_typst(tmp.path(), "typst 0.15.1", "exec sleep 60");
    let err = assert_clean_failure(&run(&hung, &["--timeout", "1"]));
    assert!(err.contains("did not finish within 1 s"), "{err}");

    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        b"%PDF-previous",
        "the previous PDF was touched"
    );
    assert_no_temp_files(tmp.path());
}

#[test]
fn typst_missing_and_not_installable() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |extra: &[&str], path: &str| {
        Brief::new()
            .args(["-r", "luxi", "-a", "investor", "-o"])
            .arg(tmp.path().join("x.pdf"))
            .args(extra)
            .env("PATH", path)
            .env("BRIEF_CACHE_DIR", tmp.path().join("cache"))
            .env_remove("CARGO")
            .env_remove("BRIEF_TYPST")
            .run()
    };
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = run(&["--offline"], empty.to_str().unwrap());
    let err = assert_clean_failure(&o);
    assert!(
        err.contains("typst 0.15.1 is not installed, and --offline forbids installing it"),
        "{err}"
    );
    assert!(
        err.contains("hint: cargo install --locked typst-cli --version 0.15.1 --root"),
        "{err}"
    );
    let o = run(&[], empty.to_str().unwrap());
    let err = assert_clean_failure(&o);
    assert!(err.contains("cargo was not found"), "{err}");
    assert!(
        err.contains("cargo install --locked typst-cli --version 0.15.1"),
        "{err}"
    );
}

#[test]
fn characters_no_font_has_are_listed() {
    // A reform's note: printed in full in the policy briefing (its first reader).
    let yaml = fact("    note: 吉字异体𠮷与𡈽\n");
    let tmp = base_with(yaml.as_bytes());
    let o = Brief::new()
        .current_dir(tmp.path())
        .args([
            "-r",
            "demo",
            "-a",
            "policy",
            "--fonts",
            root().join("fonts").to_str().unwrap(),
            "-o",
            "x.pdf",
            "--date",
            DATE,
        ])
        .run();
    if o.ok() {
        // An installed font has them: brief said so.
        assert!(
            o.stderr()
                .contains("warning: the bundled fonts lack 𠮷 (U+20BB7), 𡈽 (U+2123D)"),
            "{}",
            o.stderr()
        );
    } else {
        let err = assert_clean_failure(&o);
        assert!(err.contains("no font has"), "{err}");
        assert!(err.contains("𠮷 (U+20BB7)"), "{err}");
        assert!(!tmp.path().join("x.pdf").exists());
    }
}

#[test]
fn interrupting_a_build_leaves_valid_pdfs_and_no_temp_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut child = Brief::new()
        .args(["build", "--out"])
        .arg(&out)
        .args(["-j", "1", "--no-bundle", "--date", DATE])
        .spawn();
    // Wait for the first finished briefing, then interrupt.
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let done = std::fs::read_dir(&out)
            .map(|rd| {
                rd.flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
            })
            .unwrap_or(false);
        if done {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    unsafe_sigint(child.id());
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert!(
        status.code() == Some(130) || status.success(),
        "{status:?}: {err}"
    );
    let mut pdfs = 0;
    for e in std::fs::read_dir(&out).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "{name} left behind");
        if name.ends_with(".pdf") {
            let bytes = std::fs::read(e.path()).unwrap();
            assert!(
                bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
                "{name} is not a whole PDF"
            );
            pdfs += 1;
        }
    }
    assert!(pdfs >= 1);
    if status.code() == Some(130) {
        assert!(err.contains("interrupted: built"), "{err}");
        assert!(
            pdfs < briefing_count(),
            "interrupted, yet all {pdfs} briefings were built"
        );
        // The manifest lists what finished, so the next build does only the rest.
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(manifest["briefings"].as_array().unwrap().len(), pdfs);
    }
}

fn unsafe_sigint(pid: u32) {
    let ok = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

/// A `typst --version` that answers but leaves a helper holding its standard output open
/// does not hold brief: the answer is read as it comes, and the helper is ended with it.
#[test]
fn a_version_helper_holding_stdout_does_not_hold_brief() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("typst");
    std::fs::write(
        &path,
        "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1'; sleep 30 & exit 0; fi\nexit 3\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = tmp.path().join("x.pdf");
    let started = Instant::now();
    let o = Brief::new()
        .args([
            "build", "-r", "anyuan", "-a", "policy", "--date", DATE, "--out",
        ])
        .arg(tmp.path().join("out"))
        .arg("--typst")
        .arg(&path)
        .run();
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "brief waited {:?} for the helper",
        started.elapsed()
    );
    assert!(!o.ok());
    assert!(!out.exists());
}

/// A font file cut short after its header tables is refused with its name, before typst can
/// set another face in its place.
#[test]
fn a_font_cut_short_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let fonts = tmp.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    for e in std::fs::read_dir(root().join("fonts")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, fonts.join(p.file_name().unwrap())).unwrap();
    }
    let cut = fonts.join("NotoSansCJKsc-Bold.otf");
    let len = std::fs::metadata(&cut).unwrap().len();
    std::fs::File::options()
        .write(true)
        .open(&cut)
        .unwrap()
        .set_len(len - 2000)
        .unwrap();
    let out = tmp.path().join("x.pdf");
    let o = Brief::new()
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
        .arg(&out)
        .arg("--fonts")
        .arg(&fonts)
        .run();
    let err = assert_clean_failure(&o);
    assert!(err.contains("NotoSansCJKsc-Bold.otf"), "{err}");
    assert!(!out.exists());
}

/// A template that needs more than the render bound (a string doubled in a loop) stops brief
/// with its message, and leaves no typst temporary directory behind (typst was started before
/// the render, to find its fonts meanwhile; it is ended too).
#[test]
fn a_render_stopped_by_the_memory_bound_leaves_nothing() {
    let t = templates_with(
        "investor.typ.j2",
        "{% set ns = namespace(s='xxxxxxxxxxxxxxxx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    );
    let tmpdir = tempfile::tempdir().unwrap();
    let out = t.path().join("out.pdf");
    let o = Brief::new()
        .env("TMPDIR", tmpdir.path())
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
        .arg(&out)
        .arg("--templates")
        .arg(t.path())
        .run();
    let err = assert_clean_failure(&o);
    assert!(err.contains("2 GiB"), "{err}");
    let left: Vec<_> = std::fs::read_dir(tmpdir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(!out.exists());
}
