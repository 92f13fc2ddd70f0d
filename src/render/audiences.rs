//! The readers brief writes for, as data: `templates/audiences.yaml` says for each audience
//! its title, the kinds of fact it reads in full and as a digest, its sections in order, the
//! leads of its 摘要, the words reserved for it and its headline figures. `--templates DIR`
//! overrides the file as it overrides the templates, so an office adds a reader by copying an
//! entry and a template.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::error::Hinted;
use crate::facts::positions::PosIndex;
use crate::facts::{Audience, Diagnostic, Fact, Kind, Region, Severity};

/// The file's name in a templates directory.
pub const FILE: &str = "audiences.yaml";

/// The audiences brief ships.
pub const BUILTIN: &str = include_str!("../../templates/audiences.yaml");

/// One section of a briefing: its heading and the kinds of fact it holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub heading: String,
    pub kinds: Vec<Kind>,
    /// Where this section's facts go when they would make a section of one sentence: the
    /// first of these headings the briefing has (农业 into 绿色发展), else the closing `others`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fold: Vec<String>,
}

/// A lead of the 摘要: the keyed figures it opens with; for a fact without a key (one a new
/// article brought), the names those figures go by; where the region has none of them, the
/// kinds it draws on and the measures (of vocabulary.yaml) their figures must have — so that
/// a fact whose kind was guessed wrong cannot stand under the wrong lead.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadDef {
    #[serde(default)]
    pub keys: Vec<String>,
    /// Names of its headline figures (签约资金, 地区生产总值), headline first: a fact without a
    /// key of that name (or of that name after the region's: 全县地区生产总值) is the lead's
    /// as a keyed one is, and stands in the lead's section whatever its kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    #[serde(default)]
    pub kinds: Vec<Kind>,
    /// Measures a figure drawn by kind may have (money, count …); empty: any.
    #[serde(default)]
    pub measures: Vec<String>,
    /// Of the figures drawn by kind, those a reader looks for next (规模以上工业增加值, 固定资产
    /// 投资 before 邮政行业业务总量), by name, in order: taken before the others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<String>,
}

impl LeadDef {
    /// Whether a fact without a key goes by one of the lead's `names`. `glued`: phrases.yaml's
    /// `glued_chars`.
    pub fn names_fact(&self, f: &Fact, region: &Region, glued: &str) -> bool {
        f.key.is_none() && {
            let bare = bare_name(&f.name, region, glued);
            self.names.iter().any(|n| n == bare)
        }
    }
}

/// A name without the region's at its head: 全县地区生产总值, 芦溪县地区生产总值 → 地区生产总值.
/// The name is kept whole where it goes on into a word with the region's last character
/// (县城, 市区: `glued`, phrases.yaml's `glued_chars`).
pub fn bare_name<'a>(name: &'a str, region: &Region, glued: &str) -> &'a str {
    let whole = name.strip_prefix('全').and_then(|r| {
        let mut c = r.chars();
        c.next()
            .filter(|c| "省市县区镇乡".contains(*c))
            .map(|_| c.as_str())
    });
    // 县城, 县域, 市区 …: the region's name goes on into a word of its own.
    let goes_on = |r: &&str| r.starts_with(|c| glued.contains(c));
    [region.name.as_str(), region.short.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .find_map(|p| name.strip_prefix(p).filter(|r| !goes_on(r)))
        .or(whole)
        .filter(|r| !r.is_empty())
        .unwrap_or(name)
}

/// One audience as `audiences.yaml` defines it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudienceDef {
    pub id: Audience,
    /// 投资环境简报
    pub title: String,
    /// The template that lays the briefing out; when not given, `<id>.typ.j2` where the
    /// templates have one, else `briefing.typ.j2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Kinds read in full.
    pub reads: Vec<Kind>,
    /// Kinds read as a digest: their headline figures may stand in the 摘要.
    #[serde(default)]
    pub digest: Vec<Kind>,
    /// Words that keep a fact for this audience alone.
    #[serde(default)]
    pub reserved: Vec<String>,
    pub sections: Vec<SectionDef>,
    #[serde(default)]
    pub summary: Vec<LeadDef>,
    /// Keys of the figures that stand for a region in the table of a city's parts.
    #[serde(default)]
    pub headline: Vec<String>,
    /// The heading of the city's parts, and whether they are shown by their scenic areas.
    #[serde(default = "default_parts_heading")]
    pub parts_heading: String,
    #[serde(default)]
    pub parts_scenic: bool,
    /// The figures of its own a region needs for this briefing to be issued (default 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_figures: Option<usize>,
    /// The topics of its own a region needs for this briefing to be issued: sections that
    /// hold two facts or more (default 3), so that no briefing is one subject under headings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_topics: Option<usize>,
    /// The heading of the closing section that gathers facts whose own sections would hold
    /// one fact each.
    #[serde(default = "default_others")]
    pub others: String,
}

fn default_others() -> String {
    "其他情况".into()
}

fn default_parts_heading() -> String {
    "所辖区县主要数据".into()
}

/// The template every audience uses unless it names its own.
pub const DEFAULT_TEMPLATE: &str = "briefing.typ.j2";

impl AudienceDef {
    /// Its template: `template`, else `<id>.typ.j2` where `exists` says there is one, else
    /// the shared `briefing.typ.j2`.
    pub fn template(&self, exists: impl Fn(&str) -> bool) -> String {
        if let Some(t) = &self.template {
            return t.clone();
        }
        let own = format!("{}.typ.j2", self.id);
        if exists(&own) {
            own
        } else {
            DEFAULT_TEMPLATE.to_string()
        }
    }
}

/// How an audience reads a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// In full: its section's tables, lists and sentences.
    Full,
    /// As a digest: another audience has it in full.
    Digest,
}

/// Every audience, in the file's order.
#[derive(Debug, Clone)]
pub struct Audiences {
    pub list: Vec<AudienceDef>,
    /// The file they came from; none for the built-in list.
    pub file: Option<PathBuf>,
}

impl Audiences {
    /// The audiences brief ships.
    pub fn builtin() -> Audiences {
        parse(BUILTIN, Path::new(FILE)).expect("the built-in audiences are valid")
    }

    /// `DIR/audiences.yaml` when `dir` has one, else the built-in list.
    pub fn load(dir: Option<&Path>) -> Result<Audiences> {
        let Some(dir) = dir else {
            return Ok(Audiences::builtin());
        };
        let path = dir.join(FILE);
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(Audiences::builtin());
        }
        let text = crate::facts::read_text(&path, dir).map_err(|d| {
            anyhow::Error::new(Hinted {
                message: d.to_string(),
                hints: vec!["audiences.yaml is a plain YAML file beside the templates".into()],
            })
        })?;
        let mut list = parse(&text, &path).map_err(|problems| {
            anyhow::Error::new(Hinted {
                message: format!(
                    "{} has {}{}",
                    path.display(),
                    crate::plural(problems.len(), "problem"),
                    problems
                        .iter()
                        .map(|p| format!("\n{p}"))
                        .collect::<String>()
                ),
                hints: vec![format!(
                    "the comments of the shipped {FILE} describe every field; `brief audiences --format json` shows them filled in"
                )],
            })
        })?;
        list.file = Some(path);
        Ok(list)
    }

    pub fn ids(&self) -> Vec<Audience> {
        self.list.iter().map(|a| a.id).collect()
    }

    pub fn get(&self, id: Audience) -> Option<&AudienceDef> {
        self.list.iter().find(|a| a.id == id)
    }

    /// The definition of `id`, or an error that names the audiences there are.
    pub fn find(&self, id: Audience) -> Result<&AudienceDef> {
        self.get(id).ok_or_else(|| {
            crate::error::usage(anyhow::Error::new(Hinted {
                message: format!(
                    "unknown audience `{id}` (known: {})",
                    self.ids()
                        .iter()
                        .map(|a| a.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                hints: vec![format!(
                    "run `brief audiences`; an audience is an entry of {FILE} in the templates directory"
                )],
            }))
        })
    }

    /// Who reads `f`, and how: the fact's own `audiences` (each in full), else the audiences
    /// whose `reads` (in full) or `digest` (in the 摘要 only) hold its kind. A fact whose name
    /// holds a word an audience reserves goes to that audience alone.
    pub fn reading(&self, f: &Fact, a: &AudienceDef) -> Option<Reading> {
        if self
            .list
            .iter()
            .filter(|o| o.id != a.id)
            .any(|o| o.reserved.iter().any(|w| f.name.contains(w.as_str())))
        {
            return None;
        }
        match &f.audiences {
            // A fact's own list names who reads it, each in full.
            Some(list) if list.contains(&a.id) => Some(Reading::Full),
            Some(_) => None,
            None if a.reads.contains(&f.kind) => Some(Reading::Full),
            None if a.digest.contains(&f.kind) => Some(Reading::Digest),
            None => None,
        }
    }

    pub fn serves(&self, f: &Fact, a: &AudienceDef) -> bool {
        self.reading(f, a).is_some()
    }

    /// Whether any audience prints `f`.
    pub fn anyone_reads(&self, f: &Fact) -> bool {
        self.list.iter().any(|a| self.serves(f, a))
    }

    /// Problems of a fact base's `audiences:` lists: an id no audience has.
    pub fn check_facts(&self, base: &crate::facts::FactBase) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for r in &base.regions {
            let mut pos: Option<PosIndex> = None;
            for (i, f) in r.facts.iter().enumerate() {
                for (j, a) in f.audiences.iter().flatten().enumerate() {
                    if self.get(*a).is_none() {
                        let pos = pos.get_or_insert_with(|| {
                            PosIndex::build(
                                &crate::facts::read_text(&r.file, &base.dir).unwrap_or_default(),
                            )
                        });
                        let (line, column) =
                            pos.get(&["facts", &i.to_string(), "audiences", &j.to_string()]);
                        out.push(Diagnostic {
                            severity: Severity::Error,
                            file: r.file.clone(),
                            line,
                            column,
                            message: format!("unknown audience `{a}`"),
                            hint: Some(format!(
                                "the audiences are {} ({FILE} of the templates)",
                                self.ids()
                                    .iter()
                                    .map(|a| a.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )),
                        });
                    }
                }
            }
        }
        out
    }
}

/// One audience among all: what a briefing for it prints.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub all: &'a Audiences,
    pub def: &'a AudienceDef,
}

impl<'a> Reader<'a> {
    pub fn id(&self) -> Audience {
        self.def.id
    }

    /// Whether a briefing for this reader prints `f`.
    pub fn serves(&self, f: &Fact) -> bool {
        self.all.serves(f, self.def)
    }

    pub fn reading(&self, f: &Fact) -> Option<Reading> {
        self.all.reading(f, self.def)
    }
}

impl Audiences {
    /// The reader `id`, or an error that names the audiences there are.
    pub fn reader(&self, id: Audience) -> Result<Reader<'_>> {
        Ok(Reader {
            all: self,
            def: self.find(id)?,
        })
    }
}

/// What is wrong with an audience's sections: each problem's path under the audience, its
/// message and hint.
fn section_problems(a: &AudienceDef) -> Vec<(Vec<String>, String, Option<String>)> {
    let mut out = Vec::new();
    for (j, s) in a.sections.iter().enumerate() {
        let here = |rest: &[&str]| -> Vec<String> {
            ["sections".to_string(), j.to_string()]
                .into_iter()
                .chain(rest.iter().map(|x| x.to_string()))
                .collect()
        };
        if s.heading.trim().is_empty() || s.heading.chars().any(char::is_control) {
            out.push((here(&["heading"]), "an empty heading".into(), None));
        }
        for (k, h) in s.fold.iter().enumerate() {
            if h == &s.heading || !a.sections.iter().any(|o| &o.heading == h) {
                out.push((
                    here(&["fold", &k.to_string()]),
                    format!("fold names {h}, which is not another section of {}", a.id),
                    Some("name the heading of another section of this audience".into()),
                ));
            }
        }
    }
    out
}

/// Parses and validates an audiences file, every problem located.
fn parse(text: &str, path: &Path) -> Result<Audiences, Vec<Diagnostic>> {
    let at = |line: usize, column: usize, message: String, hint: Option<String>| Diagnostic {
        severity: Severity::Error,
        file: path.to_path_buf(),
        line,
        column,
        message,
        hint,
    };
    let list: Vec<AudienceDef> = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        vec![at(line, column, e.to_string(), None)]
    })?;
    let pos = PosIndex::build(text);
    let mut problems = Vec::new();
    let mut seen: Vec<Audience> = Vec::new();
    if list.is_empty() {
        problems.push(at(
            1,
            1,
            "no audience defined".into(),
            Some("define at least one audience".into()),
        ));
    }
    for (i, a) in list.iter().enumerate() {
        let i = i.to_string();
        let here = |field: &str| pos.get(&[i.as_str(), field]);
        if seen.contains(&a.id) {
            let (l, c) = here("id");
            problems.push(at(l, c, format!("audience `{}` defined twice", a.id), None));
        }
        seen.push(a.id);
        if a.title.trim().is_empty() || a.title.chars().any(char::is_control) {
            let (l, c) = here("title");
            problems.push(at(
                l,
                c,
                "a title is printed on the masthead: it may not be empty or hold control characters"
                    .into(),
                None,
            ));
        }
        if let Some(t) = &a.template {
            if !super::safe_template_name(t) {
                let (l, c) = here("template");
                problems.push(at(
                    l,
                    c,
                    format!(
                        "template name `{}` leaves the templates directory",
                        t.escape_debug()
                    ),
                    None,
                ));
            }
        }
        let kinds: Vec<Kind> = a.sections.iter().flat_map(|s| s.kinds.clone()).collect();
        let missing: Vec<&str> = Kind::ALL
            .iter()
            .filter(|k| !kinds.contains(k))
            .map(|k| k.as_str())
            .collect();
        if !missing.is_empty() {
            let (l, c) = here("sections");
            problems.push(at(
                l,
                c,
                format!("no section holds the kinds {}", missing.join(", ")),
                Some("every kind appears in one section, so that a fact whose `audiences` name this reader prints".into()),
            ));
        }
        for k in Kind::ALL {
            if kinds.iter().filter(|x| **x == k).count() > 1 {
                let (l, c) = here("sections");
                problems.push(at(
                    l,
                    c,
                    format!("kind {} is in two sections", k.as_str()),
                    None,
                ));
            }
            if a.reads.contains(&k) && a.digest.contains(&k) {
                let (l, c) = here("digest");
                problems.push(at(
                    l,
                    c,
                    format!("kind {} is read both in full and as a digest", k.as_str()),
                    None,
                ));
            }
        }
        for (path, message, hint) in section_problems(a) {
            let mut at_path: Vec<&str> = vec![i.as_str()];
            at_path.extend(path.iter().map(String::as_str));
            let (l, c) = pos.get(&at_path);
            problems.push(at(l, c, message, hint));
        }
        for (j, w) in a.reserved.iter().enumerate() {
            if w.trim().is_empty() {
                let (l, c) = pos.get(&[i.as_str(), "reserved", &j.to_string()]);
                problems.push(at(
                    l,
                    c,
                    "an empty reserved word would reserve every fact".into(),
                    None,
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(Audiences { list, file: None })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_audiences_are_valid() {
        let a = Audiences::builtin();
        assert!(a.list.len() >= 3);
        for d in &a.list {
            assert!(!d.sections.is_empty(), "{}", d.id);
        }
    }

    #[test]
    fn a_fold_names_another_section() {
        let text = "- id: a\n  title: 甲\n  reads: [indicator, industry]\n  sections:\n    - {heading: 一, kinds: [indicator], fold: [二]}\n    - heading: 二\n      kinds: [industry]\n      fold: [一, 三]\n";
        let problems = parse(text, Path::new("audiences.yaml")).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        let folds: Vec<&String> = shown.iter().filter(|p| p.contains("fold")).collect();
        assert_eq!(folds.len(), 1, "{shown:?}");
        assert!(
            folds[0].starts_with("audiences.yaml:8:17: fold names 三"),
            "{shown:?}"
        );
    }

    #[test]
    fn problems_are_located() {
        let text = "- id: a\n  title: 甲\n  reads: [indicator]\n  sections:\n    - {heading: 一, kinds: [indicator]}\n- id: a\n  title: 乙\n  reads: [indicator]\n  sections: []\n";
        let problems = parse(text, Path::new("audiences.yaml")).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            shown
                .iter()
                .any(|p| p.starts_with("audiences.yaml:6:7: audience `a` defined twice")),
            "{shown:#?}"
        );
        assert!(
            shown
                .iter()
                .any(|p| p.contains("no section holds the kinds industry")),
            "{shown:#?}"
        );
        let bad = parse("- id: Investor\n  title: x\n", Path::new("a.yaml")).unwrap_err();
        assert_eq!(bad[0].line, 1, "{bad:?}");
        assert!(bad[0].message.contains("not an audience id"), "{bad:?}");
    }
}
