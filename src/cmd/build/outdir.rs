//! The output directory a build holds: its lock, and the temporary files a killed run left.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use crate::error::hinted;
use crate::output::is_brief_temp;

const LOCK: &str = ".brief-build.lock";

/// The build lock of `dir`, held while the returned file is open. Opened without following a
/// link and without truncating; in a shared directory whose lock file another user made, it is
/// opened for reading, which is enough to lock it.
pub(super) fn lock(dir: &Path) -> Result<std::fs::File> {
    let path = dir.join(LOCK);
    let open = |write: bool| {
        let mut o = std::fs::OpenOptions::new();
        o.read(true);
        if write {
            o.write(true).create(true).truncate(false);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        o.open(&path)
    };
    let file = match open(true) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => open(false),
        other => other,
    }
    .map_err(|e| {
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            hinted(
                format!("{} is a symbolic link", path.display()),
                "brief build locks a plain file of its own there; remove the link",
            )
        } else {
            hinted(
                format!("cannot open the build lock {}: {e}", path.display()),
                format!(
                    "brief build needs to read {} (or to create it in {})",
                    path.display(),
                    dir.display()
                ),
            )
        }
    })?;
    if !file.metadata()?.is_file() {
        return Err(hinted(
            format!("{} is not a regular file", path.display()),
            "remove it; brief build keeps a plain lock file there",
        ));
    }
    match fs4::fs_std::FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(file),
        _ => Err(hinted(
            format!("another brief build is writing to {}", dir.display()),
            format!("wait for it to finish (it holds {})", path.display()),
        )),
    }
}

/// brief's own temporary files that a killed run left behind (`.brief-XXXXXX.tmp`), over an
/// hour old: a single `brief -o out/x.pdf` running beside this build (it takes no lock) may own
/// a fresh one. Directories under those names (`.brief-XXXXXX.tmp`, `.brief-bundle-XXXXXX.tmp`:
/// typst's temporary roots) are made only by builds, under the lock this build holds, so
/// they are removed whatever their age. Nothing else is touched, and no link is followed.
pub(super) fn remove_stale_temp_files(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !is_brief_temp(&name) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(e.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if !old && !meta.is_dir() {
            continue;
        }
        if meta.is_dir() {
            let _ = std::fs::remove_dir_all(e.path());
        } else {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
