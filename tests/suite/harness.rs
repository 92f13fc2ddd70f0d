//! Running the real binary, and the helpers the tests share.
//!
//! ```ignore
//! let run = Brief::new().args(["-r", "luxi", "-a", "investor"]).current_dir(dir).run();
//! run.success();
//! assert!(run.stdout().contains("…"));
//! ```

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The date the tests render with, so that the output does not depend on the day.
pub const DATE: &str = "2026-11-22";

/// Every audience a briefing is written for.
pub const AUDIENCES: [&str; 3] = ["investor", "tourism", "policy"];

/// The three genres of tests/fixtures first measured blind (bench/BLIND2-genres.md), with the
/// title their results are printed under.
pub const BLIND2_GENRES: [(&str, &str); 3] = [
    (
        "budget",
        "A county 财政局's budget report, an excerpt (tests/fixtures/budget)",
    ),
    (
        "quarterly",
        "A city 统计局's half-year release (tests/fixtures/quarterly)",
    ),
    (
        "rural",
        "A 乡村振兴 newspaper feature (tests/fixtures/rural)",
    ),
];

/// Two more genres of tests/fixtures first measured blind (bench/BLIND3-genres.md), with the
/// title their results are printed under.
pub const BLIND3_GENRES: [(&str, &str); 2] = [
    (
        "govreport",
        "A county's 政府工作报告, review and goals (tests/fixtures/govreport)",
    ),
    (
        "holiday",
        "A county 文旅局's 国庆中秋 holiday release (tests/fixtures/holiday)",
    ),
];

/// Two more genres of tests/fixtures first measured blind (bench/BLIND4-genres.md), with the
/// title their results are printed under.
pub const BLIND4_GENRES: [(&str, &str); 2] = [
    (
        "citybulletin",
        "A city's 统计公报 with its tables (tests/fixtures/citybulletin)",
    ),
    (
        "pressconf",
        "A 高新区's press conference transcript (tests/fixtures/pressconf)",
    ),
];

/// Two more genres of tests/fixtures first measured blind (bench/BLIND5-genres.md), with the
/// title their results are printed under.
pub const BLIND5_GENRES: [(&str, &str); 2] = [
    (
        "yearbook",
        "A county's 年鉴 entry (tests/fixtures/yearbook)",
    ),
    (
        "worksummary",
        "A 农业农村局's 年度工作总结 with its plan (tests/fixtures/worksummary)",
    ),
];

/// A genre of tests/fixtures written with its rules (bench/BLIND6-genres.md): a county's 统计公报
/// with a newspaper's report of its first three quarters, with the title its results are
/// printed under.
pub const SIXTH_GENRES: [(&str, &str); 1] = [(
    "county-gx",
    "A county's 统计公报 and a report of its first three quarters (tests/fixtures/county-gx)",
)];

/// The project directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The ids of the bundled regions: the stems of `data/regions/*.yaml`, sorted.
pub fn regions() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root().join("data/regions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert!(!ids.is_empty(), "no region files in data/regions");
    ids
}

/// How many briefings the bundled data makes: every region × every audience.
pub fn briefing_count() -> usize {
    regions().len() * AUDIENCES.len()
}

/// Text without whitespace (line breaks, and the spaces a PDF reader puts between glyphs)
/// and word joiners.
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{2060}')
        .collect()
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

/// A temp dir holding a copy of the bundled data in `data/`, for tests that break it.
pub fn data_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_data(tmp.path());
    tmp
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

/// One run of the real `brief` binary: from the project directory unless told otherwise,
/// without `SOURCE_DATE_EPOCH` from the caller's environment, and with `RUST_BACKTRACE=1`
/// so that a panic cannot pass for an error message.
pub struct Brief {
    command: Command,
}

impl Brief {
    pub fn new() -> Brief {
        let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
        command
            .current_dir(root())
            // The bundled fonts wherever a test runs; a test of fonts passes --fonts.
            .env("BRIEF_FONTS", root().join("fonts"))
            .env_remove("SOURCE_DATE_EPOCH")
            // Every briefing with a fact for its reader is issued: tests of the machinery do
            // not depend on how much a region has to say. The tests of what is issued (golden,
            // prose, audiences) remove this and read the shipped threshold.
            .env("BRIEF_MIN_FIGURES", "0")
            .env("RUST_BACKTRACE", "1");
        Brief { command }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Brief {
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Brief
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Brief {
        self.command.current_dir(dir);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Brief {
        self.command.env(key, value);
        self
    }

    /// The shipped threshold of what is issued, rather than every briefing with a fact.
    pub fn issued_only(self) -> Brief {
        self.env_remove("BRIEF_MIN_FIGURES")
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Brief {
        self.command.env_remove(key);
        self
    }

    /// Runs brief to the end.
    /// The configured command, for a test that starts several at once.
    pub fn command(self) -> Command {
        self.command
    }

    pub fn run(mut self) -> Run {
        let output = self.command.output().expect("run brief");
        Run { output }
    }

    /// Starts brief with stderr piped and stdout discarded, for tests that act while it runs.
    pub fn spawn(mut self) -> Child {
        self.command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start brief")
    }
}

/// What a finished run of brief left: its exit status and its output.
pub struct Run {
    output: Output,
}

impl Run {
    /// The exit code; `None` when brief was killed by a signal.
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// Whether brief exited 0.
    pub fn ok(&self) -> bool {
        self.output.status.success()
    }

    /// Fails unless brief exited 0, showing what it said.
    #[track_caller]
    pub fn success(&self) -> &Run {
        assert!(
            self.ok(),
            "brief exited with {:?}:\n{}",
            self.output.status,
            self.stderr()
        );
        self
    }

    /// Fails unless brief exited with `code`, showing what it said.
    #[track_caller]
    pub fn failure(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            Some(code),
            "brief exited with {:?}, not {code}:\n{}",
            self.output.status,
            self.stderr()
        );
        self
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stdout_bytes(&self) -> &[u8] {
        &self.output.stdout
    }
}
