//! A single render's source kept in brief's cache: used only when nothing it was made from
//! changed, never in place of an error of the fact base.

use std::path::Path;

use crate::harness::{data_copy, Brief, DATE};

/// `--emit typ` of 芦溪's investor briefing from `data`, with `cache` as brief's cache.
fn typ(data: &Path, cache: &Path) -> crate::harness::Run {
    Brief::new()
        .args(["-r", "芦溪", "-a", "investor", "--emit", "typ", "-o", "-"])
        .args(["--date", DATE, "--data"])
        .arg(data)
        .env("BRIEF_CACHE_DIR", cache)
        .run()
}

/// The one entry under `cache/renders`.
fn entry(cache: &Path) -> std::path::PathBuf {
    let entries: Vec<_> = std::fs::read_dir(cache.join("renders"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries[0].clone()
}

#[test]
fn a_kept_source_is_the_source_and_an_error_anywhere_is_still_found() {
    let tmp = data_copy();
    let data = tmp.path().join("data");
    let cache = tmp.path().join("cache");
    let first = typ(&data, &cache);
    first.success();
    let source = first.stdout();
    let kept = std::fs::read_to_string(entry(&cache)).unwrap();
    assert!(kept.ends_with(&source), "the entry holds the source");

    // Kept: the same bytes, also after the entry's file was rewritten with a source that
    // does not match its own checksum (it is not used, the briefing is rendered again).
    assert_eq!(typ(&data, &cache).success().stdout(), source);
    let forged = kept.replace("芦溪县投资环境简报", "某县投资环境简报");
    assert_ne!(forged, kept);
    std::fs::write(entry(&cache), forged).unwrap();
    assert_eq!(typ(&data, &cache).success().stdout(), source);

    // A broken file of another region: the render fails, located, as `brief check` finds it.
    let other = data.join("regions/anyuan.yaml");
    let good = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, format!("{good}\nnot yaml: [\n")).unwrap();
    let broken = typ(&data, &cache);
    broken.failure(1);
    assert!(
        broken.stderr().contains("anyuan.yaml:"),
        "{}",
        broken.stderr()
    );

    // Mended: the source again. A figure changed in 芦溪's own file changes the source.
    std::fs::write(&other, &good).unwrap();
    assert_eq!(typ(&data, &cache).success().stdout(), source);
    let own = data.join("regions/luxi.yaml");
    let text = std::fs::read_to_string(&own).unwrap();
    let changed = text.replacen("value: 142", "value: 143", 1);
    assert_ne!(changed, text, "luxi.yaml has a figure of 142");
    std::fs::write(&own, changed).unwrap();
    let after = typ(&data, &cache).success().stdout();
    assert_ne!(after, source);
    assert!(after.contains("143"));
}

#[test]
fn a_region_file_that_is_a_link_is_never_kept() {
    let tmp = data_copy();
    let data = tmp.path().join("data");
    let cache = tmp.path().join("cache");
    let file = data.join("regions/anyuan.yaml");
    let moved = tmp.path().join("anyuan.yaml");
    std::fs::rename(&file, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &file).unwrap();
    // A link out of the fact base is an error of the load; nothing is kept.
    typ(&data, &cache).failure(1);
    assert!(!cache.join("renders").exists());
}
