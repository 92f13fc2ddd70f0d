//! The issuing office's own settings (`data/office.yaml`): who issues the briefings (编印单位),
//! the series and its 期号, the 版记 (报／送／发 and the 印发 line), a contact line, and the
//! house style (page numbers, digit grouping, the space typst puts between Chinese and
//! digits). Every field is optional; without the file a briefing is "据公开报道整理", with no
//! 期号 and no 版记, its pages numbered "— 1 —" and no space between "2026" and "年".

use std::path::Path;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::check::Checker;
use super::positions::PosIndex;
use super::Diagnostic;

/// The file name inside a fact base directory.
pub const FILE: &str = "office.yaml";

/// The office's settings as written; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// The 编印单位, printed in the masthead (株洲市投资促进局 → 株洲市投资促进局编印).
    #[serde(default)]
    pub issuer: Option<String>,
    /// The series the briefings belong to, printed as the masthead's heading: 投资促进简报.
    #[serde(default)]
    pub series: Option<String>,
    /// The 期号: a number (12 → 第12期) or the text to print (2026年第3期).
    #[serde(default)]
    pub issue: Option<IssueNumber>,
    /// The 版记 at the end of the briefing.
    #[serde(default)]
    pub colophon: Option<Colophon>,
    /// A contact line printed at the end: 联系人：王敏　电话：0799-6831234.
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub page_numbers: PageNumbers,
    #[serde(default)]
    pub grouping: Grouping,
    /// Whether typst's automatic space between Chinese and Latin letters or digits is kept
    /// ("2026 年"); by default it is not ("2026年"), as an office's documents are printed.
    #[serde(default)]
    pub cjk_latin_space: bool,
    /// What a briefing does with a goal whose year is over at its date (a plan of 2024 for
    /// 2025, read in 2026): leaves it out (the default), or says it as set, in its article's
    /// year.
    #[serde(default)]
    pub past_goals: PastGoals,
}

/// What a briefing does with a goal whose year has ended before the briefing's date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PastGoals {
    /// Leaves it out: what was to be reached by then is no news to a reader after it.
    #[default]
    LeaveOut,
    /// Says it as set, in its article's year: 拟例县于2024年提出，当年，…力争….
    Dated,
}

/// The 版记 (GB/T 9704): to whom the briefing is reported (报), sent (送) and issued (发),
/// and the 印发 line: who prints it and when (the briefing's date).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colophon {
    /// 报: the offices above.
    #[serde(default)]
    pub report: Vec<String>,
    /// 送: offices alongside.
    #[serde(default)]
    pub send: Vec<String>,
    /// 发: offices below.
    #[serde(default)]
    pub distribute: Vec<String>,
    /// The 印发机关 (default: the issuer).
    #[serde(default)]
    pub printer: Option<String>,
}

/// How pages are numbered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageNumbers {
    /// "— 1 —", as GB/T 9704 numbers the pages of an official document: odd pages at the
    /// right, even pages at the left.
    #[default]
    Gb,
    /// "第1页 / 共3页", centred.
    Total,
}

/// How the integer part of a long figure is grouped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// As the fact base writes it, which is as the article prints it (22862 or 22,862); a
    /// figure of four digits is never grouped (GB/T 15835: 1,142 prints 1142). Two articles
    /// that print alike figures differently make a briefing that does too (20,374元 beside
    /// 9861元).
    AsWritten,
    /// Never: 22862, as a publication outside science and technology may print (GB/T 15835),
    /// and every figure of a briefing alike whatever its article printed.
    #[default]
    None,
    /// Commas every three digits in a figure of five digits or more (GB/T 15835): 22,862,
    /// 244,394; 9999 and 1313.70 stay as they are.
    Thousands,
}

impl Grouping {
    /// `digits` (a figure as the fact base writes it: `-22,862.5`) grouped this way; text that
    /// is not such a figure is returned as it is.
    pub fn apply(self, digits: &str) -> String {
        let (sign, body) = match digits.strip_prefix('-') {
            Some(b) => ("-", b),
            None => ("", digits),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let figure = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit() || b == b',')
            && frac.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()));
        let plain: String = int.chars().filter(|c| *c != ',').collect();
        if !figure || (self == Grouping::AsWritten && plain.len() != 4) {
            return digits.to_string();
        }
        let int = if self == Grouping::Thousands && plain.len() >= 5 {
            let mut out = String::new();
            for (i, c) in plain.chars().enumerate() {
                if i > 0 && (plain.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            out
        } else {
            plain
        };
        match frac {
            Some(f) => format!("{sign}{int}.{f}"),
            None => format!("{sign}{int}"),
        }
    }
}

/// A 期号: a number, or the text to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueNumber {
    Number(u64),
    Text(String),
}

impl IssueNumber {
    /// As printed: 第12期, or the text as written.
    pub fn printed(&self) -> String {
        match self {
            IssueNumber::Number(n) => format!("第{n}期"),
            IssueNumber::Text(t) => t.clone(),
        }
    }
}

impl Serialize for IssueNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            IssueNumber::Number(n) => s.serialize_u64(*n),
            IssueNumber::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for IssueNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = IssueNumber;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number such as 12, or the text to print such as 2026年第3期")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<IssueNumber, E> {
                Ok(IssueNumber::Number(n))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<IssueNumber, E> {
                u64::try_from(n).map(IssueNumber::Number).map_err(|_| {
                    E::custom(format!(
                        "the 期号 {n} is below zero; hint: number the issues from 1"
                    ))
                })
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<IssueNumber, E> {
                // A quoted number is the number; only plain decimal digits are one (`+12`
                // is text, printed as written).
                match s.parse::<u64>() {
                    Ok(n) if !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit()) => {
                        Ok(IssueNumber::Number(n))
                    }
                    _ => Ok(IssueNumber::Text(s.to_string())),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// The most characters a line of the masthead or the 版记 may have: a longer one would not
/// fit the line it is printed on.
const MAX_ISSUER: usize = 40;
const MAX_SERIES: usize = 16;
const MAX_ISSUE: usize = 20;
const MAX_CONTACT: usize = 80;
const MAX_OFFICES: usize = 60;
const MAX_ISSUE_NUMBER: u64 = 99_999;
/// The most characters the 版记's three lists may have together. It is printed as one block
/// that is never broken across pages: about 2,500 characters fill a page, and what does not
/// fit would be cut from the PDF without a word (typst 0.15.1, A4).
const MAX_COLOPHON: usize = 1_500;

/// Loads `dir/office.yaml`: the default settings when there is none (or when it holds only
/// comments), and every problem of it in `problems`. Returns the text read, for the hash of
/// what every briefing is rendered from.
pub fn load(dir: &Path, problems: &mut Vec<Diagnostic>) -> (Office, String) {
    let path = dir.join(FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return (Office::default(), String::new());
    }
    let text = match super::read_text(&path, dir) {
        Ok(t) => t,
        Err(d) => {
            problems.push(d);
            return (Office::default(), String::new());
        }
    };
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return (Office::default(), text);
    }
    let office: Office = match super::load::parse_yaml(&path, &text) {
        Ok(o) => o,
        Err(mut d) => {
            if d.message.contains("expected struct Office") {
                d.hint = Some(
                    "office.yaml is a mapping of settings (`issuer: 某市投资促进局`); docs/data-format.md lists them"
                        .into(),
                );
            }
            problems.push(d);
            return (Office::default(), text);
        }
    };
    let pos = PosIndex::build(&text);
    let mut c = Checker {
        file: &path,
        pos: &pos,
        problems,
    };
    c.raw();
    check(&mut c, &office);
    (office, text)
}

/// The rules office.yaml keeps beyond its shape.
fn check(c: &mut Checker, office: &Office) {
    line(c, &["issuer"], office.issuer.as_deref(), MAX_ISSUER);
    line(c, &["series"], office.series.as_deref(), MAX_SERIES);
    line(c, &["contact"], office.contact.as_deref(), MAX_CONTACT);
    match &office.issue {
        Some(IssueNumber::Text(t)) => line(c, &["issue"], Some(t), MAX_ISSUE),
        Some(IssueNumber::Number(n)) if *n == 0 || *n > MAX_ISSUE_NUMBER => c.error(
            &["issue"],
            format!("the 期号 {n} is not an issue's number"),
            Some(format!(
                "number the issues from 1 (at most {MAX_ISSUE_NUMBER}), or write the 期号 as text: 2026年第3期"
            )),
        ),
        Some(IssueNumber::Number(_)) => {
            // YAML reads 0x10, 0o17 and +12 as numbers; a 期号 is printed as it is written.
            let written = c.pos.scalars().iter().find(|s| s.path == "issue");
            if let Some(s) = written.filter(|s| !s.text.bytes().all(|b| b.is_ascii_digit())) {
                c.error(
                    &["issue"],
                    format!(
                        "the 期号 `{}` is not written in decimal digits",
                        super::shown(&s.text)
                    ),
                    Some("write the number as it is printed (12 prints 第12期), or the text to print in quotes".into()),
                );
            }
        }
        _ => {}
    }
    let Some(col) = &office.colophon else {
        return;
    };
    for (field, list) in [
        ("report", &col.report),
        ("send", &col.send),
        ("distribute", &col.distribute),
    ] {
        if list.len() > MAX_OFFICES {
            c.error(
                &["colophon", field],
                format!(
                    "`{field}` lists {} offices, more than the {MAX_OFFICES} a 版记 can hold",
                    list.len()
                ),
                Some("name a group (各县（市、区）人民政府) rather than each office".into()),
            );
        }
        for (i, name) in list.iter().enumerate() {
            let i = i.to_string();
            line(c, &["colophon", field, &i], Some(name), MAX_ISSUER);
        }
    }
    let total: usize = [&col.report, &col.send, &col.distribute]
        .iter()
        .flat_map(|list| list.iter())
        .map(|name| name.chars().count() + 1)
        .sum();
    if total > MAX_COLOPHON {
        c.error(
            &["colophon"],
            format!(
                "the 版记 lists {total} characters of offices, more than the {MAX_COLOPHON} that fit on one page with it"
            ),
            Some("name groups (各县（市、区）人民政府) rather than each office, or shorten the names".into()),
        );
    }
    line(
        c,
        &["colophon", "printer"],
        col.printer.as_deref(),
        MAX_ISSUER,
    );
}

/// A value printed on one line: printable, not empty, one line, at most `max` characters.
fn line(c: &mut Checker, path: &[&str], text: Option<&str>, max: usize) {
    let Some(text) = text else {
        return;
    };
    let field = path
        .iter()
        .rev()
        .find(|p| !p.bytes().all(|b| b.is_ascii_digit()))
        .copied()
        .unwrap_or("");
    if text.trim().is_empty() {
        c.error(
            path,
            format!("`{field}` is empty"),
            Some("write a value, or remove the line".into()),
        );
    } else if text.contains('\n') {
        c.error(
            path,
            format!("`{field}` runs over more than one line"),
            Some("it is printed on one line; write it on one".into()),
        );
    } else if text.chars().count() > max {
        c.error(
            path,
            format!(
                "`{field}` has {} characters, more than the {max} its line can hold",
                text.chars().count()
            ),
            Some("shorten it: it is printed on one line".into()),
        );
    } else {
        c.text(path, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Severity;

    /// The errors `text` has as office.yaml.
    fn errors(text: &str) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), text).unwrap();
        let mut problems = Vec::new();
        load(dir.path(), &mut problems);
        problems.retain(|p| p.severity == Severity::Error);
        problems
    }

    #[test]
    fn grouping_keeps_or_changes_only_the_integer_part() {
        assert_eq!(Grouping::AsWritten.apply("22,862"), "22,862");
        assert_eq!(Grouping::AsWritten.apply("1,142"), "1142");
        assert_eq!(Grouping::AsWritten.apply("1,568.32"), "1568.32");
        assert_eq!(Grouping::None.apply("22,862"), "22862");
        assert_eq!(Grouping::Thousands.apply("22862"), "22,862");
        assert_eq!(Grouping::Thousands.apply("244394"), "244,394");
        assert_eq!(Grouping::Thousands.apply("1234567.89"), "1,234,567.89");
        assert_eq!(Grouping::Thousands.apply("-12345"), "-12,345");
        assert_eq!(Grouping::Thousands.apply("9999.5"), "9999.5");
        assert_eq!(Grouping::Thousands.apply("1313.70"), "1313.70");
        assert_eq!(Grouping::None.apply("第2"), "第2");
    }

    #[test]
    fn every_field_is_optional_and_unknown_ones_are_errors() {
        assert!(errors("# nothing yet\n").is_empty());
        assert!(errors("page_numbers: total\n").is_empty());
        let e = errors("issuer: 某市投资促进局\nisuse: 3\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (2, 1), "{e:?}");
        assert!(e[0].message.contains("unknown field `isuse`"), "{e:?}");
        let e = errors("colophon:\n  report: [市委]\n  sent: [市直各单位]\n");
        assert_eq!((e[0].line, e[0].column), (3, 3), "{e:?}");
    }

    #[test]
    fn values_are_checked_where_they_stand() {
        let e = errors("issuer: 某市\nissue: 0\n");
        assert_eq!((e[0].line, e[0].column), (2, 8), "{e:?}");
        let e = errors("colophon:\n  report:\n    - 市委\n    - \"市政府 办公室\"\n");
        assert_eq!((e[0].line, e[0].column), (4, 7), "{e:?}");
        let e = errors("series: 一二三四五六七八九十一二三四五六七\n");
        assert!(e[0].message.contains("more than the 16"), "{e:?}");
        let e = errors("page_numbers: roman\n");
        assert!(e[0].message.contains("unknown variant"), "{e:?}");
        let e = errors("cjk_latin_space: yes\n");
        assert_eq!(e[0].hint.as_deref(), Some("write true or false"), "{e:?}");
        let e = errors("issuer:\n");
        assert!(e[0].message.contains("no value"), "{e:?}");
    }

    #[test]
    fn an_issue_is_a_number_or_text() {
        let o: Office = serde_yaml::from_str("issue: 12").unwrap();
        assert_eq!(o.issue.unwrap().printed(), "第12期");
        let o: Office = serde_yaml::from_str("issue: \"12\"").unwrap();
        assert_eq!(o.issue.unwrap().printed(), "第12期");
        let o: Office = serde_yaml::from_str("issue: 2026年第3期").unwrap();
        assert_eq!(o.issue.unwrap().printed(), "2026年第3期");
    }
}
