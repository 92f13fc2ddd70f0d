//! brief installed anywhere: the binary alone, outside the checkout, with its fonts unpacked
//! into its cache; typst installed from a release archive (served here from 127.0.0.1) and
//! checked against its digest, or built with cargo where the archive cannot be had.

use std::io::{BufRead as _, Write as _};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use sha2::{Digest as _, Sha256};

use crate::harness::{copy_data, squeeze, DATE};
use crate::pdf;

/// The real typst 0.15.1 the suite runs.
fn real_typst() -> PathBuf {
    brief::typst::find(None, true).expect("typst 0.15.1").path
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// brief run from `dir` as a user who installed it would: no fonts named, a cache of its own,
/// no typst on PATH, no proxy between it and 127.0.0.1.
fn installed_brief(exe: &Path, dir: &Path, cache: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(exe);
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir)
        .env("BRIEF_CACHE_DIR", cache)
        .env("RUST_BACKTRACE", "1");
    cmd
}

#[test]
fn the_binary_alone_renders_outside_the_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let office = tmp.path().join("office");
    std::fs::create_dir(&office).unwrap();
    copy_data(&office);
    let exe = tmp.path().join("bin/brief");
    std::fs::create_dir(exe.parent().unwrap()).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_brief"), &exe).unwrap();
    let cache = tmp.path().join("cache");
    let render = || {
        installed_brief(&exe, &office, &cache)
            .env("BRIEF_TYPST", real_typst())
            .args(["-r", "芦溪", "-a", "investor", "--date", DATE])
            .output()
            .unwrap()
    };
    let out = render();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf_path = office.join("out/luxi-investor.pdf");
    let text = squeeze(&pdf::text(&pdf_path));
    assert!(text.contains("芦溪县投资环境简报"), "{text}");
    let fonts = pdf::fonts(&pdf_path);
    assert!(
        fonts.iter().any(|f| f.contains("NotoSerifCJKsc-Regular")),
        "{fonts:?}"
    );
    // The fonts came from the binary, into the cache.
    let dirs: Vec<PathBuf> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("fonts-")
        })
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    let font = dirs[0].join("NotoSerifCJKsc-Regular.otf");
    let original = std::fs::read(&font).unwrap();
    // A damaged cache is noticed and written again.
    std::fs::write(&font, &original[..1000]).unwrap();
    let again = render();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(std::fs::read(&font).unwrap(), original);
    // So is one of the same length, changed in place: its change time is not the one recorded.
    let mut changed = original.clone();
    changed[5000] ^= 0xff;
    std::fs::write(&font, &changed).unwrap();
    let third = render();
    assert!(
        third.status.success(),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );
    assert_eq!(std::fs::read(&font).unwrap(), original);
}

/// An HTTP server on 127.0.0.1 serving `files` (path → body), 404 for anything else; counts
/// the requests.
fn serve(files: Vec<(String, Vec<u8>)>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counted.fetch_add(1, Ordering::SeqCst);
            let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) <= 2 {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
            match files.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(body);
                }
                None => {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
            }
        }
    });
    (base, hits)
}

/// A release archive as typst lays it out, `typst-<target>/typst` (a script that runs the
/// real typst) beside its README, xz-compressed.
fn archive(target: &str) -> Vec<u8> {
    let script = format!("#!/bin/sh\nexec '{}' \"$@\"\n", real_typst().display());
    let mut tar = tar::Builder::new(Vec::new());
    for (name, body, mode) in [
        (
            format!("typst-{target}/README.md"),
            b"typst".to_vec(),
            0o644,
        ),
        (format!("typst-{target}/typst"), script.into_bytes(), 0o755),
    ] {
        let mut h = tar::Header::new_gnu();
        h.set_size(body.len() as u64);
        h.set_mode(mode);
        h.set_cksum();
        tar.append_data(&mut h, name, &body[..]).unwrap();
    }
    let tar = tar.into_inner().unwrap();
    let mut xz = Vec::new();
    lzma_rs::xz_compress(&mut &tar[..], &mut xz).unwrap();
    xz
}

/// A fresh office directory with the fact base, and brief set to install typst into a cache
/// of its own from `mirror`.
struct Fresh {
    tmp: tempfile::TempDir,
}

impl Fresh {
    fn new() -> Fresh {
        let tmp = tempfile::tempdir().unwrap();
        copy_data(tmp.path());
        Fresh { tmp }
    }

    fn cache(&self) -> PathBuf {
        self.tmp.path().join("cache")
    }

    fn typst(&self) -> PathBuf {
        self.cache().join("typst-0.15.1/bin/typst")
    }

    fn render(&self, mirror: &str) -> std::process::Command {
        let mut cmd = installed_brief(
            Path::new(env!("CARGO_BIN_EXE_brief")),
            self.tmp.path(),
            &self.cache(),
        );
        cmd.env("BRIEF_TYPST_MIRROR", mirror)
            .env("BRIEF_FONTS", crate::harness::root().join("fonts"))
            .args(["-r", "luxi", "-a", "investor", "--date", DATE]);
        cmd
    }
}

#[test]
fn typst_is_downloaded_checked_and_installed() {
    let Some(target) = brief::typst::download::target() else {
        return;
    };
    let name = brief::typst::download::archive_name(target);
    let xz = archive(target);
    let (base, hits) = serve(vec![(format!("/mirror/{name}"), xz.clone())]);
    let fresh = Fresh::new();
    // What an install killed with `kill -9` leaves: the binary half written, under the name
    // every brief writes. The next install removes it.
    let bin = fresh.typst().parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&bin).unwrap();
    let stale = bin.join(".brief-Ab12Cd.tmp");
    std::fs::write(&stale, vec![0u8; 1 << 20]).unwrap();
    let out = fresh
        .render(&format!("{base}/mirror/"))
        .env("BRIEF_TYPST_SHA256", hex(&Sha256::digest(&xz)))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!("downloading {base}/mirror/{name}")),
        "{err}"
    );
    assert!(!err.contains("cargo"), "{err}");
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    assert!(std::fs::read_to_string(fresh.typst())
        .unwrap()
        .contains("exec"));
    assert!(fresh.tmp.path().join("out/luxi-investor.pdf").is_file());
    assert!(!stale.exists());
}

#[test]
fn an_archive_that_is_not_the_pinned_one_is_refused() {
    let Some(target) = brief::typst::download::target() else {
        return;
    };
    let name = brief::typst::download::archive_name(target);
    let xz = archive(target);
    let got = hex(&Sha256::digest(&xz));
    let (base, _) = serve(vec![(format!("/{name}"), xz)]);
    let cases = [
        // The mirror holds another file than typst's release: the pin in brief's source.
        (
            None,
            brief::typst::download::PINS
                .iter()
                .find(|p| p.target == target)
                .unwrap()
                .sha256
                .to_string(),
        ),
        // The office pinned another archive than its mirror serves.
        (Some("ab".repeat(32)), "ab".repeat(32)),
    ];
    for (pin, want) in cases {
        let fresh = Fresh::new();
        let mut cmd = fresh.render(&base);
        if let Some(pin) = &pin {
            cmd.env("BRIEF_TYPST_SHA256", pin);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(&got) && err.contains(&want), "{err}");
        assert!(err.contains("nothing was installed"), "{err}");
        assert!(!fresh.typst().exists());
        let bin = fresh.cache().join("typst-0.15.1/bin");
        if bin.is_dir() {
            assert_eq!(std::fs::read_dir(&bin).unwrap().count(), 0);
        }
    }
}

/// A stand-in cargo in `dir`: installs typst as `cargo install --root` would (a script that
/// runs the real typst), and gives cargo's advice about PATH.
fn fake_cargo(dir: &Path) -> PathBuf {
    let cargo = dir.join("cargo");
    std::fs::write(
        &cargo,
        format!(
            r#"#!/bin/sh
root=
while [ $# -gt 0 ]; do [ "$1" = --root ] && root=$2; shift; done
mkdir -p "$root/bin"
printf '#!/bin/sh\nexec %s "$@"\n' '{}' > "$root/bin/typst"
chmod 755 "$root/bin/typst"
echo "   Installing typst-cli v0.15.1" >&2
echo "warning: be sure to add \`$root/bin\` to your PATH to be able to run the installed binaries" >&2
"#,
            real_typst().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&cargo, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    cargo
}

#[test]
fn without_the_archive_typst_is_built_with_cargo_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let cargo = fake_cargo(tmp.path());
    // A mirror without the file, and one that does not answer (a port nobody listens on).
    let (base, hits) = serve(Vec::new());
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    for (mirror, why) in [(base, "HTTP 404"), (closed, "Connection refused")] {
        let fresh = Fresh::new();
        let out = fresh.render(&mirror).env("CARGO", &cargo).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(err.contains(why), "{err}");
        assert!(err.contains("; building typst with cargo instead"), "{err}");
        // cargo's messages pass, but for its advice about PATH.
        assert!(err.contains("Installing typst-cli"), "{err}");
        assert!(!err.contains("PATH"), "{err}");
        assert!(fresh.typst().is_file());
        let pdf = std::fs::read(fresh.tmp.path().join("out/luxi-investor.pdf")).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[test]
fn an_archive_that_unpacks_to_gigabytes_is_refused_before_it_is_unpacked() {
    let Some(target) = brief::typst::download::target() else {
        return;
    };
    // 600 MiB of zeros, xz-compressed by the xz tool to 90 KB: its index says what it
    // unpacks to. The office pinned it, so only its size can refuse it.
    let bomb =
        std::fs::read(crate::harness::root().join("tests/fixtures/archives/zeros-600mib.xz"))
            .unwrap();
    let name = brief::typst::download::archive_name(target);
    let (base, _) = serve(vec![(format!("/{name}"), bomb.clone())]);
    let fresh = Fresh::new();
    let out = fresh
        .render(&base)
        .env("BRIEF_TYPST_SHA256", hex(&Sha256::digest(&bomb)))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("unpacks to 600 MiB, more than"), "{err}");
    assert!(!fresh.typst().exists());
}

/// Waits for `child` at most `limit` (a generous bound only a hang reaches); kills it and
/// fails past it.
fn wait_or_fail(
    mut child: std::process::Child,
    limit: std::time::Duration,
) -> std::process::Output {
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("brief still running after {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_fifo_at_the_install_lock_is_refused_not_waited_on() {
    if brief::typst::download::target().is_none() {
        return;
    }
    let fresh = Fresh::new();
    std::fs::create_dir_all(fresh.cache()).unwrap();
    let lock = fresh.cache().join("typst-0.15.1.lock");
    let made = std::process::Command::new("mkfifo")
        .arg(&lock)
        .status()
        .unwrap();
    assert!(made.success());
    let child = fresh
        .render("http://127.0.0.1:1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_or_fail(child, std::time::Duration::from_secs(120));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("typst-0.15.1.lock") && err.contains("hint:"),
        "{err}"
    );
}

#[test]
fn a_mirror_that_trickles_is_given_up() {
    let Some(target) = brief::typst::download::target() else {
        return;
    };
    // Headers at once, then a byte every second of a 17 MB body: each read returns within
    // the read timeout, so only a pace (64 KiB a minute) ends it.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = std::io::Read::read(&mut stream, &mut buf);
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 17000000\r\n\r\n");
                while stream.write_all(b"x").is_ok() {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                }
            });
        }
    });
    let fresh = Fresh::new();
    let child = fresh
        .render(&base)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_or_fail(child, std::time::Duration::from_secs(600));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&brief::typst::download::archive_name(target))
            && err.contains("in the last minute, less than 64 KiB"),
        "{err}"
    );
    assert!(!fresh.typst().exists());
}

#[test]
fn a_killed_briefs_half_written_font_is_removed_from_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    copy_data(tmp.path());
    let cache = tmp.path().join("cache");
    let render = || {
        installed_brief(Path::new(env!("CARGO_BIN_EXE_brief")), tmp.path(), &cache)
            .env("BRIEF_TYPST", real_typst())
            .args(["-r", "luxi", "-a", "investor", "--date", DATE])
            .output()
            .unwrap()
    };
    let out = render();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fonts = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.is_dir()
                && p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("fonts-")
        })
        .unwrap();
    // What a brief killed with `kill -9` while writing a font leaves: its temporary file, under
    // the name every brief writes. It used to stay for ever, megabytes each time.
    let stale = fonts.join(".brief-Ab12Cd.tmp");
    std::fs::write(&stale, vec![0u8; 1 << 20]).unwrap();
    let out = render();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stale.exists());
}

#[test]
fn a_pin_that_is_no_digest_is_quoted_cut_and_escaped() {
    if brief::typst::download::target().is_none() {
        return;
    }
    let fresh = Fresh::new();
    let pin = format!("\u{1b}]0;title\u{7}{}", "a".repeat(5000));
    let out = fresh
        .render("http://127.0.0.1:1")
        .env("BRIEF_TYPST_SHA256", &pin)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is not a SHA-256 digest"), "{err}");
    assert!(!err.contains('\u{1b}') && err.len() < 1000, "{err:?}");
}
