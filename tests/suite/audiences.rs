//! Audiences are data: a fourth reader is an entry of `audiences.yaml` and a template in a
//! templates directory, and nothing else.

use crate::harness::{copy_data, root, squeeze, Brief, DATE};
use crate::pdf;

/// A templates directory with the shipped audiences plus `talent` (人才引进简报): its own
/// sections in its own order, its own 摘要 leads, a copy of the investor template.
fn talent_templates(dir: &std::path::Path) -> std::path::PathBuf {
    let t = dir.join("templates");
    std::fs::create_dir_all(&t).unwrap();
    let shipped = std::fs::read_to_string(root().join("templates/audiences.yaml")).unwrap();
    let talent = "
- id: talent
  title: 人才引进简报
  reads: [innovation, platform, livelihood]
  digest: [indicator]
  sections:
    - {heading: 创新平台与人才载体, kinds: [innovation, platform]}
    - {heading: 宜居宜业, kinds: [livelihood]}
    - {heading: 经济基础, kinds: [indicator]}
    - {heading: 其他, kinds: [industry, project, reform, fund, transport, cooperation, scenic, tourism, festival, agriculture, ecology, governance, honour]}
  summary:
    - {keys: [little_giants, high_tech_enterprises], kinds: [innovation, platform], measures: [count]}
  headline: [gdp]
";
    std::fs::write(t.join("audiences.yaml"), format!("{shipped}{talent}")).unwrap();
    // Its own layout: the shared one with a line of its own under the masthead.
    let layout = std::fs::read_to_string(root().join("templates/briefing.typ.j2")).unwrap();
    let layout = layout.replace("= 摘要", "本简报供人才工作部门参阅。\n\n= 摘要");
    assert!(layout.contains("供人才工作部门参阅"));
    std::fs::write(t.join("talent.typ.j2"), layout).unwrap();
    t
}

#[test]
fn a_fourth_reader_is_an_entry_and_a_template() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = talent_templates(tmp.path());
    let listed = Brief::new()
        .args(["audiences", "--templates"])
        .arg(&templates)
        .run();
    listed.success();
    assert!(
        listed.stdout().contains("talent") && listed.stdout().contains("人才引进简报"),
        "{}",
        listed.stdout()
    );
    let pdf_path = tmp.path().join("luxi-talent.pdf");
    Brief::new()
        .args(["-r", "芦溪", "-a", "talent", "--date", DATE, "--templates"])
        .arg(&templates)
        .arg("-o")
        .arg(&pdf_path)
        .run()
        .success();
    let text = squeeze(&pdf::text(&pdf_path));
    assert!(text.starts_with("芦溪县人才引进简报"), "{text}");
    assert!(
        text.contains("本简报供人才工作部门参阅"),
        "its own template: {text}"
    );
    // Its sections, in its order; nothing of the kinds it does not read.
    let first = text.find("创新平台与人才载体").expect("its first section");
    let second = text.find("宜居宜业").expect("its second section");
    assert!(first < second, "{text}");
    assert!(!text.contains("A级旅游景区"), "{text}");
    assert!(
        !text.contains("老鹰谷") && !text.contains("袁水源红色文化园"),
        "a scenic area in a briefing whose reader reads none: {text}"
    );
    assert!(
        !text.contains("其他"),
        "a section of kinds it does not read: {text}"
    );
    // The same PDF as a build selects it by id, and the catalogue names it.
    let out = tmp.path().join("out");
    Brief::new()
        .args([
            "build",
            "-r",
            "luxi",
            "-a",
            "talent",
            "--date",
            DATE,
            "--templates",
        ])
        .arg(&templates)
        .arg("--out")
        .arg(&out)
        .run()
        .success();
    assert!(out.join("luxi-talent.pdf").is_file());
    let catalogue = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(catalogue.contains("人才引进简报"), "{catalogue}");
    // Without the templates directory the audience does not exist.
    let o = Brief::new().args(["-r", "luxi", "-a", "talent"]).run();
    o.failure(2);
    assert!(
        o.stderr().contains("unknown audience `talent`"),
        "{}",
        o.stderr()
    );
}

#[test]
fn facts_may_name_only_defined_audiences() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let luxi = data.join("regions/luxi.yaml");
    let text = std::fs::read_to_string(&luxi).unwrap();
    let text = text.replacen(
        "    source: luxi-2022\n",
        "    source: luxi-2022\n    audiences: [investor, talent]\n",
        1,
    );
    std::fs::write(&luxi, text).unwrap();
    let o = Brief::new().arg("check").arg("--data").arg(&data).run();
    o.failure(1);
    let err = o.stderr();
    assert!(
        err.contains("regions/luxi.yaml:") && err.contains("unknown audience `talent`"),
        "{err}"
    );
    // With a templates directory that defines it, the same fact base checks.
    let templates = talent_templates(tmp.path());
    Brief::new()
        .arg("check")
        .arg("--data")
        .arg(&data)
        .arg("--templates")
        .arg(&templates)
        .run()
        .success();
    // A render refuses it too, rather than printing the fact nowhere.
    let o = Brief::new()
        .args([
            "-r", "luxi", "-a", "investor", "--emit", "typ", "-o", "-", "--data",
        ])
        .arg(&data)
        .run();
    o.failure(1);
    assert!(
        o.stderr().contains("unknown audience `talent`"),
        "{}",
        o.stderr()
    );
}

#[test]
fn a_broken_audiences_file_is_located() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path().join("templates");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("audiences.yaml"),
        "- id: investor\n  title: 投资环境简报\n  reads: [indicator, nonsense]\n  sections: []\n",
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
        .arg(&t)
        .run();
    o.failure(1);
    let err = o.stderr();
    assert!(err.contains("audiences.yaml:3:"), "{err}");
    assert!(err.contains("nonsense"), "{err}");
}
