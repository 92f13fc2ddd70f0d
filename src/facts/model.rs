//! The fact base as written: regions, facts and the articles they cite.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::number::{self, Number};

/// A reader a briefing is written for: an id that the templates' `audiences.yaml` defines
/// (`investor`, `tourism` and `policy` as shipped). The id is all a fact or a file name needs;
/// what the reader reads is the audience's definition (`render::audiences`).
///
/// Interned, so that it is `Copy` and compares as cheaply as an enum; a process sees a
/// handful of ids.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Audience(&'static str);

impl Audience {
    /// The longest id an audience may have.
    pub const MAX_LEN: usize = 32;

    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// An audience id: lower-case ASCII letters, digits and '-', starting with a letter.
    pub fn new(id: &str) -> Result<Audience, String> {
        let ok = id.len() <= Audience::MAX_LEN
            && id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            let shown: String = id.chars().take(40).flat_map(char::escape_debug).collect();
            return Err(format!(
                "`{shown}` is not an audience id (lower-case letters, digits and '-', at most {} characters, starting with a letter)",
                Audience::MAX_LEN
            ));
        }
        Ok(Audience(intern(id)))
    }
}

/// The one `&'static str` of each id, made once per process.
fn intern(id: &str) -> &'static str {
    use std::collections::BTreeSet;
    use std::sync::Mutex;
    static IDS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut ids = IDS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = ids.get(id) {
        return s;
    }
    let s: &'static str = Box::leak(id.to_string().into_boxed_str());
    ids.insert(s);
    s
}

impl fmt::Debug for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::str::FromStr for Audience {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Audience::new(s)
    }
}

impl Serialize for Audience {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Audience {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Audience::new(&s).map_err(serde::de::Error::custom)
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
    /// A short id the user chooses (`luxi-2022`); facts cite it.
    pub id: String,
    /// The headline, printed in 《》.
    pub title: String,
    /// The newspaper or site (媒体), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The day it was published, YYYY-MM-DD, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The period it reports on, as printed: 2022年, 2012～2022年.
    pub period: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article's text file, in the articles directory (`brief verify` reads it). The
    /// fact base keeps no article text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// A change the article reports next to a figure.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Growth {
    pub value: Number,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// The value a change started from, in the fact's unit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Base {
    pub value: Number,
    #[serde(
        default,
        deserialize_with = "number::year",
        skip_serializing_if = "Option::is_none"
    )]
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
    pub value: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    #[serde(
        default,
        deserialize_with = "number::year",
        skip_serializing_if = "Option::is_none"
    )]
    pub year: Option<i64>,
    #[serde(
        default,
        deserialize_with = "number::year",
        skip_serializing_if = "Option::is_none"
    )]
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
    /// What the figure measures when `name` names a thing: 投资, 营业收入, 产值.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// A short label for charts and tables where `name` is long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// For cooperation: the partner region or body (湖南省, 长株潭).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// A sentence for the reader, printed with the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How the fact is said, in our own words, with slots brief fills: `连续{value}被评为优秀
    /// 等次`, `{name}产值翻了一番`. Without it, the phrases of the fact base say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub say: Option<String>,
    /// A remark for maintainers (where the figure stands in the article, how it was read);
    /// never printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// Why a figure that `brief verify` cannot match mechanically is right anyway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audiences: Option<Vec<Audience>>,
    pub source: String,
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
    /// What the region is known for, one clause in our own words, printed after where it is
    /// at the head of the 摘要 (以电瓷电气、新能源新材料为双首位产业).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// A profile for one reader, by audience id, in place of `profile` (tourism: 拥有国家5A级
    /// 旅游景区武功山): what the region is known for is not the same for every reader.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub profiles: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// The file the region was read from.
    #[serde(skip)]
    pub file: PathBuf,
    /// A SHA-256 of the file's text: what `brief build` compares to know, without rendering,
    /// that a briefing's inputs are unchanged.
    #[serde(skip)]
    pub digest: String,
}
