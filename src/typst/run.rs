//! Running typst confined: an empty root it may read, the bundled fonts, no network, a process
//! group of its own (so that a timeout or Ctrl-C ends it and any helper it started), and its
//! PDF written into a private temporary directory. Where the PDF then goes is the caller's
//! business ([`crate::output`]).

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};

use super::fonts::{self, FontNeeds};
use super::standard::PdfStandard;
use super::{reap, Typst};
use crate::error::{hinted, hinted_all, Interrupted};
use crate::memory;
use crate::output::is_whole_pdf;

/// How to compile.
#[derive(Debug, Clone)]
pub struct CompileOptions {
    pub font_dir: std::path::PathBuf,
    /// Seconds since the epoch for the PDF's dates; fixed for reproducible output.
    pub creation_timestamp: i64,
    /// A typst that runs longer is killed.
    pub timeout: Duration,
    /// PDF standards to conform to, passed to `--pdf-standard`; none for a plain PDF.
    pub pdf_standards: Vec<PdfStandard>,
    /// Where typst's private temporary directories are made: a build's output directory
    /// (named `.brief-XXXXXX.tmp`, so that the next build removes what a killed one left),
    /// or, when `None`, the system's temporary directory.
    pub temp_dir: Option<std::path::PathBuf>,
}

/// A private (0700) temporary directory for one typst run, where `opts` says.
fn private_dir(opts: &CompileOptions, kind: &str) -> Result<tempfile::TempDir> {
    let made = match &opts.temp_dir {
        Some(dir) => tempfile::Builder::new()
            .prefix(&format!("{}{kind}", crate::output::TEMP_PREFIX))
            .suffix(crate::output::TEMP_SUFFIX)
            .tempdir_in(dir),
        None => tempfile::Builder::new()
            .prefix(&format!("brief-{kind}"))
            .tempdir(),
    };
    made.context("cannot create a temporary directory")
}

/// A finished PDF and typst's warnings.
#[derive(Debug, Default)]
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub warnings: Vec<String>,
}

/// Standard error kept of one typst run: more is read and dropped.
const MAX_STDERR: u64 = 1 << 20;

/// The variables of brief's environment that typst runs with: the search path, the home
/// directory (where typst finds the user's fonts, as brief's own font check looks for them:
/// `~/.fonts`, `~/.local/share/fonts`), the temporary directory, and Windows' own. Nothing
/// else: a `FONTCONFIG_FILE` or `XDG_DATA_HOME` that showed typst other font directories than
/// brief checked could set a character brief found covered in a tofu box.
pub const KEPT_ENV: [&str; 5] = ["PATH", "HOME", "TMPDIR", "SYSTEMROOT", "WINDIR"];

/// `typst compile` confined to `root` (it reads nothing else), with the bundled fonts, brief's
/// timestamp, short diagnostics and no network: every download goes to a proxy on a closed
/// local port. The caller adds the input, the output and the format.
fn confined(typst: &Typst, root: &Path, opts: &CompileOptions, needs: &FontNeeds) -> Command {
    let mut cmd = Command::new(&typst.path);
    cmd.arg("compile")
        .arg("--root")
        .arg(root)
        .arg("--font-path")
        .arg(&opts.font_dir)
        // One argument, so that a timestamp before 1970 is not read as a flag.
        .arg(format!("--creation-timestamp={}", opts.creation_timestamp))
        // The date the briefing prints: the templates read it from here, so that the source
        // (and the hash of it a build keeps) does not change with the date.
        .arg("--input")
        .arg(format!("date={}", input_date(opts.creation_timestamp)))
        .arg("--diagnostic-format")
        .arg("short")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // typst reads settings from its environment (TYPST_FONT_PATHS, TYPST_IGNORE_SYSTEM_FONTS,
    // TYPST_IGNORE_EMBEDDED_FONTS, SOURCE_DATE_EPOCH, proxies, certificates …): brief sets the
    // environment typst runs in rather than inheriting the caller's, and passes on only what
    // finding installed fonts and running at all need.
    cmd.env_clear();
    for (key, value) in std::env::vars_os() {
        if KEPT_ENV.iter().any(|k| key == *k) {
            cmd.env(key, value);
        }
    }
    cmd.env("TYPST_PACKAGE_CACHE_PATH", root)
        .env("TYPST_PACKAGE_PATH", root);
    for s in &opts.pdf_standards {
        cmd.arg("--pdf-standard").arg(s.as_str());
    }
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
    if *needs == FontNeeds::Bundled {
        cmd.arg("--ignore-system-fonts");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
        // A bound on typst's memory (its heap and private writable mappings), set in the
        // child between fork and exec: setrlimit(2) is async-signal-safe.
        // SAFETY: the closure only calls setrlimit and allocates nothing.
        unsafe {
            cmd.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: TYPST_MEMORY as libc::rlim_t,
                    rlim_max: TYPST_MEMORY as libc::rlim_t,
                };
                libc::setrlimit(libc::RLIMIT_DATA, &limit);
                Ok(())
            });
        }
    }
    cmd
}

/// The most memory (data: heap and private writable mappings) one typst process may take:
/// twice what the largest briefing brief gives it needs ([`MAX_SOURCE`]). Beyond it typst's
/// allocation fails and it stops; brief says so.
pub const TYPST_MEMORY: u64 = 2 << 30;

/// `2026-11-22`: the day (UTC) of a PDF timestamp, which brief sets to midnight of the
/// briefing's date.
fn input_date(timestamp: i64) -> String {
    chrono::DateTime::from_timestamp(timestamp, 0)
        .map(|t| t.date_naive().format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A started typst: its process, and its standard error read on a thread of its own (so that a
/// chatty typst never blocks on a full pipe).
struct Process {
    child: Child,
    stderr: mpsc::Receiver<String>,
    reaped: bool,
}

impl Process {
    fn spawn(mut cmd: Command, typst: &Typst) -> Result<Process> {
        let mut child = reap::spawn(&mut cmd)
            .with_context(|| format!("cannot run {}", typst.path.display()))?;
        let mut pipe = child.stderr.take().expect("piped stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = (&mut pipe).take(MAX_STDERR).read_to_end(&mut s);
            let _ = std::io::copy(&mut pipe, &mut std::io::sink());
            let _ = tx.send(String::from_utf8_lossy(&s).into_owned());
        });
        Ok(Process {
            child,
            stderr: rx,
            reaped: false,
        })
    }

    /// Signals the whole process group (typst and anything it started).
    fn kill_group(&self, signal: i32) {
        #[cfg(unix)]
        // SAFETY: killpg only sends a signal; the group is the one typst leads.
        unsafe {
            libc::killpg(self.child.id() as i32, signal);
        }
        #[cfg(not(unix))]
        let _ = signal;
    }

    /// Waits for typst, ending it after `timeout` or on an interrupt. `Ok(None)`: timed out.
    /// Whatever typst left running in its group is ended too, and its standard error is read
    /// for at most a second more.
    fn wait(&mut self, timeout: Duration) -> Result<(Option<ExitStatus>, String)> {
        let start = Instant::now();
        let exit = ExitWatch::new(self.child.id());
        let status = loop {
            if let Some(status) = self.child.try_wait()? {
                break Some(status);
            }
            if crate::signals::interrupted() {
                self.kill_group(libc::SIGTERM);
                let _ = self.child.kill();
                let _ = self.child.wait();
                self.ended();
                return Err(Interrupted.into());
            }
            if start.elapsed() > timeout {
                self.kill_group(libc::SIGKILL);
                let _ = self.child.kill();
                let _ = self.child.wait();
                break None;
            }
            match &exit {
                Some(exit) => exit.wait(TICK.min(timeout.saturating_sub(start.elapsed()))),
                // Short: the PDF is wanted the moment typst ends (a wake-up costs microseconds).
                None => std::thread::sleep(Duration::from_micros(300)),
            }
        };
        self.ended();
        let stderr = self
            .stderr
            .recv_timeout(Duration::from_secs(1))
            .unwrap_or_default();
        Ok((status, stderr))
    }

    /// Once typst has been waited for: ends what is left of its group, and the helpers any
    /// typst run left outside its group ([`reap`]).
    fn ended(&mut self) {
        self.reaped = true;
        self.kill_group(libc::SIGKILL);
        reap::waited(self.child.id());
        reap::sweep();
    }
}

/// How long a wait for typst's end sleeps at most before it looks at an interrupt and the
/// timeout again.
const TICK: Duration = Duration::from_millis(10);

/// A child's end as something to sleep on (Linux: a pidfd, readable once the child has ended),
/// so that brief wakes the moment typst ends and not a few thousand times while it works.
struct ExitWatch {
    fd: i32,
}

impl ExitWatch {
    /// `None` where the system has no pidfd (older kernels, other systems): then brief polls.
    fn new(pid: u32) -> Option<ExitWatch> {
        #[cfg(target_os = "linux")]
        {
            let pid = libc::pid_t::try_from(pid).ok()?;
            // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor or -1.
            let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
            let fd = i32::try_from(fd).ok().filter(|fd| *fd >= 0)?;
            Some(ExitWatch { fd })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = pid;
            None
        }
    }

    /// Sleeps until the child has ended or `most` has passed (at least a millisecond).
    fn wait(&self, most: Duration) {
        let ms = libc::c_int::try_from(most.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
        let mut fds = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one pollfd that lives across the call; an interrupted poll simply returns.
        unsafe {
            libc::poll(&mut fds, 1, ms);
        }
    }
}

impl Drop for ExitWatch {
    fn drop(&mut self) {
        // SAFETY: the descriptor is this watch's own and closed once.
        unsafe {
            libc::close(self.fd);
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        memory::running_typst(None);
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if !self.reaped {
            self.kill_group(libc::SIGKILL);
            let _ = self.child.kill();
            let _ = self.child.wait();
            self.ended();
        }
    }
}

/// typst's diagnostics as brief prints them: the path of standard input inside the temporary
/// root becomes `<stdin>`.
fn diagnostic_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match l.find("<stdin>") {
            Some(i) => {
                let start = l[..i].rfind(char::is_whitespace).map_or(0, |w| w + 1);
                format!("{}{}", &l[..start], &l[i..])
            }
            None => l.to_string(),
        })
        .collect()
}

/// The error for a typst run that failed, with its diagnostics; a typst stopped by its memory
/// bound is said to be.
fn failure(what: String, lines: &[String]) -> anyhow::Error {
    if lines.iter().any(|l| l.contains("memory allocation of")) {
        return hinted(
            format!(
                "typst needed more than the {} GiB of memory brief gives it and was stopped",
                TYPST_MEMORY >> 30
            ),
            "a template's Typst code builds something huge (a loop, a long range), or a briefing holds too much; nothing was written",
        );
    }
    let mut message = what;
    for l in lines {
        message.push_str("\n  ");
        message.push_str(l);
    }
    let mut hints = Vec::new();
    if lines
        .iter()
        .any(|l| l.contains("failed to download package"))
    {
        hints.push("brief runs typst offline, so Typst Universe packages (@preview/…) cannot be used; write it in plain Typst".to_string());
    }
    hinted_all(message, hints)
}

/// A typst process started before its source is ready, so that its start-up (finding and
/// reading fonts) overlaps brief's own work. Dropping it unfinished stops typst and removes
/// its temporary files.
pub struct Running {
    process: Process,
    root: tempfile::TempDir,
    opts: CompileOptions,
    needs: FontNeeds,
}

impl Running {
    /// Starts typst; it waits for its source on standard input.
    pub fn start(typst: &Typst, opts: &CompileOptions, needs: FontNeeds) -> Result<Running> {
        // typst may read nothing: its root is an empty private directory, which also receives
        // the PDF.
        let root = private_dir(opts, "")?;
        let mut cmd = confined(typst, root.path(), opts, &needs);
        cmd.arg("-")
            .arg(root.path().join("out.pdf"))
            .arg("--format")
            .arg("pdf")
            .stdin(Stdio::piped());
        let process = Process::spawn(cmd, typst)?;
        memory::running_typst(Some((process.child.id() as i32, root.path())));
        Ok(Running {
            process,
            root,
            opts: opts.clone(),
            needs,
        })
    }

    /// The font choice this run was started with.
    pub fn needs(&self) -> &FontNeeds {
        &self.needs
    }

    /// Gives typst its source, waits for it and returns the PDF.
    pub fn finish(mut self, source: &str) -> Result<Compiled> {
        let mut stdin = self.process.child.stdin.take().expect("piped stdin");
        let owned = source.to_string();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(owned.as_bytes());
        });
        let (status, stderr) = self.process.wait(self.opts.timeout)?;
        // A typst that finished has read its input; one that was stopped may have left a
        // helper holding the pipe, so the writer is not waited for.
        if status.is_some_and(|s| s.success()) {
            let _ = writer.join();
        }
        let Some(status) = status else {
            return Err(hinted(
                format!(
                    "typst did not finish within {} s and was stopped",
                    self.opts.timeout.as_secs()
                ),
                "raise the limit with --timeout",
            ));
        };
        let lines = diagnostic_lines(&stderr);
        if !status.success() {
            return Err(failure(format!("typst failed ({status}):"), &lines));
        }
        if lines.iter().any(|l| l.contains("unknown font family")) {
            return Err(failure(
                "typst does not know a font the template names:".into(),
                &lines,
            ));
        }
        let pdf = read_output(&self.root.path().join("out.pdf"))?.unwrap_or_default();
        if !is_whole_pdf(&pdf) {
            return Err(hinted(
                format!(
                    "typst reported success but wrote no whole PDF ({} bytes)",
                    pdf.len()
                ),
                format!(
                    "check that the typst brief runs is typst-cli {}",
                    super::TYPST_VERSION
                ),
            ));
        }
        let mut warnings: Vec<String> = lines
            .into_iter()
            .filter(|l| l.contains("warning"))
            .collect();
        if let FontNeeds::Installed { warning } = &self.needs {
            warnings.insert(0, warning.clone());
        }
        Ok(Compiled { pdf, warnings })
    }
}

/// The largest Typst source one typst run is given: one briefing, or a bundle's briefings
/// together. typst's memory grows with what it sets: about 50 MB, and 1.6 GB more for each MiB
/// of a briefing's source (measured with typst 0.15.1: 165 KB of source 0.29 GB, 820 KB
/// 1.33 GB), so a run takes at most about 0.9 GB. The bundled briefings are at most 16 KB.
pub const MAX_SOURCE: usize = 512 << 10;

/// Refuses a briefing whose source is larger than [`MAX_SOURCE`], naming it and the region
/// file it comes from, before typst is started on it.
pub fn check_size(source: &str, briefing: &str, region_file: &Path) -> Result<()> {
    if source.len() <= MAX_SOURCE {
        return Ok(());
    }
    Err(hinted(
        format!(
            "{briefing} is too large for one typst run: its Typst source is {} KiB, more than the {} KiB brief gives typst",
            source.len() >> 10,
            MAX_SOURCE >> 10
        ),
        format!(
            "{} holds more than one briefing can print (some thousands of facts); split it into regions of their own",
            region_file.display()
        ),
    ))
}

/// The largest file brief reads back from typst: a briefing within [`MAX_SOURCE`] makes a PDF
/// of a few MB.
pub const MAX_OUTPUT: u64 = 256 << 20;

/// A file typst wrote in its private directory, or `None` if it wrote none there; one larger
/// than [`MAX_OUTPUT`] is refused unread.
fn read_output(path: &Path) -> Result<Option<Vec<u8>>> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(None);
    };
    if !meta.is_file() {
        return Ok(None);
    }
    if meta.len() > MAX_OUTPUT {
        return Err(hinted(
            format!(
                "typst wrote {} MiB, more than the {} MiB brief reads back",
                meta.len() >> 20,
                MAX_OUTPUT >> 20
            ),
            "a template's Typst code makes a huge document; nothing was written",
        ));
    }
    Ok(std::fs::read(path).ok())
}

/// Compiles one briefing.
pub fn compile(typst: &Typst, source: &str, opts: &CompileOptions) -> Result<Compiled> {
    let needs = fonts::needs(source, &opts.font_dir)?;
    Running::start(typst, opts, needs)?.finish(source)
}

/// Compiles several briefings in one typst run with typst's (experimental) bundle export:
/// `sources` are (name, Typst source); returns each PDF's bytes in the same order. Fonts are
/// loaded once for all. Fails as a whole; the caller then builds one by one.
///
/// The root typst may read stays empty, as for a single briefing: the bundle's main file comes
/// on standard input and holds each briefing's source as a string it evaluates
/// (`#eval(…, mode: "markup")`), so no briefing can read the bundle or another's source.
pub fn compile_bundle(
    typst: &Typst,
    sources: &[(String, &str)],
    opts: &CompileOptions,
) -> Result<(Vec<Vec<u8>>, Vec<String>)> {
    for (name, source) in sources {
        if fonts::needs(source, &opts.font_dir)? != FontNeeds::Bundled {
            anyhow::bail!("{name} needs installed fonts");
        }
    }
    let root = private_dir(opts, "bundle-")?;
    let out_dir = root.path().join("out");
    let mut main = String::new();
    for (name, source) in sources {
        main.push_str(&format!(
            "#document({})[#eval({}, mode: \"markup\")]\n",
            crate::render::typst_string(&format!("{name}.pdf")),
            crate::render::typst_string(source)
        ));
    }
    let mut cmd = confined(typst, root.path(), opts, &FontNeeds::Bundled);
    cmd.arg("--features")
        .arg("bundle")
        .arg("--format")
        .arg("bundle")
        .arg("-")
        .arg(&out_dir)
        .stdin(Stdio::piped());
    let mut process = Process::spawn(cmd, typst)?;
    let mut stdin = process.child.stdin.take().expect("piped stdin");
    std::thread::spawn(move || {
        let _ = stdin.write_all(main.as_bytes());
    });
    let timeout = opts.timeout.saturating_mul(sources.len().max(1) as u32);
    let (status, stderr) = process.wait(timeout)?;
    let lines = diagnostic_lines(&stderr);
    match status {
        Some(s) if s.success() => {}
        Some(s) => return Err(failure(format!("typst failed ({s}):"), &lines)),
        None => anyhow::bail!("typst did not finish within {} s", timeout.as_secs()),
    }
    let mut pdfs = Vec::new();
    for (name, _) in sources {
        let pdf = read_output(&out_dir.join(format!("{name}.pdf")))?
            .with_context(|| format!("typst wrote no {name}.pdf"))?;
        if !is_whole_pdf(&pdf) {
            anyhow::bail!("typst wrote no whole PDF for {name}");
        }
        pdfs.push(pdf);
    }
    let warnings = lines
        .into_iter()
        .filter(|l| l.contains("warning") && !l.contains("bundle export is experimental"))
        .collect();
    Ok((pdfs, warnings))
}

/// Pixels per inch of a thumbnail: an A4 page becomes 331 × 468 pixels.
pub const THUMBNAIL_PPI: u32 = 40;

/// Thumbnails of page 1 of finished PDFs, as PNG, in one confined typst run (the same flags
/// as a PDF run) with bundle export: each PDF is placed as an image on a page of its size and
/// exported at [`THUMBNAIL_PPI`]. `pdfs` are (name, PDF bytes); the PNGs come back in order.
/// Laying the briefing out again would cost as much as the PDF itself; reading the PDF back
/// costs a fraction of that.
pub fn thumbnails(
    typst: &Typst,
    pdfs: &[(String, &[u8])],
    opts: &CompileOptions,
) -> Result<Vec<Vec<u8>>> {
    let root = private_dir(opts, "bundle-")?;
    let out_dir = root.path().join("out");
    let mut main = String::from("#set page(width: auto, height: auto, margin: 0pt)\n");
    for (i, (name, pdf)) in pdfs.iter().enumerate() {
        std::fs::write(root.path().join(format!("{i}.pdf")), pdf)?;
        main.push_str(&format!(
            "#document({})[#image(\"{i}.pdf\", page: 1)]\n",
            crate::render::typst_string(&format!("{name}.png")),
        ));
    }
    std::fs::write(root.path().join("_thumbs.typ"), main)?;
    let mut png_opts = opts.clone();
    // PDF standards are for PDFs; a PNG run refuses none of them but needs none either.
    png_opts.pdf_standards.clear();
    let mut cmd = confined(typst, root.path(), &png_opts, &FontNeeds::Bundled);
    cmd.arg("--features")
        .arg("bundle")
        .arg("--format")
        .arg("bundle")
        .arg("--ppi")
        .arg(THUMBNAIL_PPI.to_string())
        .arg(root.path().join("_thumbs.typ"))
        .arg(&out_dir)
        .stdin(Stdio::null());
    let mut process = Process::spawn(cmd, typst)?;
    let (status, stderr) = process.wait(opts.timeout)?;
    let lines = diagnostic_lines(&stderr);
    match status {
        Some(s) if s.success() => {}
        Some(s) => return Err(failure(format!("typst failed ({s}):"), &lines)),
        None => anyhow::bail!("typst did not finish within {} s", opts.timeout.as_secs()),
    }
    pdfs.iter()
        .map(|(name, _)| {
            let png = read_output(&out_dir.join(format!("{name}.png")))?
                .with_context(|| format!("typst wrote no {name}.png"))?;
            anyhow::ensure!(png.starts_with(b"\x89PNG"), "typst wrote no PNG for {name}");
            Ok(png)
        })
        .collect()
}
