//! Finding and installing the typst CLI.
//!
//! brief drives typst-cli as a subprocess, pinned to one version. It looks for it in this
//! order: `--typst PATH` (or `BRIEF_TYPST`), a `typst` on `PATH` of the pinned minor version,
//! then a per-user cache; failing all three it installs the pinned version into the cache,
//! once, under a file lock: typst's prebuilt archive, checked against its pinned digest
//! ([`super::download`]), or where that cannot be had, a build with `cargo install`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context as _, Result};

use crate::error::hinted;

use super::{Typst, TYPST_MINOR, TYPST_VERSION};

/// The command that installs the pinned typst into `root`.
pub fn install_command(root: &Path) -> String {
    format!(
        "cargo install --locked typst-cli --version {TYPST_VERSION} --root {}",
        root.display()
    )
}

/// Where brief keeps what it installs: `BRIEF_CACHE_DIR`, else the user's cache directory.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BRIEF_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::cache_dir()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("brief-{}", whoami())))
        .join("brief")
}

fn whoami() -> String {
    std::env::var("USER").unwrap_or_else(|_| "user".into())
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// How long `typst --version` may take.
const VERSION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs `typst --version` and returns its first line; a program that has not answered within
/// ten seconds is not a working typst. It runs in a process group of its own, its first line
/// is read as it comes (a helper that keeps standard output open does not hold brief), and
/// the whole group is ended once brief has its answer.
pub fn version_of(path: &Path) -> Result<String> {
    use std::io::{BufRead as _, Read as _};
    use std::os::unix::process::CommandExt as _;
    let mut child = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .with_context(|| format!("cannot run {}", path.display()))?;
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = Vec::new();
        let _ = std::io::BufReader::new(stdout.take(64 * 1024)).read_until(b'\n', &mut line);
        // What a program says is quoted in messages: escaped and cut, never replayed whole.
        let _ = tx.send(crate::facts::shown(String::from_utf8_lossy(&line).trim()));
    });
    let end_group = |child: &mut std::process::Child| {
        // SAFETY: killpg only sends a signal, to the group the child leads.
        unsafe { libc::killpg(child.id() as i32, libc::SIGKILL) };
        let _ = child.kill();
        let _ = child.wait();
    };
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > VERSION_TIMEOUT {
            end_group(&mut child);
            bail!("{} --version did not answer within 10 s", path.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    let line = rx.recv_timeout(VERSION_TIMEOUT.saturating_sub(start.elapsed()));
    end_group(&mut child);
    if !status.success() {
        bail!("{} --version failed ({status})", path.display());
    }
    line.map_err(|_| anyhow::anyhow!("{} --version did not answer within 10 s", path.display()))
}

pub(crate) fn is_pinned(version: &str) -> bool {
    version
        .split_whitespace()
        .nth(1)
        .is_some_and(|v| v.starts_with(TYPST_MINOR))
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(exe(name)))
        .find(|p| p.is_file())
}

/// Finds (or, unless `offline`, installs) the pinned typst.
pub fn find(explicit: Option<&Path>, offline: bool) -> Result<Typst> {
    if let Some(path) = explicit {
        let version = version_of(path)
            .with_context(|| format!("--typst {} is not a working typst", path.display()))?;
        if !is_pinned(&version) {
            return Err(hinted(
                format!(
                    "{} is `{version}`, but brief needs typst {TYPST_VERSION}",
                    path.display()
                ),
                install_command(&cache_dir().join(format!("typst-{TYPST_VERSION}"))),
            ));
        }
        return Ok(Typst {
            path: path.to_path_buf(),
            version,
        });
    }
    if let Some(path) = on_path("typst") {
        if let Ok(version) = version_of(&path) {
            if is_pinned(&version) {
                return Ok(Typst { path, version });
            }
        }
    }
    let root = cache_dir().join(format!("typst-{TYPST_VERSION}"));
    let cached = root.join("bin").join(exe("typst"));
    if cached.is_file() {
        // brief installed it there; its version is asked only where it is recorded
        // (`Typst::asked`), which saves a process start on every single render.
        return Ok(Typst {
            path: cached,
            version: String::new(),
        });
    }
    if offline {
        return Err(hinted(
            format!("typst {TYPST_VERSION} is not installed, and --offline forbids installing it"),
            install_command(&root),
        ));
    }
    install(&root)?;
    let version = version_of(&cached)?;
    Ok(Typst {
        path: cached,
        version,
    })
}

/// Installs the pinned typst into `root` with cargo, once, however many brief processes ask.
fn install(root: &Path) -> Result<()> {
    std::fs::create_dir_all(root.parent().unwrap_or(root))
        .with_context(|| format!("cannot create the cache directory {}", root.display()))?;
    let lock_path = root.with_file_name(format!("typst-{TYPST_VERSION}.lock"));
    // Opened without blocking and without following a link: a FIFO there would hold the
    // open for ever; only a regular file is a lock.
    use std::os::unix::fs::OpenOptionsExt as _;
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(&lock_path)
        .with_context(|| format!("cannot create {}", lock_path.display()))
        .map_err(|e| {
            crate::error::add_hint(
                e,
                "brief locks its typst install with a plain file there; remove what is there",
            )
        })?;
    if !lock.metadata().is_ok_and(|m| m.is_file()) {
        return Err(hinted(
            format!("{} is not a regular file", lock_path.display()),
            "brief locks its typst install with a plain file there; remove what is there",
        ));
    }
    fs4::fs_std::FileExt::lock_exclusive(&lock)
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    let cached = root.join("bin").join(exe("typst"));
    if version_of(&cached).is_ok_and(|v| is_pinned(&v)) {
        return Ok(()); // another process installed it while we waited
    }
    match super::download::install(root)? {
        super::download::Outcome::Installed => return Ok(()),
        super::download::Outcome::Unavailable(why) => {
            crate::say!("brief: {why}; building typst with cargo instead")
        }
    }
    let cargo = std::env::var_os("CARGO")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .or_else(|| on_path("cargo"))
        .ok_or_else(|| {
            hinted(
                format!(
                    "typst {TYPST_VERSION} is not installed and cargo was not found to install it"
                ),
                format!(
                    "install Rust (https://rustup.rs), then run: {}",
                    install_command(root)
                ),
            )
        })?;
    crate::say!(
        "brief: installing typst {TYPST_VERSION} into {} (once; 10–20 minutes on two cores)",
        root.display()
    );
    let mut child = Command::new(&cargo)
        .args([
            "install",
            "--locked",
            "typst-cli",
            "--version",
            TYPST_VERSION,
            "--root",
        ])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", cargo.display()))?;
    if let Some(stderr) = child.stderr.take() {
        pass_on_cargo_messages(stderr);
    }
    let status = child
        .wait()
        .with_context(|| format!("cannot run {}", cargo.display()))?;
    if !status.success() {
        return Err(hinted(
            format!("installing typst {TYPST_VERSION} failed ({status})"),
            format!("check the network and run: {}", install_command(root)),
        ));
    }
    Ok(())
}

/// Whether a line of cargo's is its advice to add the install directory to `PATH`: brief
/// runs typst from there itself, so the advice is not the user's to follow.
fn is_path_advice(line: &str) -> bool {
    line.contains("be sure to add") && line.contains("to your PATH")
}

/// Copies cargo's messages to standard error as they come (the build's progress), all but its
/// advice about `PATH`.
fn pass_on_cargo_messages(stderr: impl std::io::Read) {
    use std::io::BufRead as _;
    let mut reader = std::io::BufReader::new(stderr);
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
        let text = String::from_utf8_lossy(&line);
        if !is_path_advice(&text) {
            crate::say!("{}", text.trim_end());
        }
        line.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_versions() {
        assert!(is_pinned("typst 0.15.1 (abcdef)"));
        assert!(is_pinned("typst 0.15.0"));
        assert!(!is_pinned("typst 0.14.2 (x)"));
        assert!(!is_pinned("typst 0.1.5"));
        assert!(!is_pinned(""));
    }

    #[test]
    fn cargo_path_advice_is_recognised() {
        assert!(is_path_advice(
            "warning: be sure to add `/root/.cache/brief/typst-0.15.1/bin` to your PATH to be able to run the installed binaries"
        ));
        assert!(!is_path_advice("   Compiling typst-cli v0.15.1"));
    }
}
