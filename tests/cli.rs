//! End-to-end tests of the real binary, the real typst and the bundled fonts; PDFs are read
//! back with poppler's pdftotext and pdffonts.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{copy_data, root, stderr, stdout};

const DATE: &str = "2026-11-22";

fn brief(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(dir)
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run brief")
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed to read PDFs back ({e}); install poppler-utils (.ci/run does)")
    });
    assert!(out.status.success(), "{tool} failed: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_text(pdf: &Path) -> String {
    poppler("pdftotext", &[pdf.to_str().unwrap(), "-"])
}

/// Text without the line breaks and the spaces pdftotext puts between CJK and Latin.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{2060}')
        .collect()
}

fn pages(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("page count")
}

/// A copy of the bundled data in a temp dir, for tests that break it.
fn data_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_data(tmp.path());
    tmp
}

#[test]
fn readme_command_writes_the_luxi_investor_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    // The README's command, run where a user would run it: data and fonts come from the project.
    let data = root().join("data");
    let fonts = root().join("fonts");
    let args = [
        "--region",
        "芦溪",
        "--audience",
        "investor",
        "--date",
        DATE,
        "--data",
        data.to_str().unwrap(),
        "--fonts",
        fonts.to_str().unwrap(),
    ];
    let o = brief(tmp.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = tmp.path().join("out/luxi-investor.pdf");
    assert!(pdf.is_file(), "no PDF at out/luxi-investor.pdf");
    let text = squeeze(&pdf_text(&pdf));
    assert!(text.contains("芦溪县投资环境简报"), "{text}");
    assert!(text.contains("预计142亿元"), "GDP figure missing");
    assert!(text.contains("2026年11月22日"));
    assert!(text.contains("资料来源"));
    assert!(text.contains("袁水河畔春色新"), "source title missing");
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    for face in ["NotoSerifCJKsc-Regular", "NotoSansCJKsc-Bold"] {
        assert!(fonts.contains(face), "{face} not embedded:\n{fonts}");
    }
    for line in fonts.lines().skip(2) {
        assert!(
            line.contains("NotoSerifCJKsc") || line.contains("NotoSansCJKsc"),
            "unexpected font: {line}"
        );
    }
    let n = pages(&pdf);
    assert!((2..=8).contains(&n), "{n} pages");
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    for field in [
        "Title:           芦溪县投资环境简报",
        "Author:          据公开报道整理",
        "Keywords:        芦溪县, 投资环境简报, 芦溪",
        "CreationDate:    Sun Nov 22 00:00:00 2026 UTC",
    ] {
        assert!(info.contains(field), "{field} missing from:\n{info}");
    }
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(9).any(|w| w == b"/Outlines"),
        "no PDF outline"
    );

    // Run again, now that out/ exists (typst then starts while brief reads the facts):
    // the same bytes, and nothing else left in out/.
    let first = std::fs::read(&pdf).unwrap();
    let o = brief(tmp.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read(&pdf).unwrap() == first,
        "a second run gave other bytes"
    );
    let names: Vec<String> = std::fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["luxi-investor.pdf".to_string()]);
}

#[test]
fn every_audience_of_a_county_and_the_city_compiles() {
    let tmp = tempfile::tempdir().unwrap();
    for region in ["luxi", "pingxiang"] {
        for audience in ["investor", "tourism", "policy"] {
            let pdf = tmp.path().join(format!("{region}-{audience}.pdf"));
            let o = brief(
                &root(),
                &[
                    "-r",
                    region,
                    "-a",
                    audience,
                    "--date",
                    DATE,
                    "-o",
                    pdf.to_str().unwrap(),
                ],
            );
            assert!(o.status.success(), "{region}/{audience}: {}", stderr(&o));
            assert!(
                !stderr(&o).contains("warning"),
                "typst warned: {}",
                stderr(&o)
            );
            let text = squeeze(&pdf_text(&pdf));
            let name = if region == "luxi" {
                "芦溪县"
            } else {
                "萍乡市"
            };
            assert!(text.contains(name));
            assert!(text.contains("摘要") && text.contains("资料来源"));
            assert!(text.contains("图1"), "{region}/{audience} has no chart");
            assert!((1..=8).contains(&pages(&pdf)));
        }
    }
}

#[test]
fn emit_typ_to_stdout() {
    let o = brief(
        &root(),
        &[
            "-r", "luxi", "-a", "policy", "--emit", "typ", "-o", "-", "--date", DATE,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let src = stdout(&o);
    assert!(src.contains("#set text(font: serif"));
    assert!(src.contains("芦溪县发展政策简报"));
    assert!(src.contains("#src(\"000_28e65a739679cad6.txt\")"));
}

#[test]
fn check_passes_on_the_bundled_data() {
    let o = brief(&root(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ok: 8 regions"), "{}", stdout(&o));
}

#[test]
fn check_reports_every_problem_with_its_location() {
    let tmp = data_copy();
    let regions = tmp.path().join("data/regions");
    // A misspelt key in one file, an unknown source in another, a syntax error in a third.
    let luxi = std::fs::read_to_string(regions.join("luxi.yaml")).unwrap();
    std::fs::write(
        regions.join("luxi.yaml"),
        luxi.replacen("    unit: 亿元\n", "    unti: 亿元\n", 1),
    )
    .unwrap();
    let xd = std::fs::read_to_string(regions.join("xiangdong.yaml")).unwrap();
    std::fs::write(
        regions.join("xiangdong.yaml"),
        xd.replacen(
            "source: 002_8675b8980da424a4.txt",
            "source: 999_missing.txt",
            1,
        ),
    )
    .unwrap();
    std::fs::write(
        regions.join("anyuan.yaml"),
        "id: anyuan\nname: \"安源区\nshort: 安源\n",
    )
    .unwrap();

    let o = brief(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let luxi_line = luxi.lines().position(|l| l == "    unit: 亿元").unwrap() + 1;
    assert!(
        err.contains(&format!(
            "data/regions/luxi.yaml:{luxi_line}:5: facts[0]: unknown field `unti`"
        )),
        "{err}"
    );
    let xd_line = xd
        .lines()
        .position(|l| l.contains("source: 002_8675b8980da424a4.txt"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "data/regions/xiangdong.yaml:{xd_line}:13: unknown source `999_missing.txt`"
        )),
        "{err}"
    );
    assert!(err.contains("data/regions/anyuan.yaml:4:1: found unexpected end of stream at line 4 column 1, while scanning a quoted scalar at line 2 column 7"), "{err}");
    assert!(
        err.contains("hint: a quote or bracket is probably not closed"),
        "{err}"
    );
    assert!(err.contains("error: 3 problems"), "{err}");

    // A briefing is never rendered from a fact base that check rejects.
    let o = brief(
        tmp.path(),
        &["-r", "luxi", "-a", "investor", "--emit", "typ", "-o", "-"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: the fact base has 3 problems"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn regions_lists_every_region() {
    let o = brief(&root(), &["regions"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for name in [
        "萍乡市",
        "芦溪县",
        "湘东区",
        "上栗县",
        "莲花县",
        "安源区",
        "萍乡经济技术开发区",
        "萍乡武功山风景名胜区",
    ] {
        assert!(out.contains(name), "{name} missing from:\n{out}");
    }
    let o = brief(&root(), &["regions", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let luxi = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "luxi")
        .unwrap();
    assert_eq!(luxi["name"], "芦溪县");
    assert_eq!(luxi["parent"], "pingxiang");
    assert!(luxi["facts"].as_u64().unwrap() > 50);
}

#[test]
fn region_lookup() {
    let typ = |q: &str| {
        brief(
            &root(),
            &[
                "-r", q, "-a", "investor", "--emit", "typ", "-o", "-", "--date", DATE,
            ],
        )
    };
    // Exact beats prefix: 萍乡 is the city, not 萍乡经开区.
    let o = typ("萍乡");
    assert!(o.status.success());
    assert!(stdout(&o).contains("萍乡市投资环境简报"));
    for q in ["luxi", "芦溪县", "芦溪", "经开区", "武功"] {
        assert!(typ(q).status.success(), "{q}");
    }
    let o = typ("l");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("ambiguous") && err.contains("luxi") && err.contains("lianhua"),
        "{err}"
    );
    let o = typ("北京");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("error: unknown region \"北京\""), "{err}");
    assert!(err.contains("hint: run `brief regions`"), "{err}");
    let o = typ("芦西县");
    assert!(stderr(&o).contains("closest: 芦溪"), "{}", stderr(&o));
}

#[test]
fn unknown_audience_is_a_usage_error() {
    let o = brief(&root(), &["-r", "luxi", "-a", "tourists"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'tourists'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn output_paths_that_cannot_be_written() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope/x.pdf");
    let o = brief(
        &root(),
        &[
            "-r",
            "luxi",
            "-a",
            "investor",
            "-o",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    let o = brief(
        &root(),
        &[
            "-r",
            "luxi",
            "-a",
            "investor",
            "-o",
            tmp.path().to_str().unwrap(),
        ],
    );
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "something was left behind"
    );
}

/// A fact base whose strings are full of Typst syntax: the PDF shows them literally.
#[test]
fn typst_syntax_in_facts_prints_literally() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::copy(root().join("data/sources.yaml"), data.join("sources.yaml")).unwrap();
    let hostile = [
        r#"#read("/etc/passwd")"#,
        "*粗体* _斜体_ $x$",
        "<label> @ref ]",
        r"// 注释 /* 块 */ \ 反斜杠",
        "= 标题",
        "- 列表",
        "+ 编号",
        "{花括号} `代码` ~",
    ];
    let mut yaml =
        String::from("id: demo\nname: 示例县\nshort: 示例\nlevel: 县\nprovince: 江西省\nfacts:\n");
    for h in hostile {
        yaml.push_str(&format!(
            "  - kind: reform\n    name: {}\n    value: 1\n    unit: 项\n    year: 2022\n    source: 000_28e65a739679cad6.txt\n",
            serde_json::to_string(h).unwrap()
        ));
    }
    std::fs::write(data.join("regions/demo.yaml"), yaml).unwrap();
    let pdf = tmp.path().join("demo.pdf");
    let o = brief(
        tmp.path(),
        &[
            "-r",
            "demo",
            "-a",
            "policy",
            "--date",
            DATE,
            "-o",
            pdf.to_str().unwrap(),
            "--fonts",
            root().join("fonts").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = squeeze(&pdf_text(&pdf));
    for h in hostile {
        assert!(
            text.contains(&squeeze(h)),
            "{h:?} not printed literally in:\n{text}"
        );
    }
    assert!(!text.contains("root:"), "a file was read");
}

#[test]
fn check_reports_problems_across_regions() {
    let tmp = data_copy();
    let regions = tmp.path().join("data/regions");
    // A parent that does not exist, a cycle, and a short name used twice.
    let edit = |file: &str, from: &str, to: &str| {
        let path = regions.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("anyuan.yaml", "parent: pingxiang", "parent: nowhere");
    edit("lianhua.yaml", "parent: pingxiang", "parent: shangli");
    edit("shangli.yaml", "parent: pingxiang", "parent: lianhua");
    edit("jingkai.yaml", "short: 萍乡经开区", "short: 芦溪");
    let o = brief(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("data/regions/anyuan.yaml:5:9: parent `nowhere` is not a region"),
        "{err}"
    );
    assert!(
        err.contains(
            "data/regions/lianhua.yaml:5:9: parent chain loops: lianhua → shangli → lianhua"
        ),
        "{err}"
    );
    assert!(
        err.contains("short `芦溪` is already the short of"),
        "{err}"
    );
}

#[test]
fn source_date_epoch_fixes_the_date() {
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(root())
        .args(["-r", "luxi", "-a", "tourism", "--emit", "typ", "-o", "-"])
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let src = stdout(&o);
    assert!(src.contains("2026年11月22日"), "date missing");
    assert!(src.contains("datetime(year: 2026, month: 11, day: 22)"));
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(root())
        .args(["-r", "luxi", "-a", "tourism", "--emit", "typ", "-o", "-"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("SOURCE_DATE_EPOCH=\"yesterday\" is not a number of seconds"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_keyed_fact_without_a_figure_leaves_a_dash_in_the_city_table() {
    let tmp = data_copy();
    let path = tmp.path().join("data/regions/xiangdong.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find("    key: signed_projects\n")
        .expect("xiangdong has signed_projects");
    let end = start + text[start..].find("    source:").unwrap();
    let fact: String = text[start..end]
        .lines()
        .filter(|l| !l.trim_start().starts_with("value:") && !l.trim_start().starts_with("unit:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, format!("{}{}{}", &text[..start], fact, &text[end..])).unwrap();
    assert!(brief(tmp.path(), &["check"]).status.success());
    let o = brief(
        tmp.path(),
        &[
            "-r",
            "pingxiang",
            "-a",
            "investor",
            "--emit",
            "typ",
            "-o",
            "-",
            "--date",
            DATE,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("[湘东区], [区], [—], [—]"),
        "the row shows no figure"
    );
}

#[test]
fn each_hint_stays_with_its_problem() {
    let tmp = data_copy();
    let path = tmp.path().join("data/regions/luxi.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("    unit: 亿元\n", "    unit: 斤\n", 2),
    )
    .unwrap();
    let o = brief(
        tmp.path(),
        &["-r", "luxi", "-a", "investor", "--emit", "typ", "-o", "-"],
    );
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    let problems: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains("unknown unit"))
        .collect();
    assert_eq!(problems.len(), 2, "{err}");
    for i in problems {
        assert!(lines[i + 1].starts_with("  hint: known units:"), "{err}");
    }
    assert!(
        lines.last().unwrap().starts_with("hint: run `brief check`"),
        "{err}"
    );
}
