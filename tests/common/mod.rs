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
