//! Template unit goldens: a small fact fixture and one template per case, under
//! tests/cases/<case>/ (facts.yaml, template.typ.j2), rendered through the same environment
//! as the briefings (escaping, filters, macros) and compared with tests/suite/snapshots/.

use std::path::{Path, PathBuf};

use brief::facts::{Audience, FactBase, Region, Source, Vocabulary};
use brief::render::{self, BriefContext, BriefDate};

fn fixture_base(dir: &Path) -> FactBase {
    let text = std::fs::read_to_string(dir.join("facts.yaml")).expect("facts.yaml");
    let mut region: Region = serde_yaml::from_str(&text).expect("a region fixture");
    region.file = dir.join("facts.yaml");
    FactBase {
        dir: dir.to_path_buf(),
        vocab: Vocabulary::builtin(),
        office: brief::facts::Office::default(),
        phrases: brief::facts::Phrases::builtin(),
        sources: vec![Source {
            id: "fixture.txt".into(),
            title: "测试资料".into(),
            outlet: None,
            date: None,
            period: "2022年".into(),
            url: None,
            file: None,
        }],
        regions: vec![region],
        digest: String::new(),
    }
}

pub fn render_case(dir: &Path) -> String {
    let base = fixture_base(dir);
    let template = std::fs::read_to_string(dir.join("template.typ.j2")).expect("template.typ.j2");
    let mut env = render::environment(None).expect("environment");
    env.env
        .add_template_owned("case.typ.j2", template)
        .expect("template parses");
    let date = BriefDate {
        year: 2026,
        month: 11,
        day: 22,
    };
    let investor: Audience = "investor".parse().unwrap();
    let reader = env.reader(investor).expect("the investor audience");
    let ctx = BriefContext::new(&base, &base.regions[0], reader, date);
    env.env
        .get_template("case.typ.j2")
        .and_then(|t| t.render(&ctx))
        .map_err(render::template_error)
        .expect("case renders")
}

#[test]
fn template_cases() {
    insta::glob!("../cases", "*/facts.yaml", |path: &Path| {
        let dir: PathBuf = path.parent().unwrap().to_path_buf();
        let name = dir.file_name().unwrap().to_str().unwrap().to_string();
        insta::with_settings!({
            snapshot_suffix => name,
            omit_expression => true,
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!("case", render_case(&dir));
        });
    });
}

#[test]
fn chinese_dates() {
    let d = |y, m, day| {
        BriefDate {
            year: y,
            month: m,
            day,
        }
        .chinese()
    };
    assert_eq!(d(2026, 11, 22), "2026年11月22日");
    assert_eq!(d(2027, 1, 5), "2027年1月5日");
    let dated = brief::date::Dated::parse_iso("2026-02-03", true).unwrap();
    assert_eq!(dated.date.chinese(), "2026年2月3日");
    assert_eq!(dated.timestamp, 1_770_076_800);
    assert!(brief::date::Dated::parse_iso("2026-13-01", true).is_err());
}
