//! Validating the fact base: every rule a region, a fact or a source must keep, each problem
//! reported at the file, line and column of the value that breaks it.
//!
//! One [`Checker`] per file knows where its values stand; the rules are phases that report
//! through it: the raw YAML (tags, nulls, number spellings), a region's identity, each fact's
//! text, figure, growth, base and labels, and what spans regions (the graph).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::number::{parse_year, Number};
use super::positions::PosIndex;
use super::{Diagnostic, Fact, Kind, Region, Severity, Source, Vocabulary};
use crate::article::figure::RELATIVE_LEVEL;

mod graph;
mod text;

pub use graph::graph;
pub use text::{
    is_invisible, is_valid_id, is_valid_name, is_valid_source_id, may_hide_raw_problems, shown,
    text_problem,
};

pub const GRADES: &[&str] = &["5A", "4A", "3A", "2A", "1A"];
pub const LEVELS: &[&str] = &["国家级", "省级", "市级", "全国", "全省", "全市"];
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2100;

/// Words by which a note speaks of the article rather than of the region: such a note is for
/// maintainers (`remark`), not for the reader.
const ARTICLE_WORDS: &[&str] = &[
    "报道",
    "配图",
    "图片说明",
    "口径",
    "同文",
    "原文",
    "文中",
    "本文",
    "记者",
    "见于",
    "稿件",
    "该文",
];

/// Reports problems of one file, at the positions of its values.
pub struct Checker<'a> {
    pub file: &'a Path,
    pub pos: &'a PosIndex,
    pub problems: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, severity: Severity, path: &[&str], message: String, hint: Option<String>) {
        let (line, column) = self.pos.get(path);
        self.problems.push(Diagnostic {
            severity,
            file: self.file.to_path_buf(),
            line,
            column,
            message,
            hint,
        });
    }

    pub fn error(&mut self, path: &[&str], message: String, hint: Option<String>) {
        self.report(Severity::Error, path, message, hint);
    }

    pub fn warn(&mut self, path: &[&str], message: String, hint: Option<String>) {
        self.report(Severity::Warning, path, message, hint);
    }

    /// Text that reaches a page or a terminal must be printable.
    pub fn text(&mut self, path: &[&str], text: &str) {
        if let Some(problem) = text_problem(text) {
            self.error(path, problem.0, Some(problem.1.into()));
        }
    }

    /// The YAML as written: no tags, no nulls where a value is meant, numbers in plain decimal.
    pub fn raw(&mut self) {
        let pos = self.pos;
        for s in pos.scalars() {
            let field = s.path.rsplit('.').next().unwrap_or("");
            let path: Vec<&str> = s.path.split('.').collect();
            if let Some(tag) = &s.tag {
                self.error(
                    &path,
                    format!(
                        "the tag `{}` is not used in fact files",
                        shown(&tag.replace("tag:yaml.org,2002:", "!!"))
                    ),
                    Some("remove the tag and write the value plainly".into()),
                );
            } else if s.plain && matches!(s.text.as_str(), "~" | "null" | "Null" | "NULL" | "") {
                self.error(
                    &path,
                    format!("`{field}` has no value"),
                    Some("write a value, or remove the line".into()),
                );
            } else if matches!(field, "value" | "year" | "from_year") && !s.plain {
                self.error(
                    &path,
                    format!("`{field}` is quoted (`{}`): a figure is written as a number", shown(&s.text)),
                    Some("write the number as the article prints it, without quotes: 142, 23.12, 1313.70, 2022".into()),
                );
            } else if field == "value" {
                if let Err(e) = Number::parse(&s.text) {
                    self.error(
                        &path,
                        format!("`{field}` {}", e.message(&shown(&s.text))),
                        Some(e.hint().into()),
                    );
                }
            } else if matches!(field, "year" | "from_year") && parse_year(&s.text).is_none() {
                self.error(
                    &path,
                    format!(
                        "`{field}` is `{}`, not a year as an article prints it",
                        shown(&s.text)
                    ),
                    Some("write the year in full, without quotes: 2022".into()),
                );
            }
        }
    }
}

/// Whether negative figures make sense where a number stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sign {
    /// A level or count: never below zero.
    Positive,
    /// A change: may fall.
    Signed,
    /// A level relative to another (恢复到2019年同期的103.5%, 完成年度目标的112%): never
    /// below zero, and as a percentage it may pass 100.
    Relative,
}

fn number(c: &mut Checker, path: &[&str], n: &Number, unit: Option<&str>, sign: Sign) {
    let value = n.value();
    let why = if !value.is_finite() {
        Some("is not a number")
    } else if value < 0.0 && sign != Sign::Signed {
        Some("is negative")
    } else if unit == Some("%") && sign == Sign::Positive && value > 100.0 {
        Some("is a percentage above 100")
    } else if value.abs() >= 1e12 {
        Some("is implausibly large")
    } else {
        None
    };
    if let Some(why) = why {
        c.error(
            path,
            format!("value {n} {why}"),
            Some("write the figure exactly as the article gives it".into()),
        );
    }
}

fn year(c: &mut Checker, path: &[&str], year: i64) {
    if !YEARS.contains(&year) {
        c.error(
            path,
            format!("year {year} is outside {}–{}", YEARS.start(), YEARS.end()),
            Some("write the year in full, e.g. 2022".into()),
        );
    }
}

fn unit_hint(vocab: &Vocabulary, unit: &str) -> String {
    let close = vocab.closest_units(unit);
    let mut hint = String::new();
    if !close.is_empty() {
        hint.push_str(&format!("did you mean {}? ", close.join(" or ")));
    }
    hint.push_str("a new unit goes into vocabulary.yaml of the fact base, under what it measures (money, people, count, length, area …)");
    hint
}

fn qualifier_hint(vocab: &Vocabulary) -> String {
    use super::QualifierPlace::*;
    format!(
        "known: {} (before the number), {} (between number and unit), {} (after the unit); a new word goes into vocabulary.yaml under before, between or after",
        vocab.words_at(Before).join(" "),
        vocab.words_at(Between).join(" "),
        vocab.words_at(After).join(" ")
    )
}

/// One source entry of `sources.yaml`.
pub fn source(c: &mut Checker, index: usize, s: &Source) {
    let idx = index.to_string();
    if !is_valid_source_id(&s.id) {
        c.error(
            &[&idx, "id"],
            format!("source id `{}` is not a short ASCII id", shown(&s.id)),
            Some("use letters, digits, '-', '_' or '.', e.g. `luxi-2022`".into()),
        );
    }
    for (field, text) in [
        ("title", Some(&s.title)),
        ("outlet", s.outlet.as_ref()),
        ("period", Some(&s.period)),
        ("url", s.url.as_ref()),
        ("file", s.file.as_ref()),
    ] {
        if let Some(text) = text {
            c.text(&[&idx, field], text);
            if text.trim().is_empty() {
                c.error(&[&idx, field], format!("`{field}` is empty"), None);
            }
        }
    }
    if let Some(d) = &s.date {
        use chrono::Datelike as _;
        let day = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d");
        if day.is_err() || day.is_ok_and(|day| !YEARS.contains(&(day.year() as i64))) {
            c.error(
                &[&idx, "date"],
                format!("date `{}` is not a day", shown(d)),
                Some("write the publication day as YYYY-MM-DD, e.g. 2023-01-16".into()),
            );
        }
    }
    if let Some(f) = &s.file {
        if f.contains(['/', '\\']) || f.starts_with('.') {
            c.error(
                &[&idx, "file"],
                format!("file `{}` is not a plain file name", shown(f)),
                Some("name the article's text file inside the articles directory, e.g. luxi-2022.txt".into()),
            );
        }
    }
    if let Some(u) = &s.url {
        if !(u.starts_with("https://") || u.starts_with("http://")) {
            c.error(
                &[&idx, "url"],
                format!("url `{}` is not a web address", shown(u)),
                Some("write it as https://…".into()),
            );
        }
    }
}

/// A region's identity: id, names, aliases, parent or province.
fn identity(c: &mut Checker, region: &Region) {
    let profiles = region.profile.iter().map(|p| (vec!["profile"], p)).chain(
        region
            .profiles
            .iter()
            .map(|(k, p)| (vec!["profiles", k.as_str()], p)),
    );
    for (at, profile) in profiles {
        c.text(&at, profile);
        if profile.ends_with(['。', '；', '，', '.']) {
            c.error(
                &at,
                "a profile is a clause: brief ends the sentence".into(),
                Some("remove the final punctuation".into()),
            );
        }
    }
    let stem = c
        .file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if !is_valid_id(&region.id) {
        c.error(
            &["id"],
            format!("region id `{}` is not a plain ASCII id", shown(&region.id)),
            Some("use lower-case letters, digits and '-', e.g. `luxi`".into()),
        );
    } else if region.id != stem {
        c.error(
            &["id"],
            format!(
                "region id `{}` does not match the file name `{stem}.yaml`",
                region.id
            ),
            Some(format!(
                "rename the file to {}.yaml or change the id",
                region.id
            )),
        );
    }
    let mut names: Vec<(Vec<String>, &str, &str)> = vec![
        (vec!["name".into()], "name", &region.name),
        (vec!["short".into()], "short", &region.short),
    ];
    for (i, alias) in region.aliases.iter().enumerate() {
        names.push((vec!["aliases".into(), i.to_string()], "alias", alias));
    }
    if let Some(p) = &region.province {
        names.push((vec!["province".into()], "province", p));
    }
    for (path, what, value) in names {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        if !is_valid_name(value) {
            c.error(
                &path,
                format!("{what} `{}` is not a usable name", shown(value)),
                Some("a name has no '/', '\\', '..', control characters, leading '-' or surrounding spaces".into()),
            );
        } else {
            c.text(&path, value);
        }
    }
    match (&region.parent, &region.province) {
        (None, None) => c.error(
            &["id"],
            "region has neither a parent nor a province".into(),
            Some("add `parent: <region id>`, or `province: 湖南省` for a top-level region".into()),
        ),
        (Some(_), Some(_)) => c.error(
            &["province"],
            "region has both a parent and a province".into(),
            Some("a region inside another names only its parent".into()),
        ),
        _ => {}
    }
}

/// The printed text of a fact.
fn fact_text(c: &mut Checker, at: &dyn Fn(&str) -> Vec<String>, fact: &Fact) {
    let p = |f: &str| at(f);
    if fact.name.trim().is_empty() {
        let path = p("name");
        c.error(&strs(&path), "fact has an empty name".into(), None);
    }
    for (field, text) in [
        ("name", Some(&fact.name)),
        ("note", fact.note.as_ref()),
        ("remark", fact.remark.as_ref()),
        ("reviewed", fact.reviewed.as_ref()),
        ("period", fact.period.as_ref()),
        ("measure", fact.measure.as_ref()),
        ("label", fact.label.as_ref()),
        ("partner", fact.partner.as_ref()),
    ] {
        if let Some(text) = text {
            let path = p(field);
            c.text(&strs(&path), text);
        }
    }
    if let Some(note) = &fact.note {
        if let Some(w) = ARTICLE_WORDS.iter().find(|w| note.contains(**w)) {
            let path = p("note");
            c.warn(
                &strs(&path),
                format!("the note speaks of the article (“{w}”), not of the region"),
                Some("a printed note is written for the reader; move what is for maintainers to `remark:`, which is never printed".into()),
            );
        }
    }
    if let Some(label) = &fact.label {
        if label.chars().count() > 12 {
            let path = p("label");
            c.error(
                &strs(&path),
                format!("label `{}` is longer than 12 characters", shown(label)),
                Some(
                    "a label is the short name a chart prints; the full name stays in `name`"
                        .into(),
                ),
            );
        }
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The figure of a fact: value, unit, qualifier, year.
fn figure(c: &mut Checker, vocab: &Vocabulary, at: &dyn Fn(&str) -> Vec<String>, fact: &Fact) {
    let p = |f: &str| at(f);
    match (&fact.value, &fact.unit) {
        (Some(v), unit) => {
            // A fact whose name says what its percentage is relative to (恢复到2019年同期)
            // may pass 100%.
            let sign = if RELATIVE_LEVEL.iter().any(|w| fact.name.contains(w)) {
                Sign::Relative
            } else {
                Sign::Positive
            };
            number(c, &strs(&p("value")), v, unit.as_deref(), sign);
            if unit.is_none() {
                c.error(
                    &strs(&p("value")),
                    "a value needs a unit".into(),
                    Some("add `unit:` with the article's unit, e.g. 亿元 or 个".into()),
                );
            }
        }
        (None, Some(_)) => c.error(
            &strs(&p("unit")),
            "a unit without a value".into(),
            Some("add `value:` or remove `unit:`".into()),
        ),
        (None, None) => {}
    }
    if let Some(unit) = &fact.unit {
        if vocab.measure(unit).is_none() {
            c.error(
                &strs(&p("unit")),
                format!("unknown unit `{}`", shown(unit)),
                Some(unit_hint(vocab, unit)),
            );
        }
    }
    if let Some(q) = &fact.qualifier {
        if vocab.qualifier_place(q).is_none() {
            c.error(
                &strs(&p("qualifier")),
                format!("unknown qualifier `{}`", shown(q)),
                Some(qualifier_hint(vocab)),
            );
        }
        if fact.value.is_none() {
            c.error(
                &strs(&p("qualifier")),
                "a qualifier without a value".into(),
                Some("the qualifier of a change goes inside `growth:`".into()),
            );
        }
    }
    for (field, y) in [("year", fact.year), ("from_year", fact.from_year)] {
        if let Some(y) = y {
            year(c, &strs(&p(field)), y);
        }
    }
    if let (Some(from), Some(to)) = (fact.from_year, fact.year) {
        if from >= to {
            c.error(
                &strs(&p("from_year")),
                format!("span {from}–{to} does not run forwards"),
                None,
            );
        }
    }
    // A named thing with a sum of money must say what the sum is: 投资, 产值, 营业收入.
    if fact.value.is_some()
        && fact.measure.is_none()
        && matches!(fact.kind, Kind::Project | Kind::Platform)
        && fact.unit.as_deref().and_then(|u| vocab.measure(u)) == Some("money")
        && !names_a_measure(&fact.name)
    {
        c.error(
            &strs(&p("value")),
            format!(
                "the figure of `{}` does not say what it measures",
                shown(&fact.name)
            ),
            Some("add `measure:` with what the sum is, e.g. 投资, 产值, 营业收入, 签约资金".into()),
        );
    }
}

/// Whether a name already says what its sum measures (中材锂电项目投资, 工业产值).
pub fn names_a_measure(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "投资",
        "投入",
        "产值",
        "收入",
        "营收",
        "资金",
        "金额",
        "规模",
        "总额",
        "增加值",
        "税收",
        "利润",
        "销售",
        "支出",
        "贷款",
        "补贴",
        "奖补",
        "资产",
        "出口",
        "进口",
        "消费",
        "基金",
        "融资",
        "生产总值",
        "社零",
    ];
    WORDS.iter().any(|w| name.contains(w))
}

/// The change a fact reports.
fn growth(c: &mut Checker, vocab: &Vocabulary, at: &dyn Fn(&str) -> Vec<String>, fact: &Fact) {
    let Some(g) = &fact.growth else { return };
    let mut path = at("growth");
    path.push("value".into());
    number(c, &strs(&path), &g.value, Some(&g.unit), Sign::Signed);
    if g.value.value().is_finite() && g.value.value().abs() > 1e5 {
        c.error(
            &strs(&path),
            format!("growth {} is not plausible", g.value),
            None,
        );
    }
    path.pop();
    if vocab.measure(&g.unit).is_none() {
        path.push("unit".into());
        c.error(
            &strs(&path),
            format!("unknown growth unit `{}`", shown(&g.unit)),
            Some(unit_hint(vocab, &g.unit)),
        );
        path.pop();
    }
    if let Some(q) = &g.qualifier {
        if vocab.qualifier_place(q).is_none() {
            path.push("qualifier".into());
            c.error(
                &strs(&path),
                format!("unknown qualifier `{}`", shown(q)),
                Some(qualifier_hint(vocab)),
            );
        }
    }
}

/// The value a change started from.
fn base(c: &mut Checker, at: &dyn Fn(&str) -> Vec<String>, fact: &Fact) {
    let Some(b) = &fact.base else { return };
    let mut path = at("base");
    path.push("value".into());
    number(
        c,
        &strs(&path),
        &b.value,
        fact.unit.as_deref(),
        Sign::Positive,
    );
    path.pop();
    if let Some(y) = b.year {
        path.push("year".into());
        year(c, &strs(&path), y);
    }
    if fact.value.is_none() {
        c.error(&strs(&at("base")), "a base without a value".into(), None);
    }
}

/// Grades, levels, keys and audiences.
fn labels(c: &mut Checker, at: &dyn Fn(&str) -> Vec<String>, fact: &Fact) {
    match (&fact.grade, fact.kind) {
        (Some(g), _) if !GRADES.contains(&g.as_str()) => c.error(
            &strs(&at("grade")),
            format!("unknown grade `{}`", shown(g)),
            Some(format!("use one of: {}", GRADES.join(" "))),
        ),
        (None, Kind::Scenic) => c.error(
            &strs(&at("kind")),
            "a scenic area needs a grade".into(),
            Some("add `grade: 4A` (5A…1A), or use kind `tourism` for an ungraded site".into()),
        ),
        _ => {}
    }
    if let Some(l) = &fact.level {
        if !LEVELS.contains(&l.as_str()) {
            c.error(
                &strs(&at("level")),
                format!("unknown level `{}`", shown(l)),
                Some(format!("use one of: {}", LEVELS.join(" "))),
            );
        }
    }
    if let Some(list) = &fact.audiences {
        if list.is_empty() {
            c.error(
                &strs(&at("audiences")),
                "an empty audience list hides the fact from every briefing".into(),
                None,
            );
        }
    }
    if let Some(key) = &fact.key {
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            c.error(
                &strs(&at("key")),
                format!("key `{}` is not snake_case ASCII", shown(key)),
                Some("use lower-case letters, digits and '_', e.g. `signed_capital`".into()),
            );
        }
    }
}

/// A fact's own pattern: known slots, and every figure the fact has.
fn said(c: &mut Checker, at: &dyn Fn(&str) -> Vec<String>, fact: &Fact) {
    let Some(say) = &fact.say else {
        return;
    };
    let path = at("say");
    let path = strs(&path);
    c.text(&path, say);
    if let Some(problem) = super::phrases::check_pattern(say, super::phrases::FACT_SLOTS) {
        c.error(&path, problem, None);
        return;
    }
    let slots = super::phrases::slots(say).unwrap_or_default();
    if fact.value.is_some() && !slots.contains(&"value") {
        c.error(
            &path,
            "the pattern drops the fact's figure".into(),
            Some("put `{value}` where the figure stands: `连续{value}被评为优秀等次`".into()),
        );
    }
    if fact.value.is_none() && slots.contains(&"value") {
        c.error(
            &path,
            "`{value}` in the pattern of a fact without a value".into(),
            Some("add the fact's `value`, or say it without `{value}`".into()),
        );
    }
    if fact.growth.is_none() && slots.contains(&"change") {
        c.error(
            &path,
            "`{change}` in the pattern of a fact without a growth".into(),
            None,
        );
    }
    if fact.base.is_none() && (slots.contains(&"base") || slots.contains(&"base_year")) {
        c.error(
            &path,
            "`{base}` in the pattern of a fact without a base".into(),
            None,
        );
    }
    if say.ends_with(['。', '；', '，', '.']) {
        c.error(
            &path,
            "a pattern says a clause: brief ends the sentence".into(),
            Some("remove the final punctuation".into()),
        );
    }
}

/// Every rule of one region file.
pub fn region(
    c: &mut Checker,
    vocab: &Vocabulary,
    region: &Region,
    sources: &BTreeSet<&str>,
    text: &str,
) {
    if may_hide_raw_problems(text) {
        c.raw();
    }
    identity(c, region);
    let mut keys: HashMap<&str, usize> = HashMap::new();
    for (i, fact) in region.facts.iter().enumerate() {
        let idx = i.to_string();
        let at = |field: &str| -> Vec<String> { vec!["facts".into(), idx.clone(), field.into()] };
        if !sources.contains(fact.source.as_str()) {
            c.error(
                &strs(&at("source")),
                format!("unknown source `{}`", shown(&fact.source)),
                Some("add the article to sources.yaml, or cite one of its ids".into()),
            );
        }
        fact_text(c, &at, fact);
        figure(c, vocab, &at, fact);
        growth(c, vocab, &at, fact);
        base(c, &at, fact);
        labels(c, &at, fact);
        said(c, &at, fact);
        if let Some(key) = &fact.key {
            if let Some(first) = keys.insert(key.as_str(), i) {
                c.error(
                    &strs(&at("key")),
                    format!(
                        "key `{}` is used twice in this region (first by fact {})",
                        shown(key),
                        first + 1
                    ),
                    Some("a key names one fact; give the other a different key or none".into()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::text::is_decimal;
    use super::*;

    #[test]
    fn ids_and_names() {
        assert!(is_valid_id("luxi"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("-rf"));
        assert!(!is_valid_id("a b"));
        assert!(is_valid_name("芦溪县"));
        assert!(!is_valid_name("a/b"));
        assert!(!is_valid_name("-x"));
        assert!(!is_valid_name("a\0b"));
        assert!(is_valid_source_id("luxi-2022"));
        assert!(is_valid_source_id("000_28e65a739679cad6.txt"));
        assert!(!is_valid_source_id("../x"));
    }

    #[test]
    fn a_plain_file_skips_the_scalar_scan_and_a_suspicious_one_does_not() {
        let plain = "id: x\nfacts:\n  - kind: indicator\n    value: 142\n    year: 2022\n    growth: {value: 5, unit: \"%\"}\n";
        assert!(!may_hide_raw_problems(plain));
        for odd in [
            "    name: ~\n",
            "    name:\n",
            "    value: !!str 5\n",
            "    year: 0x7E6\n",
            "    growth: {value: 1e3, unit: \"%\"}\n",
            "    name: null\n",
            "    name: # nothing\n",
            "    a: &x 1\n",
        ] {
            assert!(may_hide_raw_problems(&format!("{plain}{odd}")), "{odd}");
        }
    }

    #[test]
    fn decimals_as_articles_print_them() {
        for ok in ["142", "23.12", "-3", "2022", "0.5"] {
            assert!(is_decimal(ok), "{ok}");
        }
        for bad in ["0x7E6", "1e3", ".5", "+5", "5.", "", "1_000", "0o17"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn invisible_and_bidi_characters_are_refused() {
        assert!(text_problem("地区生产总值\u{202E}").is_some());
        assert!(text_problem("安\u{200B}源区").is_some());
        assert!(text_problem("\u{2067}x").is_some());
        assert!(text_problem("芦溪 县").is_some());
        assert!(text_problem("芦溪县").is_none());
        assert!(text_problem("生态优先　创新引领").is_none());
        for odd in [
            "芦溪\u{3164}",
            "a\u{034F}b",
            "x\u{E0041}",
            "x\u{FE0F}",
            "x\u{E000}",
            "x\u{FFFF}",
            "芦\u{00A0}溪",
            "芦\u{202F}溪",
        ] {
            assert!(text_problem(odd).is_some(), "{odd:?}");
        }
    }

    #[test]
    fn shown_values_are_escaped_and_cut() {
        assert_eq!(shown("a\u{1b}[31m"), "a\\u{001b}[31m");
        assert_eq!(shown(&"x".repeat(100)).chars().count(), 41);
    }

    #[test]
    fn measures_in_names() {
        assert!(names_a_measure("中材锂电项目投资"));
        assert!(!names_a_measure("生产园（一期）"));
    }
}
