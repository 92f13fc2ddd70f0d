//! The words of brief's sentences, as data (`data/phrases.yaml`): how a figure is said, how a
//! change is said, the region as a subject, the sentence that places it and the sentences that
//! name things without figures. A fact base without the file gets the one brief ships.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::positions::PosIndex;
use super::{Diagnostic, Kind, Level, Severity};

/// The phrases brief ships: the bundled fact base's own file.
pub const BUILTIN: &str = include_str!("../../data/phrases.yaml");

/// The file name inside a fact base directory.
pub const FILE: &str = "phrases.yaml";

/// How a change is said.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeWords {
    pub up: String,
    pub down: String,
    pub more: String,
    pub less: String,
    pub points_up: String,
    pub points_down: String,
    pub since_year: String,
    pub since: String,
    pub since_down: String,
    /// The rise of a price (居民消费价格上涨0.3%): said of a name that holds a word of
    /// `prices`.
    #[serde(default = "default_price_up")]
    pub price_up: String,
    #[serde(default = "default_prices")]
    pub prices: Vec<String>,
}

fn default_price_up() -> String {
    "上涨".into()
}

fn default_prices() -> Vec<String> {
    vec!["价格".into(), "物价".into()]
}

/// How figures of a key, kind or measure are said.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureRule {
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub kind: Option<Kind>,
    /// The measure of the unit, as vocabulary.yaml groups units: money, count, time …
    #[serde(default)]
    pub measure: Option<String>,
    /// Words one of which the name ends with (比重, 比例); `{stem}` is the name without it.
    #[serde(default)]
    pub ends: Vec<String>,
    /// Words one of which the name opens with (辖 of 辖镇); `{stem}` is the name without it
    /// (辖{value}{stem}: 辖9个镇). Such a rule says its verb itself.
    #[serde(default)]
    pub opens: Vec<String>,
    /// A word the name holds (占).
    #[serde(default)]
    pub contains: Option<String>,
    /// Words that, held by the name, keep the rule from it: 占有率, 占地 hold 占 but say no
    /// share of another figure.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Only for a figure whose qualifier is no verb (达, 超 …): 占…的82.1%, but 占…比重达78%.
    #[serde(default)]
    pub plain: bool,
    /// The pattern; none: such a figure is not said in a sentence.
    #[serde(default)]
    pub say: Option<String>,
}

/// The phrases file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrases {
    pub subject: BTreeMap<String, String>,
    pub place: String,
    pub target_head: String,
    /// The head of a goal for a year already past at the briefing's date: said as set in its
    /// article's year ({set}), so that it does not read as still ahead.
    #[serde(default = "default_target_past_head")]
    pub target_past_head: String,
    /// A year said again in one sentence: 于2024年提出，当年….
    #[serde(default = "default_same_year")]
    pub same_year: String,
    pub target: String,
    /// A goal's figure where no period heads its sentence (全部达产后, or none).
    #[serde(default = "default_target_open")]
    pub target_open: String,
    /// A goal's figure whose qualifier is a ceiling (`within`: 5.5%以内): 控制在…, not 达到….
    #[serde(default = "default_target_within")]
    pub target_within: String,
    /// Qualifiers that make a goal a ceiling (以内, 以下).
    #[serde(default = "default_within")]
    pub within: Vec<String>,
    pub change: ChangeWords,
    #[serde(default)]
    pub change_verbs: Vec<String>,
    #[serde(default)]
    pub change_nouns: Vec<String>,
    /// Words that end the name of a thing (园区, 项目, 节): a name with one inside speaks of
    /// that thing, and two names that share a head ending in one say it once.
    #[serde(default)]
    pub things: Vec<String>,
    /// Parts of a region that are a subject of their own (县城, 主城区): no 全县 before them.
    #[serde(default)]
    pub places: Vec<String>,
    /// Words a name opens with that make it a verb (新增, 建成): such a count is no stock.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Words a clause without a subject opens with besides `verbs` (加快, 依托, 以…): such a
    /// sentence after one about another subject takes the region's name.
    #[serde(default)]
    pub openers: Vec<String>,
    /// Words a name of things the region has ends with (企业, 景区, 合作社): such a count is a
    /// stock, said with `have`.
    #[serde(default)]
    pub stock: Vec<String>,
    /// Terms said with their head, never elided to after it (规模以上工业增加值, not 规模以上
    /// 工业企业142家，增加值…, which reads as the firms').
    #[serde(default)]
    pub bound: Vec<String>,
    /// Figures that are part of another (一般公共预算收入: [税收收入]): said right after their
    /// whole, in its unit and year, a part follows 其中 (一般公共预算收入11.26亿元，其中税收收入
    /// 7.84亿元). Names match by their ending (地方一般公共预算收入).
    #[serde(default)]
    pub parts: BTreeMap<String, Vec<String>>,
    /// What a table's count ends in that a sentence leaves to the classifier (规模以上工业企业数
    /// 68家 → 有规模以上工业企业68家): 总数, 数.
    #[serde(default)]
    pub count_ends: Vec<String>,
    /// The verb of a stock of things after the region: 有 (全区有高新技术企业186家).
    #[serde(default)]
    pub have: String,
    /// Qualifiers that are verbs themselves (达, 突破, 预计): no 为 before them.
    #[serde(default)]
    pub verbal: Vec<String>,
    pub figures: Vec<FigureRule>,
    #[serde(default)]
    pub names: BTreeMap<Kind, String>,
    /// Things of one grade, inside a sentence of names: 国家4A级旅游景区甲和乙.
    #[serde(default = "default_graded")]
    pub graded: String,
    /// Qualifiers that say a figure is not reached yet, a goal or a forecast (力争, 预计):
    /// such a figure takes no （目标） in a table and no second aim in its sentence.
    #[serde(default = "shipped::ahead")]
    pub ahead: Vec<String>,
    /// Qualifiers that make a figure a goal whether or not the fact says so (力争, 确保).
    #[serde(default = "shipped::striven")]
    pub striven: Vec<String>,
    /// Verbs that say an aim themselves (计划, 争取, 拟): a goal that holds one takes no 力争.
    #[serde(default = "shipped::aims")]
    pub aims: Vec<String>,
    /// Qualifiers that make a goal a figure set, not striven for (约, 左右).
    #[serde(default = "shipped::rough")]
    pub rough: Vec<String>,
    /// Words by which a name compares its figure with another (高于, 相当于, 恢复到): such a
    /// figure is said in a sentence, never as a table's row.
    #[serde(default = "shipped::compares")]
    pub compares: Vec<String>,
    /// Words that open a clause saying what share of the one before it is (占…的68.0%,
    /// 完成预算的102.6%): it goes on from that clause after a comma.
    #[serde(default = "shipped::shares")]
    pub shares: Vec<String>,
    /// Scopes a rank's name may open with (全省县域经济综合排名), said after 居 instead
    /// (县域经济综合居全省第28位).
    #[serde(default = "shipped::scopes")]
    pub scopes: Vec<String>,
    /// What the bars of a chart of one kind of thing are called in its caption (重点项目).
    #[serde(default = "shipped::chart_things")]
    pub chart_things: BTreeMap<Kind, String>,
    /// How a named thing's lasting figure ends (项目总投资, 占地面积, 年产能): what the thing is,
    /// not what a year did, said without the year (恒远项目总投资120亿元).
    #[serde(default = "shipped::lasting")]
    pub lasting: Vec<String>,
    /// The period of a goal beyond the year after its article's: what is to be reached by
    /// then (到{when}: 到2030年).
    #[serde(default = "shipped::target_by")]
    pub target_by: String,
    /// A goal set rather than striven for (its qualifier one of `rough`) whose name has no
    /// verb: what it reaches ({name}达到{value}: 城镇化率达到52%左右).
    #[serde(default = "shipped::target_set")]
    pub target_set: String,
    /// Words that end a place a goal's verb may follow as its subject (开发区新建…), besides
    /// a place by name (石桥镇, 全县).
    #[serde(default = "shipped::goal_places")]
    pub goal_places: Vec<String>,
    /// Words that make a name ending in 项目 a class of projects (重点项目, 10亿元以上项目), not
    /// one project by name.
    #[serde(default = "shipped::project_classes")]
    pub project_classes: Vec<String>,
    /// Characters any figure's name may have (全, 新, 增, 总, 率 …): two names that share only
    /// these share no topic, and their figures are not one sentence.
    #[serde(default = "shipped::plain_chars")]
    pub plain_chars: String,
    /// Characters that end a word (业 of 工业, 品 of 产品): a tail several names share is not
    /// cut after one of them (规模以上工业、国有控股企业增加值).
    #[serde(default = "shipped::word_ends")]
    pub word_ends: String,
    /// Characters of words that say town or country, not which place (城镇, 农村, 城乡): such a
    /// word before a goal's verb is part of its name (力争城镇新增就业).
    #[serde(default = "shipped::where_chars")]
    pub where_chars: String,
    /// Characters that make a word with the last of a region's name (县城, 市区, 县域, 县级,
    /// 县内): a name that goes on with one (榆泉县城至白岚市区车程) is not the region's name
    /// and a word after it, and is never cut after the region's name.
    #[serde(default = "shipped::glued_chars")]
    pub glued_chars: String,
}

/// A field an office's older phrases.yaml lacks takes the shipped file's words, so that the
/// file keeps saying what it said.
mod shipped {
    use super::{Kind, Phrases};
    use std::collections::BTreeMap;

    pub fn ahead() -> Vec<String> {
        Phrases::builtin().ahead
    }
    pub fn striven() -> Vec<String> {
        Phrases::builtin().striven
    }
    pub fn aims() -> Vec<String> {
        Phrases::builtin().aims
    }
    pub fn rough() -> Vec<String> {
        Phrases::builtin().rough
    }
    pub fn compares() -> Vec<String> {
        Phrases::builtin().compares
    }
    pub fn shares() -> Vec<String> {
        Phrases::builtin().shares
    }
    pub fn scopes() -> Vec<String> {
        Phrases::builtin().scopes
    }
    pub fn chart_things() -> BTreeMap<Kind, String> {
        Phrases::builtin().chart_things
    }
    pub fn lasting() -> Vec<String> {
        Phrases::builtin().lasting
    }
    pub fn target_by() -> String {
        Phrases::builtin().target_by
    }
    pub fn target_set() -> String {
        Phrases::builtin().target_set
    }
    pub fn goal_places() -> Vec<String> {
        Phrases::builtin().goal_places
    }
    pub fn project_classes() -> Vec<String> {
        Phrases::builtin().project_classes
    }
    pub fn plain_chars() -> String {
        Phrases::builtin().plain_chars
    }
    pub fn word_ends() -> String {
        Phrases::builtin().word_ends
    }
    pub fn where_chars() -> String {
        Phrases::builtin().where_chars
    }
    pub fn glued_chars() -> String {
        Phrases::builtin().glued_chars
    }
}

fn default_same_year() -> String {
    "当年".into()
}

fn default_target_past_head() -> String {
    "{place}于{set}年提出，{when}".into()
}

fn default_target_open() -> String {
    "{name}力争达到{value}".into()
}

fn default_target_within() -> String {
    "{name}控制在{value}".into()
}

fn default_within() -> Vec<String> {
    vec!["以内".into(), "以下".into()]
}

fn default_graded() -> String {
    "国家{grade}级旅游景区{names}".into()
}

/// The slots each pattern may use.
pub const FACT_SLOTS: &[&str] = &["name", "value", "change", "base", "base_year", "place"];
/// The slots of a pattern of `figures`: a fact's, and the name without its ending.
const RULE_SLOTS: &[&str] = &[
    "name",
    "stem",
    "value",
    "change",
    "base",
    "base_year",
    "place",
];
const NAMES_SLOTS: &[&str] = &["place", "names"];

impl Phrases {
    pub fn builtin() -> Phrases {
        serde_yaml::from_str(BUILTIN).expect("the built-in phrases parse")
    }

    /// Whether a qualifier is one of `list`.
    pub fn holds(list: &[String], qualifier: Option<&str>) -> bool {
        qualifier.is_some_and(|q| list.iter().any(|w| w == q))
    }

    /// The name without the longest word of `lasting` it ends with (项目计划总投资 → 项目), if
    /// it ends with one.
    pub fn lasting_stem<'a>(&self, name: &'a str) -> Option<&'a str> {
        self.lasting
            .iter()
            .filter_map(|w| name.strip_suffix(w.as_str()))
            .min_by_key(|stem| stem.len())
    }

    /// Whether a text holds one of the words of `list`.
    pub fn mentions(list: &[String], text: &str) -> bool {
        list.iter().any(|w| text.contains(w.as_str()))
    }

    /// The region as a later sentence's subject: 全县.
    pub fn subject(&self, level: Level) -> &str {
        self.subject
            .get(level.as_str())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The pattern that says a figure of this key, kind and measure; `None` when no sentence
    /// says it. A fact's own `say` is asked for first, by the caller.
    pub fn figure(
        &self,
        key: Option<&str>,
        kind: Kind,
        measure: Option<&str>,
        name: &str,
    ) -> Option<&str> {
        self.rule(key, kind, measure, name, false)
            .and_then(|r| r.say.as_deref())
    }

    /// The first rule that matches a figure, if any.
    pub fn rule(
        &self,
        key: Option<&str>,
        kind: Kind,
        measure: Option<&str>,
        name: &str,
        verbal: bool,
    ) -> Option<&FigureRule> {
        // A rule that says its own verb before the name (发放{name}, 举办{name}) is not for a
        // name that opens with one (发放消费券, 开展志愿服务活动).
        let has_verb = self.verbs.iter().any(|v| {
            name.starts_with(v.as_str())
                || name
                    .strip_prefix('新')
                    .is_some_and(|n| n.starts_with(v.as_str()))
        });
        self.figures.iter().find(|r| {
            let own_verb = r.say.as_deref().is_some_and(|s| !s.starts_with('{'));
            !(r.plain && verbal || has_verb && own_verb && r.opens.is_empty())
                && r.key.as_deref().is_none_or(|k| Some(k) == key)
                && r.kind.is_none_or(|k| k == kind)
                && r.measure.as_deref().is_none_or(|m| Some(m) == measure)
                && (r.ends.is_empty() || r.ends.iter().any(|e| name.ends_with(e.as_str())))
                && (r.opens.is_empty() || r.opens.iter().any(|o| name.starts_with(o.as_str())))
                && r.contains.as_deref().is_none_or(|c| name.contains(c))
                && !r.unless.iter().any(|u| name.contains(u.as_str()))
        })
    }

    /// The name without the word of `ends` it ends with: 民生支出占公共财政支出的比重 →
    /// 民生支出占公共财政支出; and without the word of `opens` it opens with: 辖镇 → 镇.
    pub fn stem<'a>(rule: &FigureRule, name: &'a str) -> &'a str {
        let stem = rule
            .ends
            .iter()
            .filter(|e| name.ends_with(e.as_str()))
            .map(|e| &name[..name.len() - e.len()])
            .min_by_key(|s| s.len())
            .unwrap_or(name);
        rule.opens
            .iter()
            .find_map(|o| stem.strip_prefix(o.as_str()))
            .unwrap_or(stem)
    }
}

/// The `{slot}` names of a pattern, or the text of a brace that is not one.
pub fn slots(pattern: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(i) = rest.find(['{', '}']) {
        if rest[i..].starts_with('}') {
            return Err("a `}` without its `{`".into());
        }
        let after = &rest[i + 1..];
        let Some(j) = after.find('}') else {
            return Err("a `{` without its `}`".into());
        };
        let name = &after[..j];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("`{{{name}}}` is not a slot"));
        }
        out.push(name);
        rest = &after[j + 1..];
    }
    Ok(out)
}

/// Fills `{slot}`s from `values`; a slot without a value is left empty.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                let name = &after[..j];
                if let Some((_, v)) = values.iter().find(|(k, _)| *k == name) {
                    out.push_str(v);
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Problems of a pattern: an unknown slot, a brace not closed.
pub fn check_pattern(pattern: &str, allowed: &[&str]) -> Option<String> {
    match slots(pattern) {
        Err(e) => Some(e),
        Ok(list) => list
            .iter()
            .find(|s| !allowed.contains(s))
            .map(|s| format!("unknown slot `{{{s}}}` (slots: {})", brace(allowed))),
    }
}

fn brace(list: &[&str]) -> String {
    list.iter()
        .map(|s| format!("{{{s}}}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads `dir/phrases.yaml` (else the built-in phrases) and its text for the inputs hash;
/// every problem is added to `problems`, located.
pub fn load(dir: &Path, problems: &mut Vec<Diagnostic>) -> (Phrases, String) {
    let path = dir.join(FILE);
    let builtin = || (Phrases::builtin(), BUILTIN.to_string());
    if std::fs::symlink_metadata(&path).is_err() {
        return builtin();
    }
    let text = match super::read_text(&path, dir) {
        Ok(t) => t,
        Err(d) => {
            problems.push(d);
            return builtin();
        }
    };
    let at = |line: usize, column: usize, message: String, hint: Option<String>| Diagnostic {
        severity: Severity::Error,
        file: path.clone(),
        line,
        column,
        message,
        hint,
    };
    let phrases: Phrases = match super::load::parse_yaml(&path, &text) {
        Ok(p) => p,
        Err(mut d) => {
            d.hint = d
                .hint
                .or_else(|| Some("the shipped phrases.yaml describes every field".into()));
            problems.push(d);
            return builtin();
        }
    };
    let pos = PosIndex::build(&text);
    // Every word of a pattern reaches the page, as every text field's does.
    let mut c = super::check::Checker {
        file: &path,
        pos: &pos,
        problems,
    };
    for s in pos.scalars() {
        let at: Vec<&str> = s.path.split('.').collect();
        c.text(&at, &s.text);
    }
    let mut check = |path: &[&str], pattern: &str, allowed: &[&str]| {
        if let Some(problem) = check_pattern(pattern, allowed) {
            let (l, c) = pos.get(path);
            problems.push(at(l, c, problem, None));
        }
    };
    check(&["place"], &phrases.place, &["place", "chain"]);
    check(&["target_head"], &phrases.target_head, &["when", "place"]);
    check(
        &["target_past_head"],
        &phrases.target_past_head,
        &["when", "place", "set"],
    );
    check(&["target"], &phrases.target, &["name", "value"]);
    check(&["target_open"], &phrases.target_open, &["name", "value"]);
    check(&["target_by"], &phrases.target_by, &["when"]);
    check(&["target_set"], &phrases.target_set, &["name", "value"]);
    check(
        &["target_within"],
        &phrases.target_within,
        &["name", "value"],
    );
    let c = &phrases.change;
    for (field, p) in [
        ("since_year", &c.since_year),
        ("since", &c.since),
        ("since_down", &c.since_down),
    ] {
        check(
            &["change", field],
            p,
            &["base", "base_year", "change", "value"],
        );
    }
    for (i, r) in phrases.figures.iter().enumerate() {
        if let Some(s) = &r.say {
            check(&["figures", &i.to_string(), "say"], s, RULE_SLOTS);
        }
    }
    check(&["graded"], &phrases.graded, &["grade", "names"]);
    for (kind, p) in &phrases.names {
        check(&["names", kind.as_str()], p, NAMES_SLOTS);
    }
    (phrases, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_fill_their_slots() {
        assert_eq!(
            fill(
                "{name}{value}",
                &[("name", "地区生产总值"), ("value", "142亿元")]
            ),
            "地区生产总值142亿元"
        );
        assert_eq!(slots("连续{value}获评{name}").unwrap(), ["value", "name"]);
        assert!(check_pattern("{nmae}{value}", FACT_SLOTS)
            .unwrap()
            .contains("unknown slot `{nmae}`"));
        assert!(check_pattern("{value", FACT_SLOTS).is_some());
    }

    #[test]
    fn an_older_file_keeps_the_shipped_words_it_does_not_name() {
        // The shipped file without the words added since: they are the shipped ones.
        let cut = BUILTIN
            .split("\nahead:")
            .next()
            .expect("the shipped file names its words of aim");
        assert!(cut.len() < BUILTIN.len());
        let older: Phrases = serde_yaml::from_str(cut).unwrap();
        let shipped = Phrases::builtin();
        assert_eq!(older.ahead, shipped.ahead);
        assert_eq!(older.compares, shipped.compares);
        assert_eq!(older.chart_things, shipped.chart_things);
        assert_eq!(older.lasting, shipped.lasting);
        assert!(shipped.aims.iter().any(|a| a == "计划"));
        assert!(Phrases::holds(&shipped.striven, Some("确保")));
        assert!(!Phrases::holds(&shipped.striven, Some("预计")));
    }

    #[test]
    fn the_shipped_phrases_say_a_figure_and_refuse_a_duration() {
        let p = Phrases::builtin();
        assert_eq!(
            p.figure(Some("gdp"), Kind::Indicator, Some("money"), "地区生产总值"),
            Some("{name}{value}")
        );
        assert_eq!(p.figure(None, Kind::Honour, Some("time"), "连续获评"), None);
        assert_eq!(
            p.figure(
                None,
                Kind::Livelihood,
                Some("share"),
                "民生支出占支出的比重"
            ),
            Some("{stem}的{value}")
        );
        assert_eq!(
            p.figure(None, Kind::Ecology, Some("share"), "优良天数比例"),
            Some("{name}为{value}")
        );
        // A qualifier that is a verb keeps 比重: 比重达78%.
        let r = p
            .rule(
                None,
                Kind::Livelihood,
                Some("share"),
                "民生支出占支出比重",
                true,
            )
            .unwrap();
        assert_eq!(r.say.as_deref(), Some("{name}为{value}"));
        assert_eq!(p.subject(Level::County), "全县");
    }
}
