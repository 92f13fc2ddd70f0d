//! An office's own briefing: `brief init` makes a directory that checks, verifies and renders;
//! office.yaml puts the issuer, the series and its 期号, the 版记 and the page numbers on the
//! PDF (read back), its errors are located, and changing it rebuilds; the catalogue is grouped
//! province › city › county (read from the HTML).

use std::path::Path;

use crate::harness::{copy_data, root, squeeze, Brief, DATE};
use crate::pdf;

/// An office.yaml with every field given.
const OFFICE: &str = "\
issuer: 萍乡市投资促进局
series: 投资促进简报
issue: 12
contact: 联系人：王敏　电话：0799-6831234
colophon:
  report: [市委办公室, 市政府办公室]
  send: [市发展改革委, 市商务局]
  distribute: [各县（区）投资促进部门]
";

#[test]
fn init_makes_a_directory_that_checks_verifies_and_renders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("office");
    let o = Brief::new().arg("init").arg(&dir).run();
    o.success();
    assert!(o.stdout().contains("brief check"), "{}", o.stdout());
    for file in [
        "README.md",
        "data/office.yaml",
        "data/sources.yaml",
        "data/vocabulary.yaml",
        "data/regions/shili.yaml",
        "articles/shili-2025.txt",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    Brief::new()
        .arg("check")
        .arg("--data")
        .arg(dir.join("data"))
        .run()
        .success();
    // Run inside it, as an office would: the defaults find data/ and articles/.
    let o = Brief::new().current_dir(&dir).arg("check").run();
    o.success();
    assert!(o.stdout().contains("ok: 1 region"), "{}", o.stdout());
    Brief::new().current_dir(&dir).arg("verify").run().success();
    // The example is issued at the shipped threshold.
    Brief::new()
        .issued_only()
        .current_dir(&dir)
        .args(["-r", "示例", "-a", "investor", "--date", DATE])
        .run()
        .success();
    let text = squeeze(&pdf::text(&dir.join("out/shili-investor.pdf")));
    for want in [
        "示例县投资环境简报",
        "江西省示例县",
        "地区生产总值312.6亿元",
        "—1—",
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }
    // A second init there refuses, and changes nothing.
    let before = std::fs::read(dir.join("data/office.yaml")).unwrap();
    let o = Brief::new().arg("init").arg(&dir).run();
    o.failure(1);
    assert!(o.stderr().contains("is not empty"), "{}", o.stderr());
    assert!(o.stderr().contains("hint: "), "{}", o.stderr());
    assert_eq!(std::fs::read(dir.join("data/office.yaml")).unwrap(), before);
}

/// Renders luxi's investor briefing with `office` as office.yaml; the PDF's path.
fn render_with(dir: &Path, office: &str) -> std::path::PathBuf {
    let data = copy_data(dir);
    std::fs::write(data.join("office.yaml"), office).unwrap();
    let pdf = dir.join("luxi.pdf");
    Brief::new()
        .arg("--data")
        .arg(&data)
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
        .arg(&pdf)
        .run()
        .success();
    pdf
}

#[test]
fn the_office_is_on_the_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = render_with(tmp.path(), OFFICE);
    let pages = pdf::page_texts(&pdf);
    let first = squeeze(&pages[0]);
    for want in [
        "投资促进简报",
        "第12期",
        "萍乡市投资促进局编印",
        "芦溪县投资环境简报",
        "江西省萍乡市芦溪县",
    ] {
        assert!(first.contains(want), "{want} not on page 1: {first}");
    }
    assert!(!first.contains("据公开报道整理"), "{first}");
    // The 版记 ends the last page, after the sources: 报, 送, 发, then the 印发 line.
    let last = squeeze(pages.last().unwrap());
    let at = |s: &str| {
        last.find(s)
            .unwrap_or_else(|| panic!("{s} not on the last page: {last}"))
    };
    let order = [
        at("资料来源"),
        at("联系人：王敏电话：0799-6831234"),
        at("报：市委办公室，市政府办公室。"),
        at("送：市发展改革委，市商务局。"),
        at("发：各县（区）投资促进部门。"),
        at("萍乡市投资促进局2026年11月22日印发"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}: {last}");
    // Pages numbered as GB/T 9704: — 1 —, — 2 —.
    for (i, page) in pages.iter().enumerate() {
        let mark = format!("—{}—", i + 1);
        assert!(
            squeeze(page).contains(&mark),
            "{mark} not on page {}",
            i + 1
        );
        assert!(!squeeze(page).contains("第1页"), "{page}");
    }
    assert_eq!(pdf::info(&pdf).author.as_deref(), Some("萍乡市投资促进局"));
}

#[test]
fn the_house_style_is_the_offices_choice() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = render_with(tmp.path(), "page_numbers: total\n");
    let pages = pdf::page_texts(&pdf);
    let n = pages.len();
    assert!(
        squeeze(&pages[0]).contains(&format!("第1页/共{n}页")),
        "{}",
        pages[0]
    );
    assert!(!squeeze(&pages[0]).contains("—1—"), "{}", pages[0]);
    assert!(
        squeeze(&pages[0]).contains("据公开报道整理"),
        "{}",
        pages[0]
    );
    // Grouping and the space between Chinese and digits, in the source typst is given.
    let source = |data: &Path| {
        let o = Brief::new()
            .arg("--data")
            .arg(data)
            .args(["-r", "pingxiang", "-a", "policy", "--date", DATE])
            .args(["--emit", "typ", "-o", "-"])
            .run();
        o.success();
        o.stdout()
    };
    let data = tmp.path().join("data");
    std::fs::write(data.join("office.yaml"), "# nothing set\n").unwrap();
    let plain = source(&data);
    assert!(plain.contains("22862"), "22862 not as written");
    assert!(plain.contains("cjk-latin-spacing: none"));
    std::fs::write(
        data.join("office.yaml"),
        "grouping: thousands\ncjk_latin_space: true\n",
    )
    .unwrap();
    let grouped = source(&data);
    assert!(grouped.contains("22,862"), "22,862 not grouped");
    assert!(!grouped.contains("22862"));
    assert!(!grouped.contains("cjk-latin-spacing"));
}

#[test]
fn office_yaml_errors_are_located() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let check = |text: &str| {
        std::fs::write(data.join("office.yaml"), text).unwrap();
        let o = Brief::new().arg("check").arg("--data").arg(&data).run();
        o.failure(1);
        o.stderr()
    };
    let e = check("issuer: 萍乡市投资促进局\nseries: 投资促进简报\nisuse: 12\n");
    assert!(e.contains("office.yaml:3:1: unknown field `isuse`"), "{e}");
    assert!(e.contains("hint: "), "{e}");
    let e = check("colophon:\n  report:\n    - 市委办公室\n    - \"市政府 办公室\"\n");
    assert!(e.contains("office.yaml:4:7: "), "{e}");
    assert!(e.contains("a space between Chinese characters"), "{e}");
    let e = check("page_numbers: roman\n");
    assert!(e.contains("office.yaml:1:15: "), "{e}");
    assert!(
        e.contains("unknown variant `roman`, expected `gb` or `total`"),
        "{e}"
    );
    let e = check("issue: 0\n");
    assert!(e.contains("office.yaml:1:8: the 期号 0"), "{e}");
    // A broken office.yaml stops a render too, located.
    let o = Brief::new()
        .arg("--data")
        .arg(&data)
        .args(["-r", "luxi", "-a", "investor", "--emit", "typ", "-o", "-"])
        .run();
    o.failure(1);
    assert!(o.stderr().contains("office.yaml:1:8"), "{}", o.stderr());
}

/// Builds `regions` for investors into `out`.
fn build(data: &Path, out: &Path, regions: &[&str]) -> String {
    let mut b = Brief::new()
        .arg("build")
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .args(["-a", "investor", "--date", DATE, "-j", "2"]);
    for r in regions {
        b = b.args(["-r", r]);
    }
    let o = b.run();
    o.success();
    o.stdout() + &o.stderr()
}

#[test]
fn changing_office_yaml_rebuilds() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let out = tmp.path().join("out");
    build(&data, &out, &["luxi"]);
    let said = build(&data, &out, &["luxi"]);
    assert!(said.contains("up to date"), "{said}");
    std::fs::write(data.join("office.yaml"), "issuer: 萍乡市投资促进局\n").unwrap();
    let said = build(&data, &out, &["luxi"]);
    assert!(said.contains("built 1"), "{said}");
    let text = squeeze(&pdf::text(&out.join("luxi-investor.pdf")));
    assert!(text.contains("萍乡市投资促进局编印"), "{text}");
}

#[test]
fn the_catalogue_is_grouped_province_city_county() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    // A city of another province and its district, beside Pingxiang's.
    let other = root().join("tests/fixtures/other-province");
    for r in ["shishi", "shili"] {
        let file = format!("regions/{r}.yaml");
        std::fs::copy(other.join(&file), data.join(&file)).unwrap();
    }
    let sources = std::fs::read_to_string(other.join("sources.yaml")).unwrap();
    let mut all = std::fs::read_to_string(data.join("sources.yaml")).unwrap();
    all.push_str(&sources);
    std::fs::write(data.join("sources.yaml"), all).unwrap();
    let out = tmp.path().join("out");
    // anyuan has nothing for investors: it is not built, nor listed.
    let regions = [
        "shili",
        "luxi",
        "shishi",
        "anyuan",
        "jingkai",
        "xiangdong",
        "pingxiang",
    ];
    build(&data, &out, &regions);
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let order: Vec<&str> = html
        .split("data-region=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(
        order,
        [
            "pingxiang",
            "xiangdong",
            "luxi",
            "jingkai",
            "shishi",
            "shili"
        ],
        "{html}"
    );
    let h2: Vec<&str> = html
        .split("<h2>")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap()])
        .collect();
    assert_eq!(h2, ["江西省", "湖南省"]);
    assert!(!html.contains("anyuan"), "{html}");
    // What a reader sees: the briefing's kind in Chinese and the date in Chinese; the code,
    // the file name and the hash only in attributes and the details line.
    let mut visible = html.clone();
    while let Some(start) = visible.find("<details>") {
        let end = visible[start..].find("</details>").unwrap() + start;
        visible.replace_range(start..end + "</details>".len(), "");
    }
    let face: String = visible
        .split('<')
        .filter_map(|s| s.split_once('>').map(|(_, text)| text))
        .collect();
    assert!(face.contains("投资环境简报"), "{face}");
    assert!(face.contains("2026年11月22日"), "{face}");
    assert!(!face.contains("2026-11-22"), "{face}");
    assert!(!face.contains("investor"), "{face}");
    assert!(html.contains("data-audience=\"investor\""), "{html}");
    assert!(html.contains("<details>"), "{html}");
}
