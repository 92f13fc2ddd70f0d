//! Turning facts into Typst source: the minijinja environment, Typst escaping and the filters
//! that format Chinese figures.
//!
//! Every value printed by a template passes through [`typst_formatter`]: strings are escaped
//! for Typst markup unless a filter marked them safe, so a fact can never inject markup.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};

use crate::facts::Audience;

/// The templates compiled into the binary; `--templates DIR` overrides them file by file.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("base.typ.j2", include_str!("../../templates/base.typ.j2")),
    (
        "macros.typ.j2",
        include_str!("../../templates/macros.typ.j2"),
    ),
    (
        "briefing.typ.j2",
        include_str!("../../templates/briefing.typ.j2"),
    ),
];

/// Instructions a template may run before it is stopped: far beyond what a briefing needs.
const FUEL: u64 = 50_000_000;

pub mod audiences;
mod chart;
mod escape;
mod format;
mod office;
mod parts;
mod plan;
mod summary;
mod table;
mod view;
mod write;

pub use audiences::{AudienceDef, Audiences, Reader, Reading};
pub use chart::{Chart, ChartRow};
pub use escape::{escape_markup, typst_formatter, typst_string};
pub use format::{
    format_change, format_figure, format_number, format_quantity, format_when, goal_year, past_goal,
};
pub use office::{ColophonView, OfficeView};
pub use parts::Parts;
pub use plan::{hollow, own_figures, Section, MIN_FIGURES};
pub use table::{Row, Table};
pub use view::{BriefContext, BriefDate, FactView, Frame, RegionView, SourceView};
pub use write::{Opening, Sentence, Writer};

/// The templates and the audiences they are written for: what a briefing is rendered with.
pub struct Templates {
    pub env: Environment<'static>,
    pub audiences: Audiences,
    /// The directory that overrides the built-in templates, if any.
    pub dir: Option<PathBuf>,
}

impl Templates {
    /// The reader `id`, or an error that names the audiences there are.
    pub fn reader(&self, id: Audience) -> Result<Reader<'_>> {
        self.audiences.reader(id)
    }

    /// Whether a template of this name exists (a file of the directory, or a built-in one),
    /// whether or not it parses.
    pub fn has(&self, name: &str) -> bool {
        safe_template_name(name)
            && (self.dir.as_ref().is_some_and(|d| d.join(name).is_file())
                || EMBEDDED.iter().any(|(n, _)| *n == name))
    }

    /// Every audience issues a briefing from `n` figures of the region's own (`--min-figures`),
    /// however few its topics.
    pub fn with_min_figures(mut self, n: Option<usize>) -> Templates {
        if let Some(n) = n {
            for a in &mut self.audiences.list {
                a.min_figures = Some(n);
                a.min_topics = Some(0);
            }
        }
        self
    }

    /// Refuses a fact base whose facts name an audience these templates do not define: such
    /// a fact would print nowhere.
    pub fn accept(&self, base: &crate::facts::FactBase) -> Result<()> {
        let list = self.audiences.check_facts(base);
        if list.is_empty() {
            return Ok(());
        }
        Err(crate::facts::Problems {
            dir: base.dir.clone(),
            list,
        }
        .into())
    }
}

/// Template names come from templates and the command line: keep them inside the directory.
pub(crate) fn safe_template_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains("..")
        && !name.contains('\\')
        && name.chars().all(|c| !c.is_control())
}

/// The templates and audiences: embedded, overridden file by file from `dir`.
pub fn environment(dir: Option<&Path>) -> Result<Templates> {
    let env = minijinja_environment(dir)?;
    let audiences = Audiences::load(dir)?;
    Ok(Templates {
        env,
        audiences,
        dir: dir.map(Path::to_path_buf),
    })
}

/// The minijinja environment: embedded templates, overridden file by file from `dir`.
fn minijinja_environment(dir: Option<&Path>) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_keep_trailing_newline(true);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    // Every template brief renders produces Typst, whatever its file is called.
    env.set_auto_escape_callback(|_| AutoEscape::Custom("typst"));
    env.set_formatter(typst_formatter);
    if let Some(dir) = dir {
        if !dir.is_dir() {
            return Err(crate::error::hinted(
                format!("templates directory {} not found", dir.display()),
                "--templates takes a directory whose files override the built-in templates",
            ));
        }
    }
    let dir: Option<PathBuf> = dir.map(Path::to_path_buf);
    env.set_loader(move |name| {
        if !safe_template_name(name) {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("template name `{name}` leaves the templates directory"),
            ));
        }
        if let Some(dir) = &dir {
            // A regular file inside the directory, links included, and no larger than
            // MAX_TEMPLATE: a template cannot read a file elsewhere, nor exhaust memory.
            let path = dir.join(name);
            use crate::input::{read_text, Links, MAX_TEMPLATE};
            match read_text(&path, MAX_TEMPLATE, Links::Within(dir)) {
                Ok(text) => return Ok(Some(text)),
                Err(e) if e.is_missing() => {}
                Err(e) => {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!("cannot use template {name}: {e}"),
                    ))
                }
            }
        }
        Ok(EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, src)| src.to_string()))
    });
    env.add_filter("tstr", |s: String| {
        Value::from_safe_string(typst_string(&s))
    });
    env.add_filter("tnum", |v: f64| -> Result<Value, Error> {
        if v.is_finite() {
            Ok(Value::from_safe_string(format!("{v}")))
        } else {
            Err(Error::new(
                ErrorKind::InvalidOperation,
                "not a finite number",
            ))
        }
    });
    // Column widths and alignments of a table: a length or an alignment, nothing else.
    env.add_filter("tlen", |s: String| -> Result<Value, Error> {
        let num = s.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
        let unit = &s[num.len()..];
        let length = !num.is_empty()
            && num.chars().all(|c| c.is_ascii_digit() || c == '.')
            && ["fr", "pt", "em", "mm", "%"].contains(&unit);
        if length || ["left", "right", "center"].contains(&s.as_str()) {
            Ok(Value::from_safe_string(s))
        } else {
            Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("`{s}` is not a column width or alignment"),
            ))
        }
    });
    env.add_filter("cite_plain", |f: Value| source_marker(&f, "srcn"));
    env.add_filter("cite", |f: Value| source_marker(&f, "src"));
    Ok(env)
}

/// A fact's source marker: `#src("file");` (superscript) or `#srcn("file");` (plain, for a
/// table's 来源 column). A fact without a source cannot be cited, so it cannot be printed.
fn source_marker(fact: &Value, function: &str) -> Result<Value, Error> {
    let src = fact.get_attr("source")?;
    let src = src.as_str().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            "a source marker needs a fact with a source",
        )
    })?;
    let mut marker = format!("#{function}({});", typst_string(src));
    // A sentence whose figure other articles give too closes with their markers as well.
    if let Ok(also) = fact.get_attr("also").and_then(|a| a.try_iter()) {
        for other in also {
            if let Some(id) = other.as_str() {
                marker.push_str(&format!("#{function}({});", typst_string(id)));
            }
        }
    }
    Ok(Value::from_safe_string(marker))
}

/// Renders one briefing's Typst source, with the template its audience names.
pub fn render(templates: &Templates, ctx: &BriefContext) -> Result<String> {
    let def = templates.audiences.find(ctx.audience)?;
    let name = def.template(|n| templates.has(n));
    let tmpl = templates.env.get_template(&name).map_err(template_error)?;
    crate::memory::bounded(|| tmpl.render(ctx)).map_err(template_error)
}

/// minijinja's error with the template's name, line and the chain of causes.
pub fn template_error(err: Error) -> anyhow::Error {
    let place = match (err.name(), err.line()) {
        (Some(n), Some(l)) => format!("{n}:{l}: "),
        (Some(n), None) => format!("{n}: "),
        _ => String::new(),
    };
    let mut msg = format!(
        "template error: {place}{}",
        err.detail().unwrap_or(&err.kind().to_string())
    );
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    anyhow!(msg)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_sentences;
#[cfg(test)]
mod tests_summary;
#[cfg(test)]
mod tests_tables;
