use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::Shelf;
use crate::facts::{load_unchecked, Diagnostic, Severity};

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn shelf(dir: &Path, vocab: &str, ids: &[&str]) -> Shelf {
    let ids: BTreeSet<&str> = ids.iter().copied().collect();
    Shelf::at(dir.to_path_buf(), vocab, &ids).expect("the test's executable is known")
}

#[test]
fn every_bundled_region_comes_back_as_it_was_parsed_with_its_problems() {
    let (base, _) = load_unchecked(&bundled());
    let base = base.unwrap();
    assert!(!base.regions.is_empty());
    let tmp = tempfile::tempdir().unwrap();
    let s = shelf(tmp.path(), "units: {}", &["a", "b"]);
    for (i, region) in base.regions.iter().enumerate() {
        // A problem of each severity, one with a hint and one without.
        let found = vec![
            Diagnostic {
                severity: Severity::Error,
                file: region.file.clone(),
                line: i + 3,
                column: 7,
                message: format!("`{}` is wrong", region.id),
                hint: Some("fix it".into()),
            },
            Diagnostic {
                severity: Severity::Warning,
                file: region.file.clone(),
                line: 1,
                column: 1,
                message: "odd".into(),
                hint: None,
            },
        ];
        s.put(&region.file, &region.digest, region, &found);
        let (back, back_found) = s.get(&region.file, &region.digest).expect("kept");
        assert_eq!(format!("{back:?}"), format!("{region:?}"));
        assert_eq!(back.facts, region.facts);
        assert_eq!(back_found, found);
    }
}

#[test]
fn an_entry_is_used_only_under_its_key_and_only_whole() {
    let (base, _) = load_unchecked(&bundled());
    let base = base.unwrap();
    let region = base.regions.iter().max_by_key(|r| r.facts.len()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let s = shelf(tmp.path(), "units: {}", &["a", "b"]);
    s.put(&region.file, &region.digest, region, &[]);
    assert!(s.get(&region.file, &region.digest).is_some());
    // Another text, another vocabulary, other sources, another file name: not used.
    assert!(s.get(&region.file, &"0".repeat(64)).is_none());
    let other_vocab = shelf(tmp.path(), "units: {x: [y]}", &["a", "b"]);
    assert!(other_vocab.get(&region.file, &region.digest).is_none());
    let other_sources = shelf(tmp.path(), "units: {}", &["a"]);
    assert!(other_sources.get(&region.file, &region.digest).is_none());
    let renamed = region.file.with_file_name("elsewhere.yaml");
    assert!(s.get(&renamed, &region.digest).is_none());
    // The same name in another directory is the same file to the checks.
    let moved = Path::new("/somewhere/else").join(region.file.file_name().unwrap());
    let (back, _) = s.get(&moved, &region.digest).unwrap();
    assert_eq!(back.file, moved);

    // Any byte changed or the entry cut short: not used.
    let entry = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| !p.to_string_lossy().ends_with(".tmp"))
        .unwrap();
    let good = std::fs::read(&entry).unwrap();
    for at in [0, super::MAGIC.len() + 3, good.len() / 2, good.len() - 1] {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        std::fs::write(&entry, &bad).unwrap();
        assert!(s.get(&region.file, &region.digest).is_none(), "byte {at}");
    }
    std::fs::write(&entry, &good[..good.len() - 1]).unwrap();
    assert!(s.get(&region.file, &region.digest).is_none());
    std::fs::write(&entry, &good).unwrap();
    assert!(s.get(&region.file, &region.digest).is_some());
}

#[test]
fn a_load_gives_the_same_fact_base_and_problems_from_kept_files() {
    // Warnings and errors of the checks of one file, and one of the graph.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::copy(bundled().join("sources.yaml"), data.join("sources.yaml")).unwrap();
    for e in std::fs::read_dir(bundled().join("regions")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, data.join("regions").join(p.file_name().unwrap())).unwrap();
    }
    let bad = "id: nowhere\nname: 某某区\nshort: 某某\nlevel: 区\nparent: missing\nfacts:\n  - kind: indicator\n    name: 地区生产总值\n    value: 5\n    year: 1066\n    source: nosuch\n";
    std::fs::write(data.join("regions/nowhere.yaml"), bad).unwrap();
    let first = load_unchecked(&data);
    let second = load_unchecked(&data);
    assert!(
        first.1.iter().any(|d| d.severity == Severity::Error),
        "{:#?}",
        first.1
    );
    assert_eq!(first.1, second.1);
    assert_eq!(format!("{:?}", first.0), format!("{:?}", second.0));
}
