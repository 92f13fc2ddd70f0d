//! The rules of `brief check`, run in-process on small fact bases written for each case.

use std::path::{Path, PathBuf};

use super::{load_unchecked, Diagnostic, Severity};

const SOURCES: &str = "- id: s1\n  title: 测试报道\n  period: 2022年\n";

/// A fact base in a temp dir with `region` as `regions/x.yaml`.
fn base_with(region: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("regions")).unwrap();
    std::fs::write(dir.path().join("sources.yaml"), SOURCES).unwrap();
    std::fs::write(dir.path().join("regions/x.yaml"), region).unwrap();
    dir
}

fn region(facts: &str) -> String {
    let head = "id: x\nname: 某某区\nshort: 某某\nlevel: 区\nprovince: 湖南省\n";
    if facts.is_empty() {
        head.to_string()
    } else {
        format!("{head}facts:\n{facts}")
    }
}

fn fact(fields: &str) -> String {
    format!("  - kind: indicator\n    name: 地区生产总值\n    source: s1\n{fields}")
}

fn problems(dir: &Path) -> Vec<Diagnostic> {
    load_unchecked(dir).1
}

fn errors(yaml: &str) -> Vec<Diagnostic> {
    let dir = base_with(yaml);
    problems(dir.path())
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect()
}

/// The one error of `yaml`, as `line:column: message`.
fn only_error(yaml: &str) -> (String, Option<String>) {
    let e = errors(yaml);
    assert_eq!(e.len(), 1, "expected one error, got {e:#?}");
    (
        format!("{}:{}: {}", e[0].line, e[0].column, e[0].message),
        e[0].hint.clone(),
    )
}

#[test]
fn a_clean_region_has_no_problem() {
    let yaml = region(&fact(
        "    value: 142\n    unit: 亿元\n    qualifier: 预计\n    year: 2022\n",
    ));
    assert!(errors(&yaml).is_empty());
}

#[test]
fn units_and_qualifiers_come_from_the_vocabulary() {
    for (unit, q) in [
        ("万美元", "超过"),
        ("台", "余"),
        ("公里", "近"),
        ("栋", "以上"),
    ] {
        let yaml = region(&fact(&format!(
            "    value: 3\n    unit: {unit}\n    qualifier: {q}\n"
        )));
        assert!(errors(&yaml).is_empty(), "{unit} {q}: {:?}", errors(&yaml));
    }
    let (msg, hint) = only_error(&region(&fact("    value: 3\n    unit: 斤\n")));
    assert_eq!(msg, "11:11: unknown unit `斤`");
    assert!(hint.unwrap().contains("vocabulary.yaml"));
    let (msg, hint) = only_error(&region(&fact(
        "    value: 3\n    unit: 个\n    qualifier: 大约\n",
    )));
    assert!(msg.ends_with("unknown qualifier `大约`"), "{msg}");
    assert!(hint.unwrap().contains("vocabulary.yaml"));
}

#[test]
fn a_fact_base_extends_its_vocabulary_without_code() {
    let yaml = region(&fact("    value: 3\n    unit: 斤\n    qualifier: 大约\n"));
    let dir = base_with(&yaml);
    let mut vocab = super::vocab::BUILTIN.to_string();
    vocab = vocab.replace("weight: [", "weight: [斤, ");
    vocab = vocab.replace("before: [", "before: [大约, ");
    std::fs::write(dir.path().join("vocabulary.yaml"), vocab).unwrap();
    let p = problems(dir.path());
    assert!(p.is_empty(), "{p:#?}");
}

#[test]
fn a_broken_vocabulary_is_located() {
    let dir = base_with(&region(""));
    std::fs::write(
        dir.path().join("vocabulary.yaml"),
        "units:\n  money: [亿元]\n  count: [亿元]\nqualifiers:\n  before: [约]\n",
    )
    .unwrap();
    let p = problems(dir.path());
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(p[0].message.contains("listed under both"), "{}", p[0]);
    assert_eq!((p[0].line, p[0].column), (2, 11));
}

#[test]
fn invisible_characters_are_refused_wherever_text_is() {
    for (field, yaml) in [
        ("name", region(&fact("    note: 说明\u{202E}文字\n"))),
        (
            "short",
            "id: x\nname: 安源区\nshort: 安\u{200B}源\nlevel: 区\nprovince: 江西省\n".to_string(),
        ),
        (
            "province",
            "id: x\nname: 安源区\nshort: 安源\nlevel: 区\nprovince: \"江西\\e省\"\n".to_string(),
        ),
    ] {
        let e = errors(&yaml);
        assert_eq!(e.len(), 1, "{field}: {e:#?}");
        assert!(
            ["invisible", "control", "usable"]
                .iter()
                .any(|w| e[0].message.contains(w)),
            "{field}: {}",
            e[0]
        );
    }
}

#[test]
fn yaml_that_only_looks_like_a_value_is_refused() {
    let (msg, _) = only_error(&region(
        "  - kind: indicator\n    name: ~\n    source: s1\n",
    ));
    assert_eq!(msg, "8:11: `name` has no value");
    let (msg, _) = only_error(&region(&fact("    value: !!str 5\n    unit: 个\n")));
    assert!(msg.contains("the tag `!!str`"), "{msg}");
    let (msg, hint) = only_error(&region(&fact("    year: 0x7E6\n")));
    assert_eq!(
        msg,
        "10:11: facts[0].year: `0x7E6` is not a year as an article prints it"
    );
    assert_eq!(
        hint.as_deref(),
        Some("write the year in full, without quotes: 2022")
    );
}

#[test]
fn quoted_keys_keep_the_number_rules() {
    // Each line as a region's last fact line; the error points at the value.
    for (line, at) in [
        ("    \"value\": 1.5e3\n    unit: 亿元\n", "10:14"),
        ("    'year': 0x7E6\n", "10:13"),
        ("    growth: {\"value\": 1e1, unit: \"%\"}\n", "10:23"),
        ("    \"year\" : 2.022e3\n", "10:14"),
        ("    ? value\n    : 1e3\n    unit: 个\n", "11:7"),
    ] {
        let (msg, hint) = only_error(&region(&fact(line)));
        assert!(msg.starts_with(&format!("{at}: ")), "{line:?}: {msg}");
        assert!(msg.contains("not a"), "{line:?}: {msg}");
        assert!(
            hint.is_some_and(|h| h.contains("without quotes")),
            "{line:?}"
        );
    }
    // A quoted figure is refused with plain and quoted keys alike.
    for line in [
        "    value: \"142\"\n    unit: 个\n",
        "    \"value\": \"142\"\n    unit: 个\n",
        "    growth: {\"value\": '5', unit: \"%\"}\n",
    ] {
        let e = errors(&region(&fact(line)));
        assert!(
            e.iter().any(|d| d.message.contains("is quoted")),
            "{line:?}: {e:#?}"
        );
    }
    // The same values with plain keys.
    let (msg, _) = only_error(&region(&fact("    value: 1.5e3\n    unit: 亿元\n")));
    assert!(msg.starts_with("10:12: "), "{msg}");
}

#[test]
fn figures_that_cannot_be_kept_exactly_are_refused() {
    for (value, why) in [
        ("1234567890123456789".to_string(), "19 digits"),
        (format!("0.{}1", "0".repeat(400)), "401 digits"),
        ("007".to_string(), "begins with a zero"),
        ("22,86".to_string(), "commas that do not group"),
    ] {
        let (msg, hint) = only_error(&region(&fact(&format!(
            "    value: {value}\n    unit: 个\n"
        ))));
        assert!(msg.starts_with("10:12: "), "{msg}");
        assert!(msg.contains(why), "{msg}");
        assert!(hint.is_some(), "{msg}");
    }
    // What an article prints is kept: trailing zeros, grouping, long integers.
    for value in [
        "1313.70",
        "5.0",
        "100.10",
        "22,862",
        "244394",
        "999999999.99",
    ] {
        let yaml = region(&fact(&format!("    value: {value}\n    unit: 个\n")));
        assert!(errors(&yaml).is_empty(), "{value}: {:?}", errors(&yaml));
    }
}

#[test]
fn duplicates_are_quoted_escaped_and_cut() {
    // A source listed twice, a name used twice: the message never replays a terminal
    // escape or a whole long value.
    let long = "x".repeat(100_000);
    for id in ["\\e[31mred", long.as_str()] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("regions")).unwrap();
        let entry = format!("- id: \"{id}\"\n  title: 测试报道\n  period: 2022年\n");
        std::fs::write(dir.path().join("sources.yaml"), entry.repeat(2)).unwrap();
        let head = |id: &str, name: &str| {
            format!("id: {id}\nname: \"{name}\"\nshort: {id}短\nlevel: 区\nprovince: 湖南省\n")
        };
        std::fs::write(dir.path().join("regions/a.yaml"), head("a", id)).unwrap();
        std::fs::write(dir.path().join("regions/b.yaml"), head("b", id)).unwrap();
        let all = problems(dir.path());
        let twice = all
            .iter()
            .find(|p| p.message.contains("is listed twice"))
            .unwrap_or_else(|| panic!("{all:#?}"));
        let again = all
            .iter()
            .find(|p| p.message.contains("is already the"))
            .unwrap_or_else(|| panic!("{all:#?}"));
        for p in [twice, again] {
            assert!(!p.message.contains('\u{1b}'), "{:?}", p.message);
            assert!(p.message.chars().count() < 300, "{} chars", p.message.len());
        }
    }
}

#[test]
fn a_deep_chain_of_parents_and_its_loop() {
    // 3,000 regions, each the parent of the next; then the top made a child of the bottom.
    let n = 3000;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("regions")).unwrap();
    std::fs::write(dir.path().join("sources.yaml"), SOURCES).unwrap();
    let write = |top_parent: Option<usize>| {
        for i in 0..n {
            let up = match (i, top_parent) {
                (0, None) => "province: 湖南省".to_string(),
                (0, Some(p)) => format!("parent: r{p}"),
                _ => format!("parent: r{}", i - 1),
            };
            std::fs::write(
                dir.path().join(format!("regions/r{i}.yaml")),
                format!("id: r{i}\nname: 区{i}\nshort: 短{i}\nlevel: 区\n{up}\n"),
            )
            .unwrap();
        }
    };
    write(None);
    let errors: Vec<_> = problems(dir.path())
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    write(Some(n - 1));
    let loops: Vec<_> = problems(dir.path())
        .into_iter()
        .filter(|p| p.message.starts_with("parent chain loops: "))
        .collect();
    assert_eq!(loops.len(), n);
    // The message shows where the chain goes, cut short.
    let first = loops
        .iter()
        .find(|p| p.file.ends_with("r5.yaml"))
        .expect("r5 loops");
    assert_eq!(
        first.message,
        "parent chain loops: r5 → r4 → r3 → r2 → r1 → r0 → r2999 → r2998 → …"
    );
}

#[test]
fn a_byte_order_mark_is_read_as_nothing() {
    let yaml = format!("\u{feff}{}", region(""));
    assert!(errors(&yaml).is_empty(), "{:?}", errors(&yaml));
}

#[test]
fn messages_never_replay_a_control_sequence() {
    let e = errors(&region(&fact("    value: 1\n    unit: \"\\e[31m个\"\n")));
    assert_eq!(e.len(), 1);
    assert!(!e[0].to_string().contains('\u{1b}'), "{}", e[0]);
    assert!(e[0].message.contains("\\u{001b}"), "{}", e[0]);
}

#[test]
fn a_growth_needs_no_value_but_its_unit_must_be_known() {
    let yaml = region(&fact("    growth: {value: 9, unit: \"%\"}\n"));
    assert!(errors(&yaml).is_empty());
    let (msg, _) = only_error(&region(&fact("    growth: {value: 9, unit: 分}\n")));
    assert!(msg.contains("unknown growth unit `分`"), "{msg}");
}

#[test]
fn a_printed_note_about_the_article_is_a_warning() {
    let dir = base_with(&region(&fact("    note: 仅见于报道配图说明。\n")));
    let p = problems(dir.path());
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].severity, Severity::Warning);
    assert!(p[0].hint.as_deref().unwrap().contains("remark"));
    let dir = base_with(&region(&fact("    remark: 仅见于报道配图说明。\n")));
    assert!(problems(dir.path()).is_empty());
}

#[test]
fn a_sum_of_money_says_what_it_measures() {
    let project = "  - kind: project\n    name: 生产园（一期）\n    value: 3.5\n    unit: 亿元\n    source: s1\n";
    let (msg, hint) = only_error(&region(project));
    assert!(msg.contains("does not say what it measures"), "{msg}");
    assert!(hint.unwrap().contains("measure:"));
    let with_measure = format!("{project}    measure: 营业收入\n");
    assert!(errors(&region(&with_measure)).is_empty());
}

#[test]
fn sources_have_short_ids_days_and_plain_file_names() {
    let dir = base_with(&region(""));
    std::fs::write(
        dir.path().join("sources.yaml"),
        "- id: s1\n  title: 报道\n  period: 2022年\n  date: 2022-13-01\n  file: ../x.txt\n  url: ftp://x\n",
    )
    .unwrap();
    let p = problems(dir.path());
    let fields: Vec<(usize, &str)> = p.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(p.len(), 3, "{fields:#?}");
    assert_eq!(p[0].line, 4);
    assert_eq!(p[1].line, 5);
    assert_eq!(p[2].line, 6);
}

#[cfg(unix)]
mod files {
    use super::*;

    fn region_path(dir: &Path) -> PathBuf {
        dir.join("regions/x.yaml")
    }

    #[test]
    fn a_link_out_of_the_fact_base_is_not_read() {
        let secret = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(secret.path(), "root:$6$secret-hash:19000:0:99999:7:::\n").unwrap();
        let dir = base_with("");
        std::fs::remove_file(region_path(dir.path())).unwrap();
        std::os::unix::fs::symlink(secret.path(), region_path(dir.path())).unwrap();
        let p = problems(dir.path());
        assert_eq!(p.len(), 1);
        assert!(
            p[0].message.contains("leads out of the fact base"),
            "{}",
            p[0]
        );
        assert!(!p[0].to_string().contains("secret-hash"));
    }

    #[test]
    fn a_fifo_or_device_is_refused_without_reading() {
        let dir = base_with("");
        let path = region_path(dir.path());
        std::fs::remove_file(&path).unwrap();
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo on a path in our own temp dir.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let p = problems(dir.path());
        assert_eq!(p.len(), 1);
        assert!(p[0].message.contains("not a regular file"), "{}", p[0]);
    }

    #[test]
    fn long_values_in_parse_errors_are_cut() {
        let long = "x".repeat(300);
        let dir = base_with(&format!(
            "id: x\nname: 某某区\nshort: 某某\nlevel: 区\nprovince: 湖南省\nfacts: \"{long}\"\n"
        ));
        let p = problems(dir.path());
        assert_eq!(p.len(), 1, "{p:#?}");
        assert!(p[0].message.len() < 200, "{}", p[0].message);
    }

    #[test]
    fn a_missing_directory_has_no_line_zero() {
        let p = problems(Path::new("/nonexistent/brief-data"));
        assert_eq!(p.len(), 1);
        assert!(!p[0].to_string().contains(":0:0"), "{}", p[0]);
    }
}
