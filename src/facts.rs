//! The fact base: its model, loading, validation and region lookup.
//!
//! `data/sources.yaml` lists the articles; `data/regions/<id>.yaml` holds one region each.
//! Loading never stops at the first problem: every problem is collected as a [`Diagnostic`]
//! with its file, line and column, so that `brief check` can report them all at once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::yamlpos::PosIndex;

/// Larger fact files are refused: a hand-edited region is a few hundred lines.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Units a figure may carry: those the source articles use.
pub const UNITS: &[&str] = &[
    "亿元",
    "万元",
    "元",
    "万亩",
    "亩",
    "公顷",
    "平方公里",
    "万平方米",
    "平方米",
    "米",
    "万立方米",
    "吨",
    "个",
    "家",
    "项",
    "件",
    "所",
    "条",
    "名",
    "人",
    "万人",
    "人次",
    "户",
    "万名",
    "万户",
    "次",
    "场",
    "期",
    "堂",
    "座",
    "处",
    "棵",
    "种",
    "批",
    "天",
    "个工作日",
    "分钟",
    "小时",
    "%",
    "微克/立方米",
    "倍",
    "年",
    "届",
    "位",
    "强",
    "成",
];

/// Where a qualifier stands relative to the number it qualifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualifierPlace {
    /// Before the number: 约3000亩, 预计142亿元.
    Before,
    /// Between the number and its unit: 3000余亩, 40多个.
    Between,
    /// After the unit: 5%左右, 110万亩以上.
    After,
}

/// The qualifiers of Chinese statistical writing, and where each goes.
pub const QUALIFIERS: &[(&str, QualifierPlace)] = &[
    ("预计", QualifierPlace::Before),
    ("约", QualifierPlace::Before),
    ("近", QualifierPlace::Before),
    ("超", QualifierPlace::Before),
    ("突破", QualifierPlace::Before),
    ("逾", QualifierPlace::Before),
    ("不到", QualifierPlace::Before),
    ("有望", QualifierPlace::Before),
    ("余", QualifierPlace::Between),
    ("多", QualifierPlace::Between),
    ("左右", QualifierPlace::After),
    ("以上", QualifierPlace::After),
    ("以内", QualifierPlace::After),
];

pub fn qualifier_place(q: &str) -> Option<QualifierPlace> {
    QUALIFIERS.iter().find(|(w, _)| *w == q).map(|(_, p)| *p)
}

pub const GROWTH_UNITS: &[&str] = &["%", "倍", "个百分点"];
pub const GRADES: &[&str] = &["5A", "4A", "3A", "2A", "1A"];
pub const LEVELS: &[&str] = &["国家级", "省级", "市级", "全国", "全省", "全市"];
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2100;

/// The three readers a briefing is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Investor,
    Tourism,
    Policy,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Investor, Audience::Tourism, Audience::Policy];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Investor => "investor",
            Audience::Tourism => "tourism",
            Audience::Policy => "policy",
        }
    }

    /// The briefing's kind as printed on its masthead.
    pub fn title(self) -> &'static str {
        match self {
            Audience::Investor => "投资环境简报",
            Audience::Tourism => "文旅资源简报",
            Audience::Policy => "发展政策简报",
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Audience {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Audience::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| format!("unknown audience `{s}` (known: investor, tourism, policy)"))
    }
}

/// What sort of fact a fact is; templates select facts by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Indicator,
    Industry,
    Project,
    Platform,
    Innovation,
    Reform,
    Fund,
    Transport,
    Cooperation,
    Scenic,
    Tourism,
    Festival,
    Agriculture,
    Ecology,
    Livelihood,
    Governance,
    Honour,
}

impl Kind {
    pub const ALL: [Kind; 17] = [
        Kind::Indicator,
        Kind::Industry,
        Kind::Project,
        Kind::Platform,
        Kind::Innovation,
        Kind::Reform,
        Kind::Fund,
        Kind::Transport,
        Kind::Cooperation,
        Kind::Scenic,
        Kind::Tourism,
        Kind::Festival,
        Kind::Agriculture,
        Kind::Ecology,
        Kind::Livelihood,
        Kind::Governance,
        Kind::Honour,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Indicator => "indicator",
            Kind::Industry => "industry",
            Kind::Project => "project",
            Kind::Platform => "platform",
            Kind::Innovation => "innovation",
            Kind::Reform => "reform",
            Kind::Fund => "fund",
            Kind::Transport => "transport",
            Kind::Cooperation => "cooperation",
            Kind::Scenic => "scenic",
            Kind::Tourism => "tourism",
            Kind::Festival => "festival",
            Kind::Agriculture => "agriculture",
            Kind::Ecology => "ecology",
            Kind::Livelihood => "livelihood",
            Kind::Governance => "governance",
            Kind::Honour => "honour",
        }
    }

    /// Who reads facts of this kind unless a fact says otherwise.
    pub fn default_audiences(self) -> &'static [Audience] {
        use Audience::*;
        match self {
            Kind::Indicator | Kind::Industry | Kind::Innovation | Kind::Reform | Kind::Fund => {
                &[Investor, Policy]
            }
            Kind::Cooperation | Kind::Honour => &[Investor, Policy],
            Kind::Project | Kind::Platform => &[Investor],
            Kind::Transport => &[Investor, Tourism],
            Kind::Scenic | Kind::Tourism | Kind::Festival => &[Tourism],
            Kind::Agriculture | Kind::Ecology | Kind::Livelihood | Kind::Governance => &[Policy],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    #[serde(rename = "市")]
    City,
    #[serde(rename = "县")]
    County,
    #[serde(rename = "区")]
    District,
    #[serde(rename = "功能区")]
    Zone,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::City => "市",
            Level::County => "县",
            Level::District => "区",
            Level::Zone => "功能区",
        }
    }
}

/// One article the fact base cites.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub period: String,
}

/// A change the article reports next to a figure.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Growth {
    pub value: f64,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// The value a change started from, in the fact's unit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Base {
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
}

/// One fact about a region, with its provenance.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<Growth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Base>,
    #[serde(default)]
    pub target: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audiences: Option<Vec<Audience>>,
    pub source: String,
}

impl Fact {
    pub fn audiences(&self) -> &[Audience] {
        self.audiences
            .as_deref()
            .unwrap_or_else(|| self.kind.default_audiences())
    }

    pub fn serves(&self, audience: Audience) -> bool {
        self.audiences().contains(&audience)
    }
}

/// A region file as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub short: String,
    pub level: Level,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// The file the region was read from.
    #[serde(skip)]
    pub file: PathBuf,
}

/// A problem in the fact base, located in its file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in a fact base.
#[derive(Debug, thiserror::Error)]
#[error("{}", render_problems(.0))]
pub struct Problems(pub Vec<Diagnostic>);

fn render_problems(problems: &[Diagnostic]) -> String {
    let mut out = format!(
        "the fact base has {} problem{}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        out.push('\n');
        out.push_str(&p.to_string());
    }
    out.push_str(
        "\nhint: run `brief check` after each fix; docs/data-format.md describes every field",
    );
    out
}

/// The whole validated fact base.
#[derive(Debug, Clone)]
pub struct FactBase {
    pub dir: PathBuf,
    pub sources: Vec<Source>,
    pub regions: Vec<Region>,
}

/// Why a region name did not resolve.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error("unknown region \"{query}\"{}", known_list(.closest))]
    Unknown { query: String, closest: Vec<String> },
    #[error("region \"{query}\" is ambiguous: it could be {}", .matches.join(", "))]
    Ambiguous { query: String, matches: Vec<String> },
}

fn known_list(closest: &[String]) -> String {
    if closest.is_empty() {
        String::new()
    } else {
        format!(" (closest: {})", closest.join(", "))
    }
}

impl FactBase {
    /// Loads and validates `dir`; any problem makes the whole base unusable.
    pub fn load(dir: &Path) -> Result<FactBase, Problems> {
        let (base, problems) = load_unchecked(dir);
        match base {
            Some(base) if problems.is_empty() => Ok(base),
            _ => Err(Problems(problems)),
        }
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn children(&self, id: &str) -> Vec<&Region> {
        self.regions
            .iter()
            .filter(|r| r.parent.as_deref() == Some(id))
            .collect()
    }

    /// Finds a region by id, full name, short name or alias; an exact match beats a prefix.
    pub fn find(&self, query: &str) -> Result<&Region, LookupError> {
        let query = query.trim();
        let names = |r: &Region| {
            let mut v = vec![r.id.clone(), r.name.clone(), r.short.clone()];
            v.extend(r.aliases.iter().cloned());
            v
        };
        let exact: Vec<&Region> = self
            .regions
            .iter()
            .filter(|r| names(r).iter().any(|n| n == query))
            .collect();
        if exact.len() == 1 {
            return Ok(exact[0]);
        }
        let candidates = if exact.is_empty() {
            self.regions
                .iter()
                .filter(|r| !query.is_empty() && names(r).iter().any(|n| n.starts_with(query)))
                .collect()
        } else {
            exact
        };
        match candidates.len() {
            1 => Ok(candidates[0]),
            0 => {
                let mut scored: Vec<(f64, &str)> = self
                    .regions
                    .iter()
                    .flat_map(|r| {
                        names(r).into_iter().map(move |n| {
                            (strsim::normalized_levenshtein(query, &n), r.short.as_str())
                        })
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0));
                let mut closest = Vec::new();
                for (score, short) in scored {
                    if score > 0.0 && !closest.iter().any(|c: &String| c == short) {
                        closest.push(short.to_string());
                    }
                    if closest.len() == 3 {
                        break;
                    }
                }
                Err(LookupError::Unknown {
                    query: query.to_string(),
                    closest,
                })
            }
            _ => Err(LookupError::Ambiguous {
                query: query.to_string(),
                matches: candidates
                    .iter()
                    .map(|r| format!("{} ({})", r.name, r.id))
                    .collect(),
            }),
        }
    }
}

/// Reads a file as UTF-8 text, refusing huge or binary files with a located message.
fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let at = |message: String, hint: Option<&str>| Diagnostic {
        file: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
        hint: hint.map(str::to_string),
    };
    let meta = std::fs::metadata(path).map_err(|e| at(format!("cannot read: {e}"), None))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(at(
            format!(
                "file is {} bytes, more than the {} a fact file may have",
                meta.len(),
                MAX_FILE_BYTES
            ),
            Some("split the region's facts or remove what is not a fact"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| at(format!("cannot read: {e}"), None))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(good);
            let line = text.matches('\n').count() + 1;
            let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(Diagnostic {
                file: path.to_path_buf(),
                line,
                column,
                message: "file is not valid UTF-8".into(),
                hint: Some("save the file as UTF-8 (not GBK or GB 2312)".into()),
            })
        }
    }
}

/// Parses YAML text into `T`, turning serde_yaml's error into a located diagnostic.
fn parse_yaml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    if text
        .trim()
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostic {
            file: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "file is empty".into(),
            hint: Some("a region file needs at least id, name, short and level".into()),
        });
    }
    if let Some((line, column)) = text.lines().enumerate().find_map(|(i, l)| {
        let indent: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        indent.find('\t').map(|c| (i + 1, c + 1))
    }) {
        return Err(Diagnostic {
            file: path.to_path_buf(),
            line,
            column,
            message: "a tab is used for indentation".into(),
            hint: Some("YAML indents with spaces only; replace the tab with spaces".into()),
        });
    }
    if let Some((line, column)) = too_deep(text) {
        return Err(Diagnostic {
            file: path.to_path_buf(),
            line,
            column,
            message: format!("brackets nest deeper than {MAX_FLOW_DEPTH} levels"),
            hint: Some("a fact file needs only a few levels; check for unclosed [ or {".into()),
        });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let message = e.to_string();
        // serde_yaml appends " at line L column C"; the location is already in front.
        let message = message
            .strip_suffix(&format!(" at line {line} column {column}"))
            .map(str::to_string)
            .unwrap_or(message);
        Diagnostic {
            file: path.to_path_buf(),
            line,
            column,
            hint: yaml_hint(&message),
            message,
        }
    })
}

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused before parsing.
const MAX_FLOW_DEPTH: usize = 64;

/// Where flow nesting first exceeds [`MAX_FLOW_DEPTH`], skipping quoted text and comments.
/// The YAML parser itself is slow on pathological nesting; this scan is linear.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"') => quote = Some('"'),
                (None, '\'')
                    if prev == ' ' || prev == '[' || prev == '{' || prev == ',' || prev == ':' =>
                {
                    quote = Some('\'')
                }
                (None, '#') if prev == ' ' || col == 0 => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((i + 1, col + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            prev = c;
        }
    }
    None
}

fn yaml_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling; docs/data-format.md lists every field".into())
    } else if message.contains("unknown variant") {
        Some("use one of the values the message lists".into())
    } else if message.contains("missing field") {
        Some("add the field; docs/data-format.md says what it holds".into())
    } else if message.contains("invalid type: string") {
        Some("write numbers without quotes: `value: 142`, not `value: \"142\"`".into())
    } else if message.contains("duplicate") {
        Some("a key may appear once in a mapping; remove one of them".into())
    } else if message.contains("end of stream") {
        Some("a quote or bracket is probably not closed".into())
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        Some("the file nests or repeats far more than a fact file can need".into())
    } else {
        None
    }
}

/// Loads what can be loaded and returns every problem found.
pub fn load_unchecked(dir: &Path) -> (Option<FactBase>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let sources_path = dir.join("sources.yaml");
    let regions_dir = dir.join("regions");
    if !dir.is_dir() {
        problems.push(Diagnostic {
            file: dir.to_path_buf(),
            line: 0,
            column: 0,
            message: "fact base directory not found".into(),
            hint: Some("run brief from the project directory, or pass --data DIR".into()),
        });
        return (None, problems);
    }

    let mut sources: Vec<Source> = Vec::new();
    let mut source_pos = PosIndex::default();
    match read_text(&sources_path).and_then(|t| {
        let parsed = parse_yaml::<Vec<Source>>(&sources_path, &t)?;
        Ok((parsed, t))
    }) {
        Ok((list, text)) => {
            sources = list;
            source_pos = PosIndex::build(&text);
        }
        Err(d) => problems.push(d),
    }
    let mut seen = HashMap::new();
    for (i, s) in sources.iter().enumerate() {
        let (line, column) = source_pos.get(&[&i.to_string(), "id"]);
        if let Some(first) = seen.insert(s.id.clone(), line) {
            problems.push(Diagnostic {
                file: sources_path.clone(),
                line,
                column,
                message: format!("source `{}` is listed twice (first at line {first})", s.id),
                hint: None,
            });
        }
        let idx = i.to_string();
        for (field, text) in [
            ("title", Some(&s.title)),
            ("outlet", s.outlet.as_ref()),
            ("period", Some(&s.period)),
        ] {
            if let Some(text) = text {
                check_text(
                    &mut problems,
                    &sources_path,
                    &source_pos,
                    &[&idx, field],
                    text,
                );
            }
        }
    }

    let mut entries: Vec<PathBuf> = match std::fs::read_dir(&regions_dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect(),
        Err(e) => {
            problems.push(Diagnostic {
                file: regions_dir.clone(),
                line: 0,
                column: 0,
                message: format!("cannot read the regions directory: {e}"),
                hint: Some("region files live in DATA/regions/<id>.yaml".into()),
            });
            Vec::new()
        }
    };
    entries.sort();

    let source_ids: BTreeSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let mut regions = Vec::new();
    let mut positions = Vec::new();
    // Parse the files on every core; the results keep the files' order.
    type Parsed = Result<(Region, PosIndex), Diagnostic>;
    let parse = |path: &PathBuf| -> Parsed {
        let text = read_text(path)?;
        let mut region = parse_yaml::<Region>(path, &text)?;
        region.file = path.clone();
        Ok((region, PosIndex::build(&text)))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = entries.len().div_ceil(threads).max(1);
    let parsed: Vec<Parsed> = std::thread::scope(|scope| {
        let handles: Vec<_> = entries
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(parse).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a parsing thread panicked"))
            .collect()
    });
    for result in parsed {
        match result {
            Ok((region, pos)) => {
                check_region(&mut problems, &region, &pos, &source_ids);
                regions.push(region);
                positions.push(pos);
            }
            Err(d) => problems.push(d),
        }
    }
    check_graph(&mut problems, &regions, &positions);

    problems.sort();
    problems.dedup();
    let base = FactBase {
        dir: dir.to_path_buf(),
        sources,
        regions,
    };
    (Some(base), problems)
}

fn push(
    problems: &mut Vec<Diagnostic>,
    file: &Path,
    pos: &PosIndex,
    path: &[&str],
    message: String,
    hint: Option<String>,
) {
    let (line, column) = pos.get(path);
    problems.push(Diagnostic {
        file: file.to_path_buf(),
        line,
        column,
        message,
        hint,
    });
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Text that reaches a page must be printable: no control characters but a line feed, and
/// no ASCII space between two Chinese characters (it prints as a gap).
fn check_text(
    problems: &mut Vec<Diagnostic>,
    file: &Path,
    pos: &PosIndex,
    path: &[&str],
    text: &str,
) {
    let chars: Vec<char> = text.chars().collect();
    if let Some(w) = chars
        .windows(3)
        .find(|w| is_cjk(w[0]) && w[1] == ' ' && is_cjk(w[2]))
    {
        push(
            problems,
            file,
            pos,
            path,
            format!(
                "a space between Chinese characters (\"{}\") prints as a gap",
                w.iter().collect::<String>()
            ),
            Some("remove it, or use a full-width space (　) where the gap is meant".into()),
        );
    }
    if let Some(c) = text
        .chars()
        .find(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        push(
            problems,
            file,
            pos,
            path,
            format!("text contains the control character U+{:04X}", c as u32),
            Some("remove it; only printable characters and line breaks reach the page".into()),
        );
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

fn is_valid_name(name: &str) -> bool {
    !name.trim().is_empty()
        && name.trim() == name
        && !name.starts_with('-')
        && !name
            .chars()
            .any(|c| c.is_control() || c == '/' || c == '\\')
        && !name.contains("..")
}

fn check_number(
    problems: &mut Vec<Diagnostic>,
    file: &Path,
    pos: &PosIndex,
    path: &[&str],
    value: f64,
    unit: Option<&str>,
    allow_negative: bool,
) {
    let bad = if !value.is_finite() {
        Some("is not a number".to_string())
    } else if value < 0.0 && !allow_negative {
        Some("is negative".to_string())
    } else if unit == Some("%") && !allow_negative && value > 100.0 {
        Some("is a percentage above 100".to_string())
    } else if value.abs() >= 1e12 {
        Some("is implausibly large".to_string())
    } else {
        None
    };
    if let Some(why) = bad {
        push(
            problems,
            file,
            pos,
            path,
            format!("value {value} {why}"),
            Some("write the figure exactly as the article gives it".into()),
        );
    }
}

fn check_year(
    problems: &mut Vec<Diagnostic>,
    file: &Path,
    pos: &PosIndex,
    path: &[&str],
    year: i64,
) {
    if !YEARS.contains(&year) {
        push(
            problems,
            file,
            pos,
            path,
            format!("year {year} is outside {}–{}", YEARS.start(), YEARS.end()),
            Some("write the year in full, e.g. 2022".into()),
        );
    }
}

fn check_region(
    problems: &mut Vec<Diagnostic>,
    region: &Region,
    pos: &PosIndex,
    source_ids: &BTreeSet<&str>,
) {
    let file = region.file.as_path();
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !is_valid_id(&region.id) {
        push(
            problems,
            file,
            pos,
            &["id"],
            format!(
                "region id `{}` is not a plain ASCII id",
                region.id.escape_debug()
            ),
            Some("use lower-case letters, digits and '-', e.g. `luxi`".into()),
        );
    } else if region.id != stem {
        push(
            problems,
            file,
            pos,
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
    for (field, value) in [("name", &region.name), ("short", &region.short)] {
        if !is_valid_name(value) {
            push(
                problems,
                file,
                pos,
                &[field],
                format!("{field} `{}` is not a usable name", value.escape_debug()),
                Some("a name has no '/', '\\', '..', control characters, leading '-' or surrounding spaces".into()),
            );
        } else {
            check_text(problems, file, pos, &[field], value);
        }
    }
    for (i, alias) in region.aliases.iter().enumerate() {
        if !is_valid_name(alias) {
            push(
                problems,
                file,
                pos,
                &["aliases", &i.to_string()],
                format!("alias `{}` is not a usable name", alias.escape_debug()),
                None,
            );
        } else {
            check_text(problems, file, pos, &["aliases", &i.to_string()], alias);
        }
    }
    match (&region.parent, &region.province) {
        (None, None) => push(
            problems,
            file,
            pos,
            &["id"],
            "region has neither a parent nor a province".into(),
            Some("add `parent: <region id>`, or `province: 江西省` for a top-level region".into()),
        ),
        (Some(_), Some(_)) => push(
            problems,
            file,
            pos,
            &["province"],
            "region has both a parent and a province".into(),
            Some("a region inside another names only its parent".into()),
        ),
        _ => {}
    }

    let mut keys: HashMap<&str, usize> = HashMap::new();
    for (i, fact) in region.facts.iter().enumerate() {
        let idx = i.to_string();
        let at = |field: &'static str| -> Vec<String> {
            vec!["facts".into(), idx.clone(), field.into()]
        };
        let p = |problems: &mut Vec<Diagnostic>,
                 field: &'static str,
                 message: String,
                 hint: Option<String>| {
            let path = at(field);
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            push(problems, file, pos, &path, message, hint);
        };
        if !source_ids.contains(fact.source.as_str()) {
            p(
                problems,
                "source",
                format!("unknown source `{}`", fact.source),
                Some("add the article to sources.yaml, or cite one of its ids".into()),
            );
        }
        if fact.name.trim().is_empty() {
            p(problems, "name", "fact has an empty name".into(), None);
        }
        for (field, text) in [
            ("name", Some(&fact.name)),
            ("note", fact.note.as_ref()),
            ("period", fact.period.as_ref()),
        ] {
            if let Some(text) = text {
                let path = at(field);
                let path: Vec<&str> = path.iter().map(String::as_str).collect();
                check_text(problems, file, pos, &path, text);
            }
        }
        if let Some(key) = &fact.key {
            if !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                || key.is_empty()
            {
                p(
                    problems,
                    "key",
                    format!("key `{key}` is not snake_case ASCII"),
                    Some("use lower-case letters, digits and '_', e.g. `signed_capital`".into()),
                );
            }
            if let Some(first) = keys.insert(key.as_str(), i) {
                p(
                    problems,
                    "key",
                    format!(
                        "key `{key}` is used twice in this region (first by fact {})",
                        first + 1
                    ),
                    Some("a key names one fact; give the other a different key or none".into()),
                );
            }
        }
        match (fact.value, &fact.unit) {
            (Some(v), unit) => {
                check_number(
                    problems,
                    file,
                    pos,
                    &at("value").iter().map(String::as_str).collect::<Vec<_>>(),
                    v,
                    unit.as_deref(),
                    false,
                );
                if unit.is_none() {
                    p(
                        problems,
                        "value",
                        "a value needs a unit".into(),
                        Some("add `unit:` with the article's unit, e.g. 亿元 or 个".into()),
                    );
                }
            }
            (None, Some(_)) => p(
                problems,
                "unit",
                "a unit without a value".into(),
                Some("add `value:` or remove `unit:`".into()),
            ),
            (None, None) => {}
        }
        if let Some(unit) = &fact.unit {
            if !UNITS.contains(&unit.as_str()) {
                p(
                    problems,
                    "unit",
                    format!("unknown unit `{unit}`"),
                    Some(format!("known units: {}", UNITS.join(" "))),
                );
            }
        }
        if let Some(q) = &fact.qualifier {
            if qualifier_place(q).is_none() {
                p(
                    problems,
                    "qualifier",
                    format!("unknown qualifier `{q}`"),
                    Some(qualifier_hint()),
                );
            }
            if fact.value.is_none() {
                p(
                    problems,
                    "qualifier",
                    "a qualifier without a value".into(),
                    None,
                );
            }
        }
        for (field, year) in [("year", fact.year), ("from_year", fact.from_year)] {
            if let Some(y) = year {
                let path = at(field);
                let path: Vec<&str> = path.iter().map(String::as_str).collect();
                check_year(problems, file, pos, &path, y);
            }
        }
        if let (Some(from), Some(to)) = (fact.from_year, fact.year) {
            if from >= to {
                p(
                    problems,
                    "from_year",
                    format!("span {from}–{to} does not run forwards"),
                    None,
                );
            }
        }
        if let Some(g) = &fact.growth {
            let path = at("growth");
            let mut path: Vec<&str> = path.iter().map(String::as_str).collect();
            path.push("value");
            check_number(problems, file, pos, &path, g.value, Some(&g.unit), true);
            if !g.value.is_finite() || g.value.abs() > 1e5 {
                push(
                    problems,
                    file,
                    pos,
                    &path,
                    format!("growth {} is not plausible", g.value),
                    None,
                );
            }
            path.pop();
            if !GROWTH_UNITS.contains(&g.unit.as_str()) {
                path.push("unit");
                push(
                    problems,
                    file,
                    pos,
                    &path,
                    format!("unknown growth unit `{}`", g.unit),
                    Some(format!("use one of: {}", GROWTH_UNITS.join(" "))),
                );
                path.pop();
            }
            if let Some(q) = &g.qualifier {
                if qualifier_place(q).is_none() {
                    path.push("qualifier");
                    push(
                        problems,
                        file,
                        pos,
                        &path,
                        format!("unknown qualifier `{q}`"),
                        Some(qualifier_hint()),
                    );
                }
            }
        }
        if let Some(b) = &fact.base {
            let path = at("base");
            let mut path: Vec<&str> = path.iter().map(String::as_str).collect();
            path.push("value");
            check_number(
                problems,
                file,
                pos,
                &path,
                b.value,
                fact.unit.as_deref(),
                false,
            );
            path.pop();
            if let Some(y) = b.year {
                path.push("year");
                check_year(problems, file, pos, &path, y);
            }
            if fact.value.is_none() {
                p(problems, "base", "a base without a value".into(), None);
            }
        }
        match (&fact.grade, fact.kind) {
            (Some(g), _) if !GRADES.contains(&g.as_str()) => p(
                problems,
                "grade",
                format!("unknown grade `{g}`"),
                Some(format!("use one of: {}", GRADES.join(" "))),
            ),
            (None, Kind::Scenic) => p(
                problems,
                "kind",
                "a scenic area needs a grade".into(),
                Some("add `grade: 4A` (5A…1A), or use kind `tourism` for an ungraded site".into()),
            ),
            _ => {}
        }
        if let Some(l) = &fact.level {
            if !LEVELS.contains(&l.as_str()) {
                p(
                    problems,
                    "level",
                    format!("unknown level `{l}`"),
                    Some(format!("use one of: {}", LEVELS.join(" "))),
                );
            }
        }
        if let Some(list) = &fact.audiences {
            if list.is_empty() {
                p(
                    problems,
                    "audiences",
                    "an empty audience list hides the fact from every briefing".into(),
                    None,
                );
            }
        }
    }
}

fn qualifier_hint() -> String {
    let words: Vec<&str> = QUALIFIERS.iter().map(|(w, _)| *w).collect();
    format!("use the article's word, one of: {}", words.join(" "))
}

/// Checks what spans regions: unique ids and names, parents that exist, no cycles.
fn check_graph(problems: &mut Vec<Diagnostic>, regions: &[Region], positions: &[PosIndex]) {
    let mut names: BTreeMap<String, (usize, &'static str)> = BTreeMap::new();
    for (i, r) in regions.iter().enumerate() {
        let pos = &positions[i];
        let mut own = vec![
            ("id", r.id.clone()),
            ("name", r.name.clone()),
            ("short", r.short.clone()),
        ];
        own.extend(r.aliases.iter().map(|a| ("aliases", a.clone())));
        own.dedup_by(|a, b| a.1 == b.1);
        for (field, n) in own {
            if let Some((j, other_field)) = names.get(&n) {
                if *j != i {
                    push(
                        problems,
                        &r.file,
                        pos,
                        &[field],
                        format!(
                            "{field} `{n}` is already the {other_field} of {}",
                            regions[*j].file.display()
                        ),
                        Some(
                            "ids, names, short names and aliases must be unique across regions"
                                .into(),
                        ),
                    );
                }
            } else {
                names.insert(n, (i, field));
            }
        }
    }
    for (i, r) in regions.iter().enumerate() {
        let Some(parent) = &r.parent else { continue };
        if !regions.iter().any(|o| &o.id == parent) {
            push(
                problems,
                &r.file,
                &positions[i],
                &["parent"],
                format!("parent `{parent}` is not a region"),
                Some("use the id of a region in data/regions/".into()),
            );
            continue;
        }
        // Walk up; a chain longer than the number of regions is a cycle.
        let mut seen = vec![r.id.as_str()];
        let mut at = parent.as_str();
        while let Some(p) = regions.iter().find(|o| o.id == at) {
            if seen.contains(&p.id.as_str()) {
                push(
                    problems,
                    &r.file,
                    &positions[i],
                    &["parent"],
                    format!("parent chain loops: {} → {}", seen.join(" → "), p.id),
                    Some("a region's parent must lead up to a region with a province".into()),
                );
                break;
            }
            seen.push(&p.id);
            match &p.parent {
                Some(next) => at = next,
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_have_places() {
        assert_eq!(qualifier_place("余"), Some(QualifierPlace::Between));
        assert_eq!(qualifier_place("左右"), Some(QualifierPlace::After));
        assert_eq!(qualifier_place("预计"), Some(QualifierPlace::Before));
        assert_eq!(qualifier_place("大约"), None);
    }

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
    }
}
