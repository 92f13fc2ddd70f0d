//! Turning facts into Typst source: the minijinja environment, Typst escaping and the filters
//! that format Chinese figures.
//!
//! Every value printed by a template passes through [`typst_formatter`]: strings are escaped
//! for Typst markup unless a filter marked them safe, so a fact can never inject markup.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};
use serde::Serialize;

use crate::facts::{Audience, Fact, FactBase, Kind, QualifierPlace, Region, Vocabulary};

/// The templates compiled into the binary; `--templates DIR` overrides them file by file.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("base.typ.j2", include_str!("../templates/base.typ.j2")),
    ("macros.typ.j2", include_str!("../templates/macros.typ.j2")),
    (
        "investor.typ.j2",
        include_str!("../templates/investor.typ.j2"),
    ),
    (
        "tourism.typ.j2",
        include_str!("../templates/tourism.typ.j2"),
    ),
    ("policy.typ.j2", include_str!("../templates/policy.typ.j2")),
];

/// Instructions a template may run before it is stopped: far beyond what a briefing needs.
const FUEL: u64 = 50_000_000;

/// Escapes text for Typst markup so that it prints literally.
///
/// Every ASCII character with a meaning in markup gets a backslash; a line feed becomes a
/// `#linebreak()`; other control characters are dropped (`brief check` rejects them in facts).
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            // Typst also breaks lines at U+0085, U+2028 and U+2029.
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("#linebreak();"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '#' | '$' | '*' | '_' | '`' | '<' | '>' | '@' | '[' | ']' | '{' | '}' | '='
            | '-' | '+' | '/' | '~' | '"' | '\'' | ':' => {
                out.push('\\');
                out.push(c);
            }
            // `1.` opens a numbered list and `...` is an ellipsis; a lone full stop is plain.
            '.' if chars.get(i + 1) == Some(&'.')
                || (i > 0
                    && chars[..i].iter().all(|d| d.is_ascii_digit())
                    && chars.get(i + 1).is_none_or(|n| n.is_whitespace())) =>
            {
                out.push_str("\\.");
            }
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal (with its quotes) holding `text`.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The minijinja formatter for `.typ.j2` templates: escape everything not marked safe,
/// and refuse to print a missing value rather than write "none".
pub fn typst_formatter(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "the template printed a missing value (none); guard it with `{% if … %}`",
        ));
    }
    let escape = matches!(state.auto_escape(), AutoEscape::Custom("typst"));
    if value.is_safe() || !escape {
        write!(out, "{value}").map_err(Error::from)
    } else if let Some(s) = value.as_str() {
        out.write_str(&escape_markup(s)).map_err(Error::from)
    } else if let Ok(n) = f64::try_from(value.clone()) {
        out.write_str(&escape_markup(&format_number(n)))
            .map_err(Error::from)
    } else {
        out.write_str(&escape_markup(&value.to_string()))
            .map_err(Error::from)
    }
}

/// Formats a number the way the article would print it: no trailing `.0`, integer part
/// of five digits or more grouped by three with commas (22,862), four digits not (1988).
pub fn format_number(v: f64) -> String {
    let raw = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    let (sign, rest) = match raw.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", raw.as_str()),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if int.len() < 5 || !int.chars().all(|c| c.is_ascii_digit()) {
        return raw;
    }
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
}

/// A figure with its qualifier in the article's word order: 预计142亿元, 3000余亩, 5%左右.
pub fn format_quantity(
    vocab: &Vocabulary,
    value: f64,
    unit: &str,
    qualifier: Option<&str>,
) -> String {
    let n = format_number(value);
    match qualifier.map(|q| (q, vocab.qualifier_place(q))) {
        Some((q, Some(QualifierPlace::Before))) => format!("{q}{n}{unit}"),
        Some((q, Some(QualifierPlace::Between))) => format!("{n}{q}{unit}"),
        Some((q, Some(QualifierPlace::After))) => format!("{n}{unit}{q}"),
        _ => format!("{n}{unit}"),
    }
}

/// The period a fact describes: 2022年, 2012～2021年, 2022年上半年, “十三五”期间.
pub fn format_when(fact: &Fact) -> Option<String> {
    match (fact.from_year, fact.year, &fact.period) {
        (Some(from), Some(to), _) => Some(format!("{from}～{to}年")),
        (None, Some(y), Some(p)) => Some(format!("{y}年{p}")),
        (None, Some(y), None) => Some(format!("{y}年")),
        (Some(from), None, _) => Some(format!("{from}年以来")),
        (None, None, Some(p)) => Some(p.clone()),
        (None, None, None) => None,
    }
}

/// The change a fact reports: 增长5%左右, 增长约50%, 增长2.13倍, 下降3%.
pub fn format_change(vocab: &Vocabulary, fact: &Fact) -> Option<String> {
    let g = fact.growth.as_ref()?;
    let verb = match (g.value < 0.0, g.unit.as_str()) {
        (false, "个百分点") => "提高",
        (true, "个百分点") => "降低",
        (false, _) => "增长",
        (true, _) => "下降",
    };
    Some(format!(
        "{verb}{}",
        format_quantity(vocab, g.value.abs(), &g.unit, g.qualifier.as_deref())
    ))
}

/// What a template sees of one fact: the fact's fields plus its formatted pieces.
#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    pub kind: Kind,
    pub key: Option<String>,
    pub name: String,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub year: Option<i64>,
    pub period: Option<String>,
    pub target: bool,
    pub grade: Option<String>,
    pub level: Option<String>,
    pub note: Option<String>,
    pub source: String,
    pub audiences: Vec<Audience>,
    /// The figure as printed: 预计142亿元.
    pub num: Option<String>,
    /// When: 2022年.
    pub when: Option<String>,
    /// The change: 增长5%左右.
    pub change: Option<String>,
    /// The base of the change: 9999.5元.
    pub base_num: Option<String>,
    pub base_year: Option<i64>,
}

impl FactView {
    pub fn new(f: &Fact, vocab: &Vocabulary) -> FactView {
        let unit = f.unit.clone().unwrap_or_default();
        FactView {
            kind: f.kind,
            key: f.key.clone(),
            name: f.name.clone(),
            value: f.value,
            unit: f.unit.clone(),
            qualifier: f.qualifier.clone(),
            year: f.year,
            period: f.period.clone(),
            target: f.target,
            grade: f.grade.clone(),
            level: f.level.clone(),
            note: f.note.clone(),
            source: f.source.clone(),
            audiences: f.audiences().to_vec(),
            num: f
                .value
                .map(|v| format_quantity(vocab, v, &unit, f.qualifier.as_deref())),
            when: format_when(f),
            change: format_change(vocab, f),
            base_num: f
                .base
                .as_ref()
                .map(|b| format_quantity(vocab, b.value, &unit, None)),
            base_year: f.base.as_ref().and_then(|b| b.year),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionView {
    pub id: String,
    pub name: String,
    pub short: String,
    pub level: &'static str,
    pub province: Option<String>,
    pub parent: Option<Box<RegionView>>,
    /// Keyed facts, whatever their audience.
    pub key: BTreeMap<String, FactView>,
    /// Its graded scenic areas, highest grade first.
    pub scenic: Vec<FactView>,
    /// Its facts for the briefing's audience (for the city's parts; empty for the region itself).
    pub served: Vec<FactView>,
    /// Its facts with a figure, for any audience (for the city's parts; empty otherwise).
    pub valued: Vec<FactView>,
}

impl RegionView {
    fn new(
        base: &FactBase,
        r: &Region,
        with_parent: bool,
        audience: Option<Audience>,
    ) -> RegionView {
        RegionView {
            id: r.id.clone(),
            name: r.name.clone(),
            short: r.short.clone(),
            level: r.level.as_str(),
            province: r.province.clone(),
            parent: r
                .parent
                .as_deref()
                .filter(|_| with_parent)
                .and_then(|p| base.region(p))
                .map(|p| Box::new(RegionView::new(base, p, false, None))),
            key: r
                .facts
                .iter()
                .filter_map(|f| f.key.clone().map(|k| (k, FactView::new(f, &base.vocab))))
                .collect(),
            scenic: {
                let mut v: Vec<FactView> = r
                    .facts
                    .iter()
                    .filter(|f| f.kind == Kind::Scenic)
                    .map(|f| FactView::new(f, &base.vocab))
                    .collect();
                v.sort_by(|a, b| b.grade.cmp(&a.grade));
                v
            },
            served: match audience {
                Some(a) => r
                    .facts
                    .iter()
                    .filter(|f| f.serves(a))
                    .map(|f| FactView::new(f, &base.vocab))
                    .collect(),
                None => Vec::new(),
            },
            valued: match audience {
                Some(_) => r
                    .facts
                    .iter()
                    .filter(|f| f.value.is_some())
                    .map(|f| FactView::new(f, &base.vocab))
                    .collect(),
                None => Vec::new(),
            },
        }
    }
}

/// The date a briefing is generated on.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct BriefDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl BriefDate {
    pub fn from_naive(d: chrono::NaiveDate) -> BriefDate {
        use chrono::Datelike;
        BriefDate {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }

    /// 2026年11月22日
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// Everything a template can read.
#[derive(Debug, Clone, Serialize)]
pub struct BriefContext {
    pub audience: Audience,
    /// 投资环境简报
    pub title: &'static str,
    pub region: RegionView,
    /// The region's facts for this audience, by kind, in file order.
    pub facts: BTreeMap<&'static str, Vec<FactView>>,
    /// The region's facts for this audience, in file order.
    pub served: Vec<FactView>,
    /// All the region's facts, in file order.
    pub everything: Vec<FactView>,
    /// The parent region's facts for this audience (empty for a top-level region).
    pub parent_served: Vec<FactView>,
    pub children: Vec<RegionView>,
    pub sources: Vec<crate::facts::Source>,
    pub date: BriefDate,
    pub date_cn: String,
    /// The latest year the briefing's facts describe: 2023年.
    pub data_until: Option<String>,
    pub generator: String,
}

impl BriefContext {
    pub fn new(
        base: &FactBase,
        region: &Region,
        audience: Audience,
        date: BriefDate,
    ) -> BriefContext {
        let by_kind = |keep: &dyn Fn(&Fact) -> bool| -> BTreeMap<&'static str, Vec<FactView>> {
            let mut map: BTreeMap<&'static str, Vec<FactView>> =
                Kind::ALL.iter().map(|k| (k.as_str(), Vec::new())).collect();
            for f in region.facts.iter().filter(|f| keep(f)) {
                map.entry(f.kind.as_str())
                    .or_default()
                    .push(FactView::new(f, &base.vocab));
            }
            map
        };
        let data_until = region
            .facts
            .iter()
            .filter(|f| f.serves(audience) && !f.target)
            .filter_map(|f| f.year)
            .max()
            .map(|y| format!("{y}年"));
        BriefContext {
            audience,
            title: audience.title(),
            region: RegionView::new(base, region, true, None),
            facts: by_kind(&|f| f.serves(audience)),
            served: region
                .facts
                .iter()
                .filter(|f| f.serves(audience))
                .map(|f| FactView::new(f, &base.vocab))
                .collect(),
            everything: region
                .facts
                .iter()
                .map(|f| FactView::new(f, &base.vocab))
                .collect(),
            parent_served: region
                .parent
                .as_deref()
                .and_then(|p| base.region(p))
                .map(|p| {
                    p.facts
                        .iter()
                        .filter(|f| f.serves(audience))
                        .map(|f| FactView::new(f, &base.vocab))
                        .collect()
                })
                .unwrap_or_default(),
            children: base
                .children(&region.id)
                .into_iter()
                .map(|c| RegionView::new(base, c, false, Some(audience)))
                .collect(),
            // Only the articles this briefing can cite: an article added for another region
            // leaves this briefing's source, and so its build, unchanged.
            sources: {
                let mut cited: std::collections::BTreeSet<&str> =
                    region.facts.iter().map(|f| f.source.as_str()).collect();
                for other in base
                    .children(&region.id)
                    .into_iter()
                    .chain(region.parent.as_deref().and_then(|p| base.region(p)))
                {
                    cited.extend(other.facts.iter().map(|f| f.source.as_str()));
                }
                base.sources
                    .iter()
                    .filter(|s| cited.contains(s.id.as_str()))
                    .cloned()
                    .collect()
            },
            date,
            date_cn: date.chinese(),
            data_until,
            generator: format!("brief {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// Template names come from templates and the command line: keep them inside the directory.
fn safe_template_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains("..")
        && !name.contains('\\')
        && name.chars().all(|c| !c.is_control())
}

/// Builds the environment: embedded templates, overridden file by file from `dir`.
pub fn environment(dir: Option<&Path>) -> Result<Environment<'static>> {
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
            let path = dir.join(name);
            if path.is_file() {
                return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                    Error::new(
                        ErrorKind::InvalidOperation,
                        format!("cannot read template {}: {e}", path.display()),
                    )
                });
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
    env.add_filter("cite_plain", |f: Value| source_marker(&f, "srcn"));
    env.add_function("pick", pick);
    env.add_function("present_keys", present_keys);
    env.add_filter("rank", rank);
    env.add_function("chart_rows", chart_rows);
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
    Ok(Value::from_safe_string(format!(
        "#{function}({});",
        typst_string(src)
    )))
}

/// `pick(map, "a", "b")` or `pick(map, ["a", "b"])`: the values of those keys that the map
/// has, in that order.
fn pick(map: Value, keys: minijinja::value::Rest<Value>) -> Result<Value, Error> {
    let mut names = Vec::new();
    for k in keys.iter() {
        if k.as_str().is_some() {
            names.push(k.clone());
        } else {
            names.extend(k.try_iter()?);
        }
    }
    let mut out = Vec::new();
    for k in names {
        if let Ok(v) = map.get_item(&k) {
            if !v.is_undefined() && !v.is_none() {
                out.push(v);
            }
        }
    }
    Ok(Value::from(out))
}

/// `present_keys(regions, keys)`: those keys that at least one of the regions has.
fn present_keys(regions: Value, keys: Vec<String>) -> Result<Value, Error> {
    let mut out = Vec::new();
    for k in keys {
        let mut found = false;
        for r in regions.try_iter()? {
            let map = r.get_attr("key")?;
            if map
                .get_item(&Value::from(k.as_str()))
                .is_ok_and(|v| !v.is_undefined())
            {
                found = true;
                break;
            }
        }
        if found {
            out.push(Value::from(k));
        }
    }
    Ok(Value::from(out))
}

/// How a unit ranks in a list of projects: money first, largest unit first.
fn unit_rank(unit: Option<&str>) -> u8 {
    match unit {
        Some("亿元") => 0,
        Some("万元") => 1,
        Some("元") => 2,
        Some(_) => 3,
        None => 4,
    }
}

/// `facts | rank`: money figures first (亿元, then 万元), each largest first; then other
/// figures; then facts without a figure, in file order.
fn rank(list: Value) -> Result<Value, Error> {
    let mut rows: Vec<(u8, f64, usize, Value)> = Vec::new();
    for (i, f) in list.try_iter()?.enumerate() {
        let unit = f.get_attr("unit")?;
        let value = f64::try_from(f.get_attr("value")?).unwrap_or(0.0);
        rows.push((unit_rank(unit.as_str()), value, i, f));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    Ok(Value::from(
        rows.into_iter().map(|r| r.3).collect::<Vec<_>>(),
    ))
}

/// Units that rank rather than measure make no sense as bars.
const UNCHARTED_UNITS: &[&str] = &["位", "年", "届", "强"];

/// `chart_rows(facts)`: the facts of the unit most of them share (at least two, 亿元 winning
/// ties), largest first, at most eight, one per name; an empty list when there are too few.
fn chart_rows(list: Value) -> Result<Value, Error> {
    type Row = (f64, String, Value);
    let mut groups: Vec<(String, Vec<Row>)> = Vec::new();
    for f in list.try_iter()? {
        let value = f.get_attr("value")?;
        let unit = f.get_attr("unit")?;
        let target = f.get_attr("target")?.is_true();
        let (Ok(v), Some(u)) = (f64::try_from(value), unit.as_str()) else {
            continue;
        };
        if target || v <= 0.0 || UNCHARTED_UNITS.contains(&u) {
            continue;
        }
        let name = f.get_attr("name")?.to_string();
        match groups.iter_mut().find(|(gu, _)| gu == u) {
            Some((_, rows)) => {
                if !rows.iter().any(|(_, n, _)| *n == name) {
                    rows.push((v, name, f.clone()));
                }
            }
            None => groups.push((u.to_string(), vec![(v, name, f.clone())])),
        }
    }
    let best = groups
        .into_iter()
        .filter(|(_, rows)| rows.len() >= 2)
        .max_by_key(|(u, rows)| (rows.len().min(8), u == "亿元"));
    let Some((_, mut rows)) = best else {
        return Ok(Value::from(Vec::<Value>::new()));
    };
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(Value::from(
        rows.into_iter()
            .take(8)
            .map(|(_, _, f)| f)
            .collect::<Vec<_>>(),
    ))
}

/// Renders one briefing's Typst source.
pub fn render(env: &Environment, ctx: &BriefContext) -> Result<String> {
    let name = format!("{}.typ.j2", ctx.audience.as_str());
    let tmpl = env.get_template(&name).map_err(template_error)?;
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

/// Why `region` has no briefing for `audience`, if it has none: nothing of its own for that
/// reader, and not two parts with figures for it.
pub fn hollow(base: &FactBase, region: &Region, audience: Audience) -> Option<String> {
    if region.facts.iter().any(|f| f.serves(audience)) {
        return None;
    }
    let parts_with_figures = base
        .children(&region.id)
        .into_iter()
        .filter(|c| {
            c.facts
                .iter()
                .any(|f| f.serves(audience) && f.value.is_some())
        })
        .count();
    if parts_with_figures >= 2 {
        return None;
    }
    Some(format!(
        "no facts for the {audience} reader in {}",
        region.file.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(format_number(142.0), "142");
        assert_eq!(format_number(23.12), "23.12");
        assert_eq!(format_number(1988.0), "1988");
        assert_eq!(format_number(22862.0), "22,862");
        assert_eq!(format_number(9999.5), "9999.5");
        assert_eq!(format_number(123456.25), "123,456.25");
        assert_eq!(format_number(-14248.0), "-14,248");
    }

    #[test]
    fn quantities_keep_the_qualifier_in_place() {
        let v = Vocabulary::builtin();
        assert_eq!(
            format_quantity(&v, 142.0, "亿元", Some("预计")),
            "预计142亿元"
        );
        assert_eq!(format_quantity(&v, 3000.0, "亩", Some("余")), "3000余亩");
        assert_eq!(format_quantity(&v, 5.0, "%", Some("左右")), "5%左右");
        assert_eq!(
            format_quantity(&v, 110.0, "万亩", Some("以上")),
            "110万亩以上"
        );
        assert_eq!(
            format_quantity(&v, 200.0, "亿元", Some("超过")),
            "超过200亿元"
        );
    }

    #[test]
    fn escaping_makes_markup_literal() {
        assert_eq!(
            escape_markup("#read(\"/etc/passwd\")"),
            "\\#read(\\\"\\/etc\\/passwd\\\")"
        );
        assert_eq!(escape_markup("= 标题"), "\\= 标题");
        assert_eq!(escape_markup("1. 项"), "1\\. 项");
        assert_eq!(escape_markup("23.12亿元"), "23.12亿元");
        assert_eq!(escape_markup("a\nb"), "a#linebreak();b");
        assert_eq!(escape_markup("甲\u{2028}1. 乙"), "甲#linebreak();1. 乙");
        assert_eq!(typst_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
