//! Finding, installing and running the typst CLI.
//!
//! brief drives typst-cli as a subprocess, pinned to one version. It looks for it in this
//! order: `--typst PATH` (or `BRIEF_TYPST`), a `typst` on `PATH` of the pinned minor version,
//! then a per-user cache; failing all three it installs the pinned version into the cache with
//! `cargo install`, once, under a file lock.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _, Result};

/// The typst-cli release brief is written for.
pub const TYPST_VERSION: &str = "0.15.1";
/// Any patch release of this minor version is accepted on `PATH`.
pub const TYPST_MINOR: &str = "0.15.";

/// The command that installs the pinned typst into `root`.
pub fn install_command(root: &Path) -> String {
    format!(
        "cargo install --locked typst-cli --version {TYPST_VERSION} --root {}",
        root.display()
    )
}

/// A typst binary brief has checked.
#[derive(Debug, Clone)]
pub struct Typst {
    pub path: PathBuf,
    /// As `typst --version` prints it: `typst 0.15.1 (…)`.
    pub version: String,
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

/// Runs `typst --version` and returns its first line.
pub fn version_of(path: &Path) -> Result<String> {
    let out = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", path.display()))?;
    if !out.status.success() {
        bail!("{} --version failed ({})", path.display(), out.status);
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string())
}

fn is_pinned(version: &str) -> bool {
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
            bail!(
                "{} is `{version}`, but brief needs typst {TYPST_VERSION}\nhint: {}",
                path.display(),
                install_command(&cache_dir().join(format!("typst-{TYPST_VERSION}")))
            );
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
        // brief installed it there, at the version the directory names; not asking saves a
        // process start on every run.
        return Ok(Typst {
            path: cached,
            version: format!("typst {TYPST_VERSION}"),
        });
    }
    if offline {
        bail!(
            "typst {TYPST_VERSION} is not installed, and --offline forbids installing it\nhint: {}",
            install_command(&root)
        );
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
    let lock = std::fs::File::create(&lock_path)
        .with_context(|| format!("cannot create {}", lock_path.display()))?;
    fs4::fs_std::FileExt::lock_exclusive(&lock)
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    let cached = root.join("bin").join(exe("typst"));
    if version_of(&cached).is_ok_and(|v| is_pinned(&v)) {
        return Ok(()); // another process installed it while we waited
    }
    let cargo = std::env::var_os("CARGO")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .or_else(|| on_path("cargo"))
        .ok_or_else(|| {
            anyhow!(
                "typst {TYPST_VERSION} is not installed and cargo was not found to install it\nhint: install Rust (https://rustup.rs), then run: {}",
                install_command(root)
            )
        })?;
    eprintln!(
        "brief: typst {TYPST_VERSION} not found; installing it into {} (once; 10–20 minutes on two cores)",
        root.display()
    );
    let status = Command::new(&cargo)
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
        .status()
        .with_context(|| format!("cannot run {}", cargo.display()))?;
    if !status.success() {
        bail!(
            "installing typst {TYPST_VERSION} failed ({status})\nhint: check the network and run: {}",
            install_command(root)
        );
    }
    Ok(())
}

/// The characters a set of fonts can draw.
#[derive(Default)]
pub struct Coverage {
    /// The parsed faces; their bytes live as long as the process (one set per font directory).
    faces: Vec<ttf_parser::Face<'static>>,
    pub families: BTreeSet<String>,
}

impl std::fmt::Debug for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coverage")
            .field("faces", &self.faces.len())
            .field("families", &self.families)
            .finish()
    }
}

impl Coverage {
    /// Reads every font in `dir` (cached per directory for the process).
    pub fn of(dir: &Path) -> Result<std::sync::Arc<Coverage>> {
        Coverage::cached(&[dir.to_path_buf()], true)
    }

    /// What the fonts installed on this machine cover, in the directories typst searches.
    pub fn system() -> Result<std::sync::Arc<Coverage>> {
        let mut dirs = vec![
            PathBuf::from("/usr/share/fonts"),
            PathBuf::from("/usr/local/share/fonts"),
            PathBuf::from("/Library/Fonts"),
            PathBuf::from("/System/Library/Fonts"),
        ];
        if let Some(home) = dirs::home_dir() {
            dirs.push(home.join(".local/share/fonts"));
            dirs.push(home.join(".fonts"));
            dirs.push(home.join("Library/Fonts"));
        }
        if let Some(windir) = std::env::var_os("WINDIR") {
            dirs.push(PathBuf::from(windir).join("Fonts"));
        }
        dirs.retain(|d| d.is_dir());
        Coverage::cached(&dirs, false)
    }

    fn cached(dirs: &[PathBuf], required: bool) -> Result<std::sync::Arc<Coverage>> {
        type Cache = Mutex<Vec<(Vec<PathBuf>, std::sync::Arc<Coverage>)>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, c)) = cache.iter().find(|(d, _)| d == dirs) {
            return Ok(c.clone());
        }
        let mut cov = Coverage::default();
        let mut files = Vec::new();
        for dir in dirs {
            if required {
                std::fs::read_dir(dir)
                    .with_context(|| format!("cannot read the font directory {}", dir.display()))?;
            }
            font_files(dir, 0, &mut files);
        }
        for path in files {
            // Mapped, not read: only the tables a lookup touches are paged in.
            let Ok(file) = std::fs::File::open(&path) else {
                continue;
            };
            // SAFETY: font files are not modified while brief runs; a font changed underneath
            // would at worst give a wrong coverage answer, which typst's own run would show.
            let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else {
                continue;
            };
            let data: &'static [u8] = Box::leak(Box::new(map));
            let n = ttf_parser::fonts_in_collection(data).unwrap_or(1);
            for i in 0..n {
                let face = match ttf_parser::Face::parse(data, i) {
                    Ok(face) => face,
                    Err(e) if required => {
                        bail!("{} is not a usable font: {e}", path.display())
                    }
                    Err(_) => continue,
                };
                for name in face.names() {
                    if name.name_id == ttf_parser::name_id::FAMILY && name.is_unicode() {
                        if let Some(s) = name.to_string() {
                            cov.families.insert(s);
                        }
                    }
                }
                cov.faces.push(face);
            }
        }
        if required && cov.faces.is_empty() {
            bail!(
                "no fonts found in {}\nhint: the bundled fonts live in the project's fonts/ directory",
                dirs.first().map(|d| d.display().to_string()).unwrap_or_default()
            );
        }
        let cov = std::sync::Arc::new(cov);
        cache.push((dirs.to_vec(), cov.clone()));
        Ok(cov)
    }

    pub fn has(&self, c: char) -> bool {
        self.faces.iter().any(|f| f.glyph_index(c).is_some())
    }

    /// The characters of `text` that none of the fonts has.
    pub fn missing(&self, text: &str) -> BTreeSet<char> {
        let wanted: BTreeSet<char> = text
            .chars()
            .filter(|c| !c.is_control() && !c.is_ascii())
            .filter(|c| !matches!(*c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'))
            .collect();
        wanted.into_iter().filter(|c| !self.has(*c)).collect()
    }
}

/// Font files below `dir`, a few levels deep.
pub(crate) fn font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() && depth < 4 {
            font_files(&path, depth + 1, out);
        } else {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if matches!(ext.as_str(), "otf" | "ttf" | "ttc" | "otc") {
                out.push(path);
            }
        }
    }
}

/// Lists characters as `𠮷 (U+20BB7), 𡈽 (U+2123D)`.
pub fn describe_chars(chars: &BTreeSet<char>) -> String {
    chars
        .iter()
        .map(|c| format!("{c} (U+{:04X})", *c as u32))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How to compile.
#[derive(Debug, Clone)]
pub struct CompileOptions {
    pub font_dir: PathBuf,
    /// Seconds since the epoch for the PDF's dates; fixed for reproducible output.
    pub creation_timestamp: i64,
    /// A typst that runs longer is killed.
    pub timeout: Duration,
}

/// What a successful compile reports.
#[derive(Debug, Default)]
pub struct Compiled {
    pub warnings: Vec<String>,
}

/// Compiles `source` to a PDF at `out`, atomically: a temp file in the same directory is
/// renamed over `out` only when typst succeeded without font warnings. On failure, `out`
/// is untouched and the source is kept at `out` with the extension `.typ` for debugging.
pub fn compile(typst: &Typst, source: &str, out: &Path, opts: &CompileOptions) -> Result<Compiled> {
    let (system_fonts, warnings) = font_check(source, opts)?;
    let mut compiled = Running::start(typst, out, opts, system_fonts)?.finish(source)?;
    compiled.warnings.splice(0..0, warnings);
    Ok(compiled)
}

/// Whether `source` needs installed fonts (with a warning saying so), or an error naming the
/// characters no font has.
pub(crate) fn font_check(source: &str, opts: &CompileOptions) -> Result<(bool, Vec<String>)> {
    let coverage = Coverage::of(&opts.font_dir)?;
    let missing = coverage.missing(source);
    if missing.is_empty() {
        return Ok((false, Vec::new()));
    }
    let system = Coverage::system()?;
    let nowhere: BTreeSet<char> = missing
        .iter()
        .copied()
        .filter(|c| !system.has(*c))
        .collect();
    if !nowhere.is_empty() {
        bail!(
            "no font has {}\nhint: add a font that has them to fonts/ (fonts/subset.sh adds the characters of data/ to the bundled subsets), or remove them from the fact base",
            describe_chars(&nowhere)
        );
    }
    Ok((
        true,
        vec![format!(
            "the bundled fonts lack {}; typst takes them from installed fonts, so this PDF depends on this machine's fonts",
            describe_chars(&missing)
        )],
    ))
}

/// `typst compile` confined to `root` (it reads nothing else), with the bundled fonts, brief's
/// timestamp, short diagnostics and no network: every download goes to a proxy on a closed
/// local port. The caller adds the input, the output and the format.
fn confined(typst: &Typst, root: &Path, opts: &CompileOptions, system_fonts: bool) -> Command {
    let mut cmd = Command::new(&typst.path);
    cmd.arg("compile")
        .arg("--root")
        .arg(root)
        .arg("--font-path")
        .arg(&opts.font_dir)
        .arg("--creation-timestamp")
        .arg(opts.creation_timestamp.to_string())
        .arg("--diagnostic-format")
        .arg("short")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("TYPST_FONT_PATHS")
        .env("TYPST_PACKAGE_CACHE_PATH", root)
        .env("TYPST_PACKAGE_PATH", root)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for var in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env(var, "http://127.0.0.1:9");
    }
    if !system_fonts {
        cmd.arg("--ignore-system-fonts");
    }
    cmd
}

/// Collects a child's standard error on a thread of its own, so that a chatty typst never
/// blocks on a full pipe while brief waits for it.
fn read_stderr(child: &mut std::process::Child) -> std::thread::JoinHandle<String> {
    let mut stderr = child.stderr.take().expect("piped stderr");
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    })
}

/// Waits for `child`, killing it after `timeout`; `None` when it was killed.
fn wait_timeout(
    child: &mut std::process::Child,
    timeout: Duration,
) -> Result<Option<std::process::ExitStatus>> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Compiles several briefings in one typst run with typst's (experimental) bundle export:
/// `sources` are (file name, Typst source); the PDFs appear in `out_dir` under those names with
/// `.pdf`. Fonts are loaded once for all. Fails as a whole; the caller then builds one by one.
pub fn compile_bundle(
    typst: &Typst,
    sources: &[(String, &str)],
    out_dir: &Path,
    opts: &CompileOptions,
) -> Result<Vec<String>> {
    for (_, source) in sources {
        if font_check(source, opts)?.0 {
            bail!("a briefing needs installed fonts");
        }
    }
    let root = tempfile::Builder::new().prefix("brief-bundle-").tempdir()?;
    let mut main = String::new();
    for (name, source) in sources {
        std::fs::write(root.path().join(format!("{name}.typ")), source)?;
        main.push_str(&format!(
            "#document({})[#include {}]\n",
            crate::render::typst_string(&format!("{name}.pdf")),
            crate::render::typst_string(&format!("{name}.typ"))
        ));
    }
    std::fs::write(root.path().join("_bundle.typ"), main)?;
    let mut child = confined(typst, root.path(), opts, false)
        .arg("--features")
        .arg("bundle")
        .arg("--format")
        .arg("bundle")
        .arg(root.path().join("_bundle.typ"))
        .arg(out_dir)
        .stdin(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot run {}", typst.path.display()))?;
    let reader = read_stderr(&mut child);
    let timeout = opts.timeout.saturating_mul(sources.len().max(1) as u32);
    let status = wait_timeout(&mut child, timeout)?;
    let diagnostics = reader.join().unwrap_or_default();
    match status {
        Some(s) if s.success() => Ok(diagnostics
            .lines()
            .filter(|l| l.contains("warning") && !l.contains("bundle export is experimental"))
            .map(str::to_string)
            .collect()),
        Some(s) => bail!("typst failed ({s}): {}", diagnostics.trim()),
        None => bail!("typst did not finish within {} s", timeout.as_secs()),
    }
}

/// A typst process started before its source is ready, so that its start-up (finding and
/// reading fonts) overlaps brief's own work. Dropping it unfinished stops typst and removes
/// its temporary files.
pub struct Running {
    child: Option<std::process::Child>,
    stderr: Option<std::thread::JoinHandle<String>>,
    tmp: Option<tempfile::NamedTempFile>,
    _root: tempfile::TempDir,
    out: PathBuf,
    opts: CompileOptions,
    system_fonts: bool,
}

impl Running {
    /// Starts typst for `out`; it waits for its source on standard input.
    pub fn start(
        typst: &Typst,
        out: &Path,
        opts: &CompileOptions,
        system_fonts: bool,
    ) -> Result<Running> {
        let out = crate::real_target(out);
        // A device or FIFO is written in place; typst writes beside brief's other temp files.
        let dir = if crate::is_special(&out) {
            std::env::temp_dir()
        } else {
            crate::parent_dir(&out).to_path_buf()
        };
        let file_name = out
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| anyhow!("output path {} has no file name", out.display()))?;
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{file_name}."))
            .suffix(".tmp")
            .tempfile_in(&dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        // typst may read nothing: its root is an empty directory of its own.
        let root = tempfile::Builder::new()
            .prefix("brief-root-")
            .tempdir()
            .context("cannot create a temporary directory")?;
        let mut cmd = confined(typst, root.path(), opts, system_fonts);
        cmd.arg("-")
            .arg(tmp.path())
            .arg("--format")
            .arg("pdf")
            .stdin(Stdio::piped());
        let mut child = cmd
            .spawn()
            .with_context(|| format!("cannot run {}", typst.path.display()))?;
        let reader = read_stderr(&mut child);
        Ok(Running {
            child: Some(child),
            stderr: Some(reader),
            tmp: Some(tmp),
            _root: root,
            out,
            opts: opts.clone(),
            system_fonts,
        })
    }

    /// Where the PDF goes, when it was not known at the start; in the same directory.
    pub fn set_output(&mut self, out: &Path) {
        self.out = crate::real_target(out);
    }

    /// Whether this run can take `source` as it was started (its font choice fits).
    pub fn fits(&self, source: &str) -> Result<Option<Vec<String>>> {
        let (system_fonts, warnings) = font_check(source, &self.opts)?;
        Ok((system_fonts == self.system_fonts).then_some(warnings))
    }

    /// Gives typst its source, waits for it and moves the PDF into place.
    pub fn finish(mut self, source: &str) -> Result<Compiled> {
        let mut child = self.child.take().expect("a running typst");
        let mut stdin = child.stdin.take().expect("piped stdin");
        let source_owned = source.to_string();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(source_owned.as_bytes());
        });
        let status = wait_timeout(&mut child, self.opts.timeout)?;
        let _ = writer.join();
        let diagnostics = self
            .stderr
            .take()
            .map(|r| r.join().unwrap_or_default())
            .unwrap_or_default();
        let out = self.out.clone();
        // The source is kept beside the output for debugging, never over it.
        let keep_source = || {
            let mut path = out.with_extension("typ");
            if path == out || crate::is_special(&out) {
                path = std::env::temp_dir().join(format!(
                    "brief-failed-{}.typ",
                    out.file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or("briefing")
                ));
            }
            let _ = std::fs::write(&path, source);
            path
        };

        let Some(status) = status else {
            let kept = keep_source();
            bail!(
                "typst did not finish within {} s and was stopped\nhint: the generated source is kept at {}; raise the limit with --timeout",
                self.opts.timeout.as_secs(),
                kept.display()
            );
        };
        // typst names standard input by a path inside the temporary root; call it <stdin>.
        let diag_lines: Vec<String> = diagnostics
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| match l.find("<stdin>") {
                Some(i) => {
                    let start = l[..i].rfind(char::is_whitespace).map_or(0, |w| w + 1);
                    format!("{}{}", &l[..start], &l[i..])
                }
                None => l.to_string(),
            })
            .collect();
        let font_warnings = diag_lines.iter().any(|l| l.contains("unknown font family"));
        if !status.success() || font_warnings {
            let kept = keep_source();
            let what = if status.success() {
                "typst does not know a font the template names".to_string()
            } else {
                format!("typst failed ({status})")
            };
            let mut msg = format!("{what} compiling {}:", out.display());
            for l in &diag_lines {
                msg.push_str("\n  ");
                msg.push_str(l);
            }
            if diag_lines
                .iter()
                .any(|l| l.contains("failed to download package"))
            {
                msg.push_str("\nhint: brief runs typst offline, so Typst Universe packages (@preview/…) cannot be used; write it in plain Typst");
            }
            msg.push_str(&format!(
                "\nhint: <stdin> in the messages is the generated source, kept at {}",
                kept.display()
            ));
            return Err(anyhow!(msg));
        }
        let warnings = diag_lines
            .into_iter()
            .filter(|l| l.contains("warning"))
            .collect();
        let tmp = self.tmp.take().expect("the temporary PDF");
        if crate::is_special(&out) {
            let bytes = std::fs::read(tmp.path())?;
            std::fs::write(&out, bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            return Ok(Compiled { warnings });
        }
        crate::make_readable(tmp.path());
        tmp.persist(&out).map_err(|e| {
            anyhow!(
                "cannot move the finished PDF to {}: {}",
                out.display(),
                e.error
            )
        })?;
        Ok(Compiled { warnings })
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
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
}
