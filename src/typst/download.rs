//! Installing typst from its official prebuilt archive: a download of about 17 MB instead of
//! a build of typst-cli (ten minutes and more on two cores).
//!
//! The archive for the platform, `typst-<target>.tar.xz`, is fetched from the release
//! ([`OFFICIAL`]) or from `BRIEF_TYPST_MIRROR` (an office's mirror holding the same file
//! names), and its SHA-256 is checked before anything is unpacked: against [`PINS`], the
//! digests of the release's assets written here, or against `BRIEF_TYPST_SHA256` where an
//! office pins the archive of its own mirror. A digest that does not match is an error naming
//! both, and nothing is installed. The binary `typst-<target>/typst` of the archive is
//! unpacked beside its place, asked its version, and renamed into place.
//!
//! Where the archive cannot be had — no network, the mirror does not answer or has no such
//! file, a platform without a pinned digest — [`Outcome::Unavailable`] says why, and typst is
//! built with cargo instead.

use std::io::Read as _;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, Result};
use sha2::{Digest as _, Sha256};

use super::bundled::hex;
use super::TYPST_VERSION;
use crate::error::{hinted, usage};

/// Where typst's release keeps its archives.
pub const OFFICIAL: &str = "https://github.com/typst/typst/releases/download/v0.15.1";

/// A release archive brief knows: its target, the SHA-256 of the `.tar.xz` and its size.
#[derive(Debug, Clone, Copy)]
pub struct Pin {
    pub target: &'static str,
    pub sha256: &'static str,
    pub size: u64,
}

/// The archives of typst 0.15.1's release, with the digests GitHub shows for its assets (the
/// release publishes no checksum file). Windows is not here: brief runs typst on Unix only.
pub const PINS: &[Pin] = &[
    Pin {
        target: "x86_64-unknown-linux-musl",
        sha256: "a6d077d0a95eed5a2eba715b2dae06be954f624ccbf85758a03f389ded33118c",
        size: 17_462_992,
    },
    Pin {
        target: "aarch64-unknown-linux-musl",
        sha256: "5aa8d74a3d906e60ea12a66ac2f37f8eef1b14cbad7182a745e393a10c23dcee",
        size: 16_216_812,
    },
    Pin {
        target: "x86_64-apple-darwin",
        sha256: "7f9fdd9584866245de9a79e0add8f9236fae6f40a8a45e2c4771ccc14db4e0fa",
        size: 15_635_600,
    },
    Pin {
        target: "aarch64-apple-darwin",
        sha256: "48f62ed034aa3a7978309579ac6ca00045e2ef0da73114e8af27cfd8e74dc05a",
        size: 14_438_168,
    },
];

/// The largest archive brief downloads when the office pins its own (no size is known).
const MAX_ARCHIVE: u64 = 256 << 20;
/// The largest typst binary brief unpacks.
const MAX_BINARY: u64 = 512 << 20;
/// The most an archive may unpack to: the binary and a little beside it (typst's own is
/// about 45 MB). A larger one (an archive of zeros unpacks a thousandfold) is refused
/// before it fills the memory.
const MAX_TAR: u64 = MAX_BINARY + (64 << 20);

/// What the xz index at the end of `archive` says it unpacks to (the sum of its blocks'
/// sizes); `None` where the archive has no readable index (the unpacker then refuses it).
/// lzma-rs unpacks each block whole in memory, so the size is asked before anything is
/// unpacked: an archive of zeros, a few hundred KB, would otherwise take gigabytes.
fn unpacked_size(archive: &[u8]) -> Option<u64> {
    let footer = archive.get(archive.len().checked_sub(12)?..)?;
    if &footer[10..12] != b"YZ" {
        return None;
    }
    let backward = (u32::from_le_bytes(footer[4..8].try_into().ok()?) as usize + 1) * 4;
    let start = archive.len().checked_sub(12 + backward)?;
    let mut index = archive.get(start..archive.len() - 12)?.iter().copied();
    let mut number = || -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..63).step_by(7) {
            let b = index.next()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    };
    if number()? != 0 {
        return None; // the index indicator is a zero byte
    }
    let mut total = 0u64;
    for _ in 0..number()? {
        let _unpadded = number()?;
        total = total.saturating_add(number()?);
    }
    Some(total)
}

/// The release's name for this platform, if typst publishes an archive for it.
pub fn target() -> Option<&'static str> {
    match (std::env::consts::ARCH, std::env::consts::OS) {
        ("x86_64", "linux") => Some("x86_64-unknown-linux-musl"),
        ("aarch64", "linux") => Some("aarch64-unknown-linux-musl"),
        ("x86_64", "macos") => Some("x86_64-apple-darwin"),
        ("aarch64", "macos") => Some("aarch64-apple-darwin"),
        _ => None,
    }
}

/// `typst-<target>.tar.xz`.
pub fn archive_name(target: &str) -> String {
    format!("typst-{target}.tar.xz")
}

/// What became of the download.
#[derive(Debug)]
pub enum Outcome {
    Installed,
    /// The archive could not be had: why (typst is then built with cargo).
    Unavailable(String),
}

/// The digest the archive must have, and its size if known: `BRIEF_TYPST_SHA256`, else the
/// pin of `target`.
fn expected(target: &str) -> Result<Option<(String, Option<u64>)>> {
    if let Some(given) = std::env::var_os("BRIEF_TYPST_SHA256") {
        let given = given.to_string_lossy().trim().to_ascii_lowercase();
        if given.len() != 64 || !given.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(usage(hinted(
                format!(
                    "BRIEF_TYPST_SHA256 `{}` is not a SHA-256 digest",
                    crate::facts::shown(&given)
                ),
                "give the 64 hex digits `sha256sum` prints for the mirror's archive",
            )));
        }
        return Ok(Some((given, None)));
    }
    Ok(PINS
        .iter()
        .find(|p| p.target == target)
        .map(|p| (p.sha256.to_string(), Some(p.size))))
}

/// Downloads, checks and installs typst into `root/bin`.
pub fn install(root: &Path) -> Result<Outcome> {
    let Some(target) = target() else {
        return Ok(Outcome::Unavailable(format!(
            "typst publishes no prebuilt archive for {}-{}",
            std::env::consts::ARCH,
            std::env::consts::OS
        )));
    };
    let Some((want, size)) = expected(target)? else {
        return Ok(Outcome::Unavailable(format!(
            "brief knows no digest of typst's archive for {target}"
        )));
    };
    let base = std::env::var("BRIEF_TYPST_MIRROR").unwrap_or_else(|_| OFFICIAL.to_string());
    let url = format!("{}/{}", base.trim_end_matches('/'), archive_name(target));
    crate::say!("brief: typst {TYPST_VERSION} not found; downloading {url}");
    let archive = match fetch(&url, size.unwrap_or(MAX_ARCHIVE)) {
        Ok(bytes) => bytes,
        Err(why) => return Ok(Outcome::Unavailable(why)),
    };
    let got = hex(&Sha256::digest(&archive));
    if got != want {
        return Err(hinted(
            format!(
                "the typst archive {url} has SHA-256 {got}, but brief expects {want}; nothing was installed"
            ),
            "a mirror must hold typst's own archive; an office that mirrors another build pins its digest in BRIEF_TYPST_SHA256",
        ));
    }
    let binary = unpack(&archive, &format!("typst-{target}/typst"))
        .with_context(|| format!("cannot unpack {url}"))?;
    place(root, &binary)?;
    crate::say!(
        "brief: installed typst {TYPST_VERSION} into {}",
        root.display()
    );
    Ok(Outcome::Installed)
}

/// The body of `url`, at most `limit` bytes; why not, where it cannot be had.
fn fetch(url: &str, limit: u64) -> std::result::Result<Vec<u8>, String> {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout_read(Duration::from_secs(60))
        .try_proxy_from_env(true)
        .user_agent(concat!("brief/", env!("CARGO_PKG_VERSION")))
        .build();
    let response = match agent.get(url).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(code, _)) => return Err(format!("{url} answered HTTP {code}")),
        // ureq's message names the URL.
        Err(e) if e.to_string().contains(url) => return Err(format!("cannot download {e}")),
        Err(e) => return Err(format!("cannot download {url}: {e}")),
    };
    let mut body = Vec::new();
    let mut reader = response.into_reader().take(limit + 1);
    let mut buf = vec![0u8; 64 * 1024];
    // Each read may wait a minute; a mirror that trickles a byte now and then would hold brief
    // for ever, so the download must also keep a pace: at least MIN_PACE bytes a minute.
    let (mut since, mut at_mark) = (std::time::Instant::now(), 0usize);
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| format!("cannot download {url}: {e}"))?;
        if n == 0 {
            return Ok(body);
        }
        body.extend_from_slice(&buf[..n]);
        if since.elapsed() >= PACE_WINDOW {
            if body.len() - at_mark < MIN_PACE {
                return Err(format!(
                    "cannot download {url}: it sent {} bytes in the last minute, less than {} KiB",
                    body.len() - at_mark,
                    MIN_PACE >> 10
                ));
            }
            (since, at_mark) = (std::time::Instant::now(), body.len());
        }
    }
}

/// The least a download must bring in each [`PACE_WINDOW`]: 64 KiB a minute, far below any
/// working line (the archive is 17 MB).
const MIN_PACE: usize = 64 << 10;
const PACE_WINDOW: Duration = Duration::from_secs(60);

/// The file `member` of a `.tar.xz` archive.
fn unpack(archive: &[u8], member: &str) -> Result<Vec<u8>> {
    unpack_within(archive, member, MAX_TAR)
}

fn unpack_within(archive: &[u8], member: &str, limit: u64) -> Result<Vec<u8>> {
    match unpacked_size(archive) {
        None => anyhow::bail!("not an xz archive: it has no index"),
        Some(size) if size > limit => anyhow::bail!(
            "it unpacks to {} MiB, more than the {} MiB a typst archive can need",
            size >> 20,
            limit >> 20
        ),
        Some(_) => {}
    }
    let mut tar = Vec::new();
    lzma_rs::xz_decompress(&mut std::io::BufReader::new(archive), &mut tar)
        .map_err(|e| anyhow::anyhow!("not an xz archive: {e}"))?;
    let mut entries = tar::Archive::new(&tar[..]);
    for entry in entries.entries().context("not a tar archive")? {
        let entry = entry.context("a damaged tar archive")?;
        if entry.header().entry_type().is_file()
            && entry.path().is_ok_and(|p| p == Path::new(member))
        {
            let mut bytes = Vec::new();
            entry.take(MAX_BINARY + 1).read_to_end(&mut bytes)?;
            if bytes.len() as u64 > MAX_BINARY {
                anyhow::bail!("{member} is larger than {MAX_BINARY} bytes");
            }
            return Ok(bytes);
        }
    }
    anyhow::bail!("the archive holds no {member}")
}

/// Writes the binary beside its place in `root/bin`, checks that it is the pinned typst, and
/// renames it into place.
fn place(root: &Path, binary: &[u8]) -> Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::PermissionsExt as _;
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).with_context(|| format!("cannot create {}", bin.display()))?;
    // The caller holds the install lock: a temporary file here is a killed install's.
    if let Ok(rd) = std::fs::read_dir(&bin) {
        for entry in rd.flatten() {
            if crate::output::is_brief_temp(&entry.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let mut file = tempfile::Builder::new()
        .prefix(crate::output::TEMP_PREFIX)
        .suffix(crate::output::TEMP_SUFFIX)
        .tempfile_in(&bin)
        .with_context(|| format!("cannot write in {}", bin.display()))?;
    file.write_all(binary)
        .and_then(|()| file.as_file().sync_data())
        .and_then(|()| {
            file.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o755))
        })
        .with_context(|| format!("cannot write in {}", bin.display()))?;
    // Closed before it runs: a file open for writing cannot be executed.
    let temp = file.into_temp_path();
    let version = super::locate::version_of(&temp)?;
    if !super::locate::is_pinned(&version) {
        anyhow::bail!("the downloaded typst is `{version}`, not typst {TYPST_VERSION}");
    }
    let path = bin.join(format!("typst{}", std::env::consts::EXE_SUFFIX));
    temp.persist(&path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_digests_and_name_their_archive() {
        for pin in PINS {
            assert_eq!(pin.sha256.len(), 64);
            assert!(pin
                .sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
            assert!(archive_name(pin.target).ends_with(".tar.xz"));
        }
        if let Some(t) = target() {
            assert!(PINS.iter().any(|p| p.target == t), "no pin for {t}");
        }
    }

    #[test]
    fn unpacks_the_member_and_only_it() {
        let mut tar = tar::Builder::new(Vec::new());
        for (name, body) in [
            ("typst-x/README.md", b"readme".as_slice()),
            ("typst-x/typst", b"binary"),
        ] {
            let mut h = tar::Header::new_gnu();
            h.set_size(body.len() as u64);
            h.set_mode(0o755);
            h.set_cksum();
            tar.append_data(&mut h, name, body).unwrap();
        }
        let tar = tar.into_inner().unwrap();
        let mut xz = Vec::new();
        lzma_rs::xz_compress(&mut &tar[..], &mut xz).unwrap();
        assert_eq!(unpack(&xz, "typst-x/typst").unwrap(), b"binary");
        assert!(unpack(&xz, "typst-y/typst").is_err());
        assert!(unpack(b"not xz", "typst-x/typst").is_err());
    }
}
