//! Helpers the integration tests share.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The project directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Copies the bundled fact base to `dir/data`, for tests that change it; returns that path.
pub fn copy_data(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::copy(root().join("data/sources.yaml"), data.join("sources.yaml")).unwrap();
    for e in std::fs::read_dir(root().join("data/regions")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, data.join("regions").join(p.file_name().unwrap())).unwrap();
    }
    data
}

/// Fails if `dir` holds a temporary file (`*.tmp`) a run should have removed.
pub fn assert_no_temp_files(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "left behind in {}: {leftovers:?}",
        dir.display()
    );
}
