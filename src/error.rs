//! Errors with hints as data, the one place they are printed, and the one place the exit
//! status is decided.
//!
//! A message says what failed and why; a hint says what to do. brief keeps them apart, with
//! one idiom: [`hinted`] makes an error with its hint (a [`Hinted`]), [`HintExt::hint`] adds a
//! hint to any error; [`report`] prints `error: …` with the causes, then each `hint: …`. Data
//! problems ([`Problems`]) print one located line each, with the hint under its problem.
//! [`code`] turns a run's result into its exit status in one `match`.

use std::fmt;

use crate::facts::Problems;

/// An error message with the hints that go with it.
#[derive(Debug)]
pub struct Hinted {
    pub message: String,
    pub hints: Vec<String>,
}

impl fmt::Display for Hinted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Hinted {}

/// A hint added to an error as a layer around it: it adds no words to the message.
#[derive(Debug)]
pub struct WithHint {
    pub hint: String,
    pub inner: anyhow::Error,
}

impl fmt::Display for WithHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl std::error::Error for WithHint {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.inner.as_ref())
    }
}

/// A command line that names what does not exist (an audience the templates do not define):
/// a usage error, exit status 2, like clap's own. A layer that adds no words to the message.
#[derive(Debug)]
pub struct Usage {
    pub inner: anyhow::Error,
}

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl std::error::Error for Usage {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.inner.as_ref())
    }
}

/// Marks `err` as a usage error.
pub fn usage(err: anyhow::Error) -> anyhow::Error {
    anyhow::Error::new(Usage { inner: err })
}

/// Adds `hint` to `err`.
pub fn add_hint(err: anyhow::Error, hint: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(WithHint {
        hint: hint.into(),
        inner: err,
    })
}

/// An error with one hint.
pub fn hinted(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    hinted_all(message, [hint.into()])
}

/// An error with any number of hints (none, for a message that has no fix to suggest).
pub fn hinted_all(
    message: impl Into<String>,
    hints: impl IntoIterator<Item = String>,
) -> anyhow::Error {
    anyhow::Error::new(Hinted {
        message: message.into(),
        hints: hints.into_iter().collect(),
    })
}

/// The run was stopped by Ctrl-C, SIGTERM or SIGHUP.
#[derive(Debug, thiserror::Error)]
#[error("interrupted")]
pub struct Interrupted;

/// The command has already printed why it failed (every data problem, each failed briefing,
/// each unverified figure): exit status 1, and nothing more to print.
#[derive(Debug, thiserror::Error)]
#[error("")]
pub struct Reported;

/// The exit status of a run: 0 on success (and for a closed pipe on standard output, whose
/// reader has what it wanted), 2 for a usage error, 130 when interrupted, 1 for any other
/// error.
pub fn code(result: &anyhow::Result<()>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) if e.chain().any(|c| c.is::<Interrupted>()) => 130,
        Err(e) if is_broken_pipe(e) => 0,
        Err(e) if e.chain().any(|c| c.is::<Usage>()) => 2,
        Err(_) => 1,
    }
}

pub trait HintExt<T> {
    /// Adds a hint to the error, if any.
    fn hint(self, hint: impl Into<String>) -> anyhow::Result<T>;
}

impl<T, E> HintExt<T> for Result<T, E>
where
    E: Into<anyhow::Error>,
{
    fn hint(self, hint: impl Into<String>) -> anyhow::Result<T> {
        self.map_err(|e| add_hint(e.into(), hint))
    }
}

/// Prints the error of a run, where there is one to print, and returns the exit status.
pub fn finish(result: &anyhow::Result<()>) -> i32 {
    let code = code(result);
    if let Err(err) = result {
        let text = report(err);
        // An interrupted run said so; a closed pipe's reader has what it wanted.
        if code != 130 && !is_broken_pipe(err) && !text.is_empty() {
            crate::say!("{text}");
        }
    }
    code
}

/// The text brief prints for an error: `error: ` and the causes joined by `: `, the located
/// problems of a fact base one per line, and the hints last; nothing for an error already
/// reported.
pub fn report(err: &anyhow::Error) -> String {
    if err.is::<Reported>() {
        return String::new();
    }
    let mut message: Vec<String> = Vec::new();
    let mut hints: Vec<String> = Vec::new();
    let mut problems = String::new();
    for cause in err.chain() {
        if cause.is::<Usage>() {
            continue;
        }
        if let Some(h) = cause.downcast_ref::<WithHint>() {
            hints.push(h.hint.clone());
        } else if let Some(h) = cause.downcast_ref::<Hinted>() {
            message.push(h.message.clone());
            hints.extend(h.hints.iter().cloned());
        } else if let Some(p) = cause.downcast_ref::<Problems>() {
            message.push(p.summary());
            for d in &p.list {
                problems.push('\n');
                problems.push_str(&d.to_string());
            }
            hints.push(Problems::HINT.into());
        } else {
            message.push(cause.to_string());
        }
    }
    let mut out = format!("error: {}", message.join(": "));
    out.push_str(&problems);
    for h in hints {
        out.push_str("\nhint: ");
        out.push_str(&h);
    }
    out
}

/// Whether the error is a closed pipe on standard output (`brief regions | head -1`): the
/// reader has what it wanted, and brief ends quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes a line to standard error. A log that cannot be written (a full disk, a closed
/// terminal) never stops the work, so the error is dropped.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context as _;

    #[test]
    fn hints_print_after_the_message_and_never_inside_it() {
        let err = hinted(
            "templates directory /x not found",
            "--templates takes a directory",
        );
        assert_eq!(
            report(&err),
            "error: templates directory /x not found\nhint: --templates takes a directory"
        );
        let err: anyhow::Result<()> = Err(std::io::Error::other("disk full").into());
        let err = err
            .context("cannot write out/a.pdf")
            .hint("free some space")
            .unwrap_err();
        assert_eq!(
            report(&err),
            "error: cannot write out/a.pdf: disk full\nhint: free some space"
        );
    }
}
