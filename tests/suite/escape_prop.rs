//! Property test of the escaper: any text made of characters the bundled fonts cover, escaped
//! for Typst markup, compiles with the real typst and reads back from the PDF unchanged.

use std::time::Duration;

use brief::render::escape_markup;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::harness::{root, squeeze};
use crate::pdf;

/// Printable ASCII (every Typst-special character among it), CJK text and punctuation.
fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => (0x20u8..0x7f).prop_map(char::from),
        2 => prop::sample::select("芦溪县萍乡市湘东区投资环境简报亿元万亩预计约近余超以上突破".chars().collect::<Vec<_>>()),
        1 => prop::sample::select("，。、；：？！“”‘’（）《》——…～·".chars().collect::<Vec<_>>()),
        1 => prop::sample::select(vec!['\n', '\u{2028}', '\u{2029}', '\u{85}']),
    ]
}

proptest! {
    // The regressions file stays beside this file (proptest's default would look for
    // tests/proptest-regressions/escape_prop.txt, since tests/suite has a main.rs).
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn escaped_text_round_trips_through_typst(texts in prop::collection::vec(prop::collection::vec(text_char(), 0..40), 1..25)) {
        let texts: Vec<String> = texts.into_iter().map(|t| t.into_iter().collect()).collect();
        let mut source = String::from("#set text(font: \"Noto Serif CJK SC\", lang: \"zh\", ligatures: false)\n#set page(width: 20cm, height: auto, margin: 1cm)\n");
        for t in &texts {
            source.push('§');
            source.push_str(&escape_markup(t));
            source.push_str("§\n\n");
        }
        let typst = brief::typst::find(None, false).expect("typst");
        let tmp = tempfile::tempdir().unwrap();
        let pdf = tmp.path().join("prop.pdf");
        let opts = brief::typst::CompileOptions {
            font_dir: root().join("fonts"),
            creation_timestamp: 0,
            timeout: Duration::from_secs(60),
            pdf_standards: Vec::new(),
            temp_dir: None,
        };
        let compiled = brief::typst::compile(&typst, &source, &opts);
        prop_assert!(compiled.is_ok(), "{:?}\n{}", compiled.err(), source);
        std::fs::write(&pdf, compiled.unwrap().pdf).unwrap();
        let got = squeeze(&pdf::text(&pdf));
        let want: String = texts.iter().map(|t| format!("§{}§", squeeze(t))).collect();
        prop_assert_eq!(got, want, "source:\n{}", &source);

        // And the text made no markup: no heading, list, emphasis, code, math, link or label.
        let root_dir = tempfile::tempdir().unwrap();
        let mut query = std::process::Command::new(&typst.path)
            .args(["query", "-", "selector(heading).or(strong).or(emph).or(math.equation).or(raw).or(link).or(list).or(enum).or(terms).or(ref).or(footnote)"])
            .arg("--root").arg(root_dir.path())
            .arg("--font-path").arg(root().join("fonts"))
            .arg("--ignore-system-fonts")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("typst query");
        std::io::Write::write_all(query.stdin.as_mut().unwrap(), source.as_bytes()).unwrap();
        let found = query.wait_with_output().unwrap();
        prop_assert!(found.status.success(), "{}", String::from_utf8_lossy(&found.stderr));
        let elements = String::from_utf8_lossy(&found.stdout).trim().to_string();
        prop_assert_eq!(elements.as_str(), "[]", "markup in:\n{}", &source);
    }
}
