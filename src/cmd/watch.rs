//! `brief watch -r REGION -a AUDIENCE`: renders one briefing, then again whenever a file it is
//! made from changes — the fact base (office.yaml with it), the `--templates` and `--fonts`
//! directories when given. Files are polled (names, sizes and modification times) every
//! [`POLL`]; a change seen while a render runs brings another once it ends.
//!
//! A render that fails (a data error, located as `brief check` locates it; a typst error)
//! prints its error and leaves the last good PDF in place: a briefing is written whole or not
//! at all. Ctrl-C ends the watch between polls, or stops the render under way, as it stops any
//! command of brief's.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::Result;

use crate::config::Render;
use crate::error::{hinted, report, usage, Interrupted};
use crate::output::is_brief_temp;
use crate::{say, signals};

/// How often the files are looked at.
pub const POLL: Duration = Duration::from_millis(100);

/// How deep below a watched directory files are looked at.
const DEPTH: usize = 8;

/// What is known of one file: its path, size and modification time.
type Seen = (PathBuf, u64, Option<SystemTime>);

pub fn run(settings: &Render) -> Result<()> {
    if settings.output.as_deref() == Some(Path::new("-")) {
        return Err(usage(hinted(
            "brief watch writes a file again and again, not standard output",
            "leave out -o, or name a file with -o PATH",
        )));
    }
    let mut roots = vec![settings.data.clone()];
    roots.extend(settings.tools.templates.clone());
    roots.extend(settings.tools.font_override().map(Path::to_path_buf));
    let output = settings.output.clone();
    let mut seen = snapshot(&roots, output.as_deref());
    if seen.len() >= MAX_FILES {
        say!(
            "brief: warning: only the first {MAX_FILES} files below the watched directories are watched"
        );
    }
    say!(
        "brief: watching {} ({} files); Ctrl-C ends",
        roots
            .iter()
            .map(|r| r.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        seen.len()
    );
    render(settings)?;
    loop {
        std::thread::sleep(POLL);
        if signals::interrupted() {
            return Err(Interrupted.into());
        }
        let now = snapshot(&roots, output.as_deref());
        if now != seen {
            seen = now;
            render(settings)?;
        }
    }
}

/// One render; its failure is printed, and only an interruption ends the watch.
fn render(settings: &Render) -> Result<()> {
    match super::render::run(settings) {
        Ok(()) => Ok(()),
        Err(e) if signals::interrupted() || e.is::<Interrupted>() => Err(e),
        Err(e) => {
            let text = report(&e);
            if !text.is_empty() {
                say!("{text}");
            }
            say!("brief: the last good briefing is kept; watching for the next change");
            Ok(())
        }
    }
}

/// The most files one look takes in: a fact base holds some hundreds. Beyond, the rest is not
/// watched (and a warning says so once).
const MAX_FILES: usize = 20_000;

/// The files below `roots` (a link to a file followed, a link to a directory not: links
/// that lead back up would make the walk endless), sorted, without brief's own temporary
/// files and the briefing being written; at most [`MAX_FILES`].
fn snapshot(roots: &[PathBuf], output: Option<&Path>) -> Vec<Seen> {
    let mut files = Vec::new();
    for root in roots {
        walk(root, 0, output, &mut files);
    }
    files.sort();
    files
}

fn walk(path: &Path, depth: usize, output: Option<&Path>, out: &mut Vec<Seen>) {
    if out.len() >= MAX_FILES {
        return;
    }
    let Ok(meta) = std::fs::metadata(path) else {
        // Gone (an editor replacing a file): seen as missing.
        out.push((path.to_path_buf(), u64::MAX, None));
        return;
    };
    // A watched root may itself be a link; below it, a link to a directory is not entered.
    let linked = depth > 0 && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
    if meta.is_dir() {
        if depth > DEPTH || linked {
            return;
        }
        let Ok(rd) = std::fs::read_dir(path) else {
            return;
        };
        for entry in rd.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if is_brief_temp(&name) || name.contains(".failed-") {
                continue;
            }
            walk(&entry.path(), depth + 1, output, out);
        }
    } else if output != Some(path) && !is_output(path) {
        out.push((path.to_path_buf(), meta.len(), meta.modified().ok()));
    }
}

/// Whether a file is of a kind brief writes (a briefing, its Typst source with `--emit typ`,
/// a thumbnail), not one it reads: with `--data .` the default `out/` lies inside the fact
/// base, and a briefing seen as a change would be rendered again without end.
fn is_output(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["pdf", "png", "typ"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_of_size_or_time_is_seen_and_temp_files_are_not() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        std::fs::create_dir(root.join("regions")).unwrap();
        std::fs::write(root.join("regions/a.yaml"), "id: a\n").unwrap();
        let before = snapshot(std::slice::from_ref(&root), None);
        assert_eq!(before.len(), 1);
        std::fs::write(root.join(".brief-abc123.tmp"), "x").unwrap();
        assert_eq!(snapshot(std::slice::from_ref(&root), None), before);
        std::fs::write(root.join("regions/a.yaml"), "id: ab\n").unwrap();
        assert_ne!(snapshot(std::slice::from_ref(&root), None), before);
        let out = root.join("a.pdf");
        std::fs::write(&out, "pdf").unwrap();
        let with_out = snapshot(std::slice::from_ref(&root), Some(&out));
        assert_eq!(with_out.len(), 1);
        std::fs::write(root.join("report.txt"), "x").unwrap();
        assert_eq!(snapshot(std::slice::from_ref(&root), Some(&out)).len(), 2);
        std::fs::rename(root.join("report.txt"), root.join("report")).unwrap();
        let renamed = snapshot(std::slice::from_ref(&root), Some(&out));
        assert_eq!(renamed.len(), 2);
        assert!(renamed.iter().any(|(p, _, _)| p.ends_with("report")));
        // A briefing's Typst source (`--emit typ`) is output, never a change.
        std::fs::write(root.join("a.typ"), "typ").unwrap();
        assert_eq!(snapshot(std::slice::from_ref(&root), Some(&out)), renamed);
    }
}
