//! End-to-end tests of the real binary, the real typst and the bundled fonts; PDFs are read
//! back with `pdf` (pdf-extract and lopdf).

use crate::harness::{data_copy, regions, root, squeeze, Brief, AUDIENCES, DATE};
use crate::pdf;

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
    Brief::new()
        .current_dir(tmp.path())
        .args(args)
        .run()
        .success();
    let pdf = tmp.path().join("out/luxi-investor.pdf");
    assert!(pdf.is_file(), "no PDF at out/luxi-investor.pdf");
    let text = squeeze(&pdf::text(&pdf));
    assert!(text.contains("芦溪县投资环境简报"), "{text}");
    assert!(text.contains("预计142亿元"), "GDP figure missing");
    assert!(text.contains("2026年11月22日"));
    assert!(text.contains("资料来源"));
    assert!(text.contains("袁水河畔春色新"), "source title missing");
    let fonts = pdf::fonts(&pdf);
    for face in ["NotoSerifCJKsc-Regular", "NotoSansCJKsc-Bold"] {
        assert!(
            fonts.iter().any(|f| f.contains(face)),
            "{face} not embedded: {fonts:?}"
        );
    }
    for font in &fonts {
        assert!(
            font.contains("NotoSerifCJKsc") || font.contains("NotoSansCJKsc"),
            "unexpected font: {font}"
        );
    }
    let n = pdf::pages(&pdf);
    assert!((2..=8).contains(&n), "{n} pages");
    let info = pdf::info(&pdf);
    assert_eq!(
        info.title.as_deref(),
        Some("芦溪县投资环境简报"),
        "{info:?}"
    );
    assert_eq!(info.author.as_deref(), Some("据公开报道整理"), "{info:?}");
    assert_eq!(
        info.keywords.as_deref(),
        Some("芦溪县, 投资环境简报, 芦溪"),
        "{info:?}"
    );
    assert_eq!(
        info.creation_date.as_deref(),
        Some("2026-11-22T00:00:00Z"),
        "{info:?}"
    );
    // The same in the XMP metadata.
    assert_eq!(
        pdf::xmp(&pdf),
        info,
        "XMP metadata and Info dictionary differ"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(9).any(|w| w == b"/Outlines"),
        "no PDF outline"
    );

    // Run again, now that out/ exists (typst then starts while brief reads the facts):
    // the same bytes, and nothing else left in out/.
    let first = std::fs::read(&pdf).unwrap();
    Brief::new()
        .current_dir(tmp.path())
        .args(args)
        .run()
        .success();
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
        for audience in AUDIENCES {
            let pdf = tmp.path().join(format!("{region}-{audience}.pdf"));
            let o = Brief::new()
                .args(["-r", region, "-a", audience, "--date", DATE, "-o"])
                .arg(&pdf)
                .run();
            assert!(o.ok(), "{region}/{audience}: {}", o.stderr());
            assert!(
                !o.stderr().contains("warning"),
                "typst warned: {}",
                o.stderr()
            );
            let text = squeeze(&pdf::text(&pdf));
            let name = if region == "luxi" {
                "芦溪县"
            } else {
                "萍乡市"
            };
            assert!(text.contains(name), "{region}/{audience}: no {name}");
            assert!(
                text.contains("摘要") && text.contains("资料来源"),
                "{region}/{audience}: no summary or source list"
            );
            let n = pdf::pages(&pdf);
            assert!((1..=8).contains(&n), "{region}/{audience}: {n} pages");
        }
    }
}

#[test]
fn a_chart_compares_the_parts_of_one_whole() {
    // 莲花县's forest-chief system: five kinds of post, one unit, one year.
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("lianhua-policy.pdf");
    Brief::new()
        .args(["-r", "lianhua", "-a", "policy", "--date", DATE, "-o"])
        .arg(&pdf)
        .run()
        .success();
    let text = squeeze(&pdf::text(&pdf));
    assert!(text.contains("图1"), "no chart: {text}");
    assert!(text.contains("林长制队伍（名，2023年）"), "caption: {text}");
    for label in ["乡级林长", "村级林长", "基层监管员"] {
        assert!(text.contains(label), "no bar for {label}");
    }
}

#[test]
fn emit_typ_to_stdout() {
    let o = Brief::new()
        .args([
            "-r", "luxi", "-a", "policy", "--emit", "typ", "-o", "-", "--date", DATE,
        ])
        .run();
    o.success();
    let src = o.stdout();
    assert!(src.contains("#set text(font: serif"));
    assert!(src.contains("芦溪县发展政策简报"));
    assert!(src.contains("#src(\"luxi-2022\")"), "{src}");
}

#[test]
fn check_passes_on_the_bundled_data() {
    let o = Brief::new().arg("check").run();
    o.success();
    let want = format!("ok: {} regions,", regions().len());
    assert!(
        o.stdout().starts_with(&want),
        "brief check should print {want:?}, one for each file in data/regions; it printed: {:?}",
        o.stdout()
    );
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
        xd.replacen("source: xiangdong-2022", "source: 999_missing.txt", 1),
    )
    .unwrap();
    std::fs::write(
        regions.join("anyuan.yaml"),
        "id: anyuan\nname: \"安源区\nshort: 安源\n",
    )
    .unwrap();

    let o = Brief::new().current_dir(tmp.path()).arg("check").run();
    o.failure(1);
    let err = o.stderr();
    let luxi_line = luxi.lines().position(|l| l == "    unit: 亿元").unwrap() + 1;
    assert!(
        err.contains(&format!(
            "data/regions/luxi.yaml:{luxi_line}:5: facts[0]: unknown field `unti`"
        )),
        "{err}"
    );
    let xd_line = xd
        .lines()
        .position(|l| l.contains("source: xiangdong-2022"))
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
    assert!(
        err.contains("error: the fact base data has 3 problems"),
        "{err}"
    );

    // A briefing is never rendered from a fact base that check rejects.
    let o = Brief::new()
        .current_dir(tmp.path())
        .args(["-r", "luxi", "-a", "investor", "--emit", "typ", "-o", "-"])
        .run();
    o.failure(1);
    assert!(
        o.stderr()
            .starts_with("error: the fact base data has 3 problems"),
        "{}",
        o.stderr()
    );
}

#[test]
fn regions_lists_every_region() {
    let o = Brief::new().arg("regions").run();
    o.success();
    let out = o.stdout();
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
    let o = Brief::new().args(["regions", "--format", "json"]).run();
    o.success();
    let list: serde_json::Value = serde_json::from_slice(o.stdout_bytes()).expect("JSON");
    let list = list.as_array().unwrap();
    let mut ids: Vec<&str> = list.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, regions(), "one entry for each file in data/regions");
    let luxi = list.iter().find(|r| r["id"] == "luxi").unwrap();
    assert_eq!(luxi["name"], "芦溪县");
    assert_eq!(luxi["parent"], "pingxiang");
    assert!(luxi["facts"].as_u64().unwrap() > 50);
}

#[test]
fn region_lookup() {
    let typ = |q: &str| {
        Brief::new()
            .args([
                "-r", q, "-a", "investor", "--emit", "typ", "-o", "-", "--date", DATE,
            ])
            .run()
    };
    // Exact beats prefix: 萍乡 is the city, not 萍乡经开区.
    let o = typ("萍乡");
    o.success();
    assert!(o.stdout().contains("萍乡市投资环境简报"));
    for q in ["luxi", "芦溪县", "芦溪", "经开区", "武功"] {
        assert!(typ(q).ok(), "{q}");
    }
    let o = typ("l");
    o.failure(1);
    let err = o.stderr();
    assert!(
        err.contains("ambiguous") && err.contains("luxi") && err.contains("lianhua"),
        "{err}"
    );
    let o = typ("北京");
    o.failure(1);
    let err = o.stderr();
    assert!(err.starts_with("error: unknown region \"北京\""), "{err}");
    assert!(err.contains("hint: run `brief regions`"), "{err}");
    let o = typ("芦西县");
    assert!(o.stderr().contains("closest: 芦溪"), "{}", o.stderr());
}

#[test]
fn unknown_audience_is_a_usage_error() {
    let o = Brief::new().args(["-r", "luxi", "-a", "tourists"]).run();
    o.failure(2);
    assert!(
        o.stderr()
            .starts_with("error: unknown audience `tourists` (known: investor, tourism, policy)"),
        "{}",
        o.stderr()
    );
    assert!(o.stderr().contains("hint: run `brief audiences`"));
    // Not an id at all: clap refuses it.
    let o = Brief::new().args(["-r", "luxi", "-a", "Tour ists"]).run();
    o.failure(2);
    assert!(o.stderr().contains("not an audience id"), "{}", o.stderr());
}

#[test]
fn output_paths_that_cannot_be_written() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope/x.pdf");
    let o = Brief::new()
        .args(["-r", "luxi", "-a", "investor", "-o"])
        .arg(&missing)
        .run();
    o.failure(1);
    assert!(o.stderr().contains("does not exist"), "{}", o.stderr());
    let o = Brief::new()
        .args(["-r", "luxi", "-a", "investor", "-o"])
        .arg(tmp.path())
        .run();
    assert!(o.stderr().contains("is a directory"), "{}", o.stderr());
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
            "  - kind: reform\n    name: {}\n    value: 1\n    unit: 项\n    year: 2022\n    source: luxi-2022\n",
            serde_json::to_string(h).unwrap()
        ));
    }
    std::fs::write(data.join("regions/demo.yaml"), yaml).unwrap();
    let pdf = tmp.path().join("demo.pdf");
    Brief::new()
        .current_dir(tmp.path())
        .args(["-r", "demo", "-a", "policy", "--date", DATE, "-o"])
        .arg(&pdf)
        .arg("--fonts")
        .arg(root().join("fonts"))
        .run()
        .success();
    let text = squeeze(&pdf::text(&pdf));
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
    let o = Brief::new().current_dir(tmp.path()).arg("check").run();
    o.failure(1);
    let err = o.stderr();
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
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("t.pdf");
    let tourism = || {
        Brief::new()
            .args(["-r", "luxi", "-a", "tourism", "-o"])
            .arg(&pdf)
    };
    let o = tourism().env("SOURCE_DATE_EPOCH", "1795305600").run();
    o.success();
    assert!(
        squeeze(&pdf::text(&pdf)).contains("2026年11月22日"),
        "date missing"
    );
    assert_eq!(
        pdf::info(&pdf).creation_date.as_deref(),
        Some("2026-11-22T00:00:00Z")
    );
    // A date that is not one is a usage error, as a bad flag is.
    let o = tourism().env("SOURCE_DATE_EPOCH", "yesterday").run();
    o.failure(2);
    assert!(
        o.stderr()
            .contains("SOURCE_DATE_EPOCH=\"yesterday\" is not a number of seconds"),
        "{}",
        o.stderr()
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
    // A city with none of its own figures is said by its parts (one with its own pages is
    // not: its parts' sentences would only repeat their briefings).
    let city = tmp.path().join("data/regions/pingxiang.yaml");
    let text = std::fs::read_to_string(&city).unwrap();
    let head = &text[..text.find("\nfacts:").expect("pingxiang has facts")];
    std::fs::write(&city, format!("{head}\nfacts: []\n")).unwrap();
    Brief::new()
        .current_dir(tmp.path())
        .arg("check")
        .run()
        .success();
    let o = Brief::new()
        .current_dir(tmp.path())
        .args([
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
        ])
        .run();
    o.success();
    // The part is said with the figures it has; the one without a figure invents none and
    // leaves no column of dashes.
    let src = o.stdout();
    let row = src
        .split(['\n', '。'])
        .find(|l| l.contains("湘东区") && l.contains("签约资金"))
        .unwrap_or_else(|| panic!("no sentence or row for 湘东区 with its signed capital:\n{src}"));
    assert!(!row.contains("新签约项目"), "{row}");
    assert!(!row.contains('—'), "a dash for the missing figure: {row}");
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
    let o = Brief::new()
        .current_dir(tmp.path())
        .args(["-r", "luxi", "-a", "investor", "--emit", "typ", "-o", "-"])
        .run();
    let err = o.stderr();
    let lines: Vec<&str> = err.lines().collect();
    let problems: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains("unknown unit"))
        .collect();
    assert_eq!(problems.len(), 2, "{err}");
    for i in problems {
        assert!(
            lines[i + 1].starts_with("  hint: ") && lines[i + 1].contains("vocabulary.yaml"),
            "{err}"
        );
    }
    assert!(
        lines.last().unwrap().starts_with("hint: run `brief check`"),
        "{err}"
    );
}

#[test]
fn a_city_with_its_own_pages_does_not_repeat_two_parts_briefings() {
    // 萍乡 has pages of its own; only two of its parts (芦溪, 湘东) have headline figures,
    // too few for a table: their sentences would repeat their own briefings.
    let o = Brief::new()
        .args([
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
        ])
        .run();
    o.success();
    let src = o.stdout();
    assert!(!src.contains("所辖区县主要数据"), "{src}");
    assert!(!src.contains("芦溪县新签约项目"), "{src}");
}
