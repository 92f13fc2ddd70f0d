//! Region files kept in brief's cache as parsed and checked: after an edit, the briefing is
//! made from the file as it now is, and an error anywhere is found as before.

use std::path::{Path, PathBuf};

use crate::harness::{data_copy, Brief, DATE};
use crate::pdf;

/// 芦溪's investor briefing from `data` as a PDF at `out`, with `cache` as brief's cache.
fn render(data: &Path, cache: &Path, out: &Path) -> crate::harness::Run {
    Brief::new()
        .args(["-r", "芦溪", "-a", "investor", "--date", DATE, "--data"])
        .arg(data)
        .arg("-o")
        .arg(out)
        .env("BRIEF_CACHE_DIR", cache)
        .env(
            "BRIEF_TYPST",
            brief::typst::find(None, true).expect("typst").path,
        )
        .run()
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(cache.join("facts"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn an_edited_region_file_is_read_again_and_a_kept_one_hides_no_error() {
    let tmp = data_copy();
    let data = tmp.path().join("data");
    let cache = tmp.path().join("cache");
    std::fs::create_dir(&cache).unwrap();
    // No kept sources: every render loads the fact base.
    std::fs::write(cache.join("renders"), "").unwrap();
    let pdf = tmp.path().join("luxi.pdf");
    let files = std::fs::read_dir(data.join("regions")).unwrap().count();

    render(&data, &cache, &pdf).success();
    let first = pdf::text(&pdf);
    assert_eq!(entries(&cache).len(), files, "each region file is kept");
    assert!(first.contains("142"), "{first}");
    assert!(!first.contains("147.3"), "{first}");

    // The same files: the same briefing, from the kept regions.
    render(&data, &cache, &pdf).success();
    assert_eq!(pdf::text(&pdf), first);

    // 芦溪's GDP edited: the PDF prints the figure as it now is.
    let own = data.join("regions/luxi.yaml");
    let text = std::fs::read_to_string(&own).unwrap();
    let edited = text.replacen("value: 142\n", "value: 147.3\n", 1);
    assert_ne!(edited, text);
    std::fs::write(&own, &edited).unwrap();
    render(&data, &cache, &pdf).success();
    let after = pdf::text(&pdf);
    assert!(after.contains("147.3"), "{after}");

    // Back as it was: the first briefing again.
    std::fs::write(&own, &text).unwrap();
    render(&data, &cache, &pdf).success();
    assert_eq!(pdf::text(&pdf), first);

    // An error in another region's file (one its own checks find, which is kept with the file):
    // refused, located, on this render and the next.
    let other = data.join("regions/anyuan.yaml");
    let good = std::fs::read_to_string(&other).unwrap();
    let bad = format!("{good}  - kind: indicator\n    name: 地区生产总值\n    value: 5\n    year: 1066\n    source: nosuch\n");
    std::fs::write(&other, &bad).unwrap();
    for _ in 0..2 {
        let refused = render(&data, &cache, &pdf);
        refused.failure(1);
        assert!(
            refused.stderr().contains("anyuan.yaml:") && refused.stderr().contains("nosuch"),
            "{}",
            refused.stderr()
        );
    }
    std::fs::write(&other, &good).unwrap();

    // Entries that do not check out are not used: the briefing as from scratch.
    for e in entries(&cache) {
        let mut bytes = std::fs::read(&e).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&e, bytes).unwrap();
    }
    render(&data, &cache, &pdf).success();
    assert_eq!(pdf::text(&pdf), first);
}
