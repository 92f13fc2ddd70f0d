//! `brief extract`: draft facts for every figure of an article, in the fact base's YAML, each
//! with the sentence it came from beside it as a comment (never as data). The article is read
//! clause by clause as `verify` reads it (`reading`): enumerations paired by position, a
//! change with the figure it belongs to, a year only from the figure's sentence, else the
//! period the article reports on.

use std::fmt::Write as _;

use super::figure::{relative_level, same_value, Figure};
use super::goal::goal_of;
use super::part::{is_holiday, WHOLE_YEAR, YEAR_SO_FAR};
use super::period::Period;
use super::reading::qualifier::{qualifier_of, REACHING};
use super::reading::{rank_unit, Item, Reading, Role};
use super::restated::{each_of, restates};
use super::{Article, Span};
use crate::facts::positions::PosIndex;
use crate::facts::{
    Base, Fact, FactBase, Growth, Kind, Number, QualifierPlace, Source, Vocabulary,
};

/// One draft fact and where it came from.
#[derive(Debug, Clone)]
pub struct Draft {
    pub fact: Fact,
    /// The sentence, for the comment.
    pub sentence: String,
    /// `file:line` of a fact of the same source with the same value and unit.
    pub already: Option<String>,
}

/// Words that introduce a figure without belonging to its name.
const LEADING: [&str; 22] = [
    "截至目前",
    "初步核算",
    "按不变价格计算",
    "按可比价格计算",
    "目前",
    "其中",
    "同时",
    "此外",
    "另外",
    "全年",
    "今年",
    "去年",
    "以来",
    "共有",
    "拥有",
    "全县",
    "全市",
    "全区",
    "年末",
    "已",
    "并",
    "中",
];
/// Verbs that stand between a name and its figure: 实现地区生产总值142亿元, 总投资达1.39亿元.
const TRAILING: [&str; 24] = [
    "达到",
    "实现",
    "完成",
    "累计",
    "共计",
    "共有",
    "拥有",
    "分别为",
    "分别",
    "可以",
    "稳定在",
    "保持在",
    "比上年",
    "比上年末",
    "同比",
    "为",
    "是",
    "达",
    "有",
    "共",
    "约",
    "可",
    "在",
    "到",
];

/// Words that open with 有 and are no verb of having: 有效投资, 有机农产品, 有色金属.
const OWN_WORDS_OF_YOU: [&str; 12] = [
    "效", "机", "色", "线", "关", "限", "序", "害", "偿", "益", "形", "声",
];

/// Keywords of kinds, the first that a name or sentence holds wins.
const KIND_WORDS: [(Kind, &[&str]); 16] = [
    // A scenic area needs its grade, which a draft cannot know: 景区 reads as tourism.
    (Kind::Tourism, &["景区", "景点"]),
    (Kind::Festival, &["节", "赛事", "展会"]),
    (Kind::Tourism, &["旅游", "文旅", "游客", "民宿"]),
    (
        Kind::Honour,
        &["称号", "荣获", "获评", "排名", "全省第", "全市第", "全国第"],
    ),
    (
        Kind::Fund,
        &["资金", "基金", "贷款", "债券", "减税", "退税", "补贴"],
    ),
    (
        Kind::Transport,
        &[
            "公路", "铁路", "高铁", "高速", "交通", "物流", "班列", "机场",
        ],
    ),
    (
        Kind::Cooperation,
        &["湘赣", "赣湘", "湖南", "长株潭", "跨省", "合作协议"],
    ),
    (
        Kind::Innovation,
        &[
            "专精特新",
            "创新",
            "科技",
            "专利",
            "高新技术",
            "研发",
            "成果转化",
        ],
    ),
    (Kind::Reform, &["改革", "政务服务", "营商", "事项", "通办"]),
    (
        Kind::Agriculture,
        &[
            "农业",
            "粮食",
            "种植",
            "水稻",
            "稻",
            "种业",
            "农产品",
            "合作社",
            "油茶",
            "畜牧",
        ],
    ),
    (
        Kind::Ecology,
        &[
            "森林", "生态", "空气", "水质", "污水", "林长", "护林", "绿色", "修复", "环境",
        ],
    ),
    (
        Kind::Livelihood,
        &[
            "民生",
            "学校",
            "医院",
            "就业",
            "教育",
            "医疗",
            "养老",
            "社保",
            "可支配收入",
        ],
    ),
    (
        Kind::Governance,
        &["党", "志愿者", "安全", "满意度", "文明", "治理"],
    ),
    (Kind::Platform, &["平台", "园区", "基地", "研究院", "中心"]),
    (Kind::Industry, &["产业", "企业", "工业", "制造"]),
    (Kind::Project, &["项目"]),
];

fn guess_kind(name: &str, sentence: &str) -> Kind {
    for text in [name, sentence] {
        for (kind, words) in KIND_WORDS {
            if words.iter().any(|w| text.contains(w)) {
                return kind;
            }
        }
    }
    Kind::Indicator
}

fn strip_years(s: &str) -> String {
    // 2022年, 2021年10月以来: drop dates from a name.
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_digit() {
            let mut j = i;
            while j < cs.len() && cs[j].is_ascii_digit() {
                j += 1;
            }
            // 1—9月, 2018—2020年, 3—5年: a range of dates goes whole.
            let mut k = j;
            if k + 1 < cs.len() && matches!(cs[k], '—' | '-' | '～' | '~' | '至' | '到') {
                let m = (k + 1..cs.len())
                    .take_while(|&m| cs[m].is_ascii_digit())
                    .count();
                if m > 0 && matches!(cs.get(k + 1 + m), Some('年' | '月')) {
                    k += 1 + m;
                }
            }
            // 比1—5月加快: the period compared with stays.
            if k < cs.len() && matches!(cs[k], '年' | '月' | '日') && out.ends_with(['比', '较'])
            {
                out.extend(&cs[i..=k]);
                i = k + 1;
                continue;
            }
            if k < cs.len() && matches!(cs[k], '年' | '月' | '日') {
                // 力争到2026年: the word that leads to a dropped year goes with it.
                if cs[k] == '年' && out.ends_with(['到', '至']) {
                    out.pop();
                }
                // 6月末, 2023年底: the end or start of the date goes with it.
                let edge = matches!(cs[k], '年' | '月')
                    && matches!(cs.get(k + 1), Some('末' | '底' | '初'));
                i = k + 1 + usize::from(edge);
                continue;
            }
            out.extend(&cs[i..j]);
            i = j;
            continue;
        }
        out.push(cs[i]);
        i += 1;
    }
    out
}

/// 土地流转租金每亩每年500元至 → 土地流转租金每亩每年: the upper bound of a range is named
/// without its lower bound.
fn without_lower_bound(s: &str, vocab: &Vocabulary) -> String {
    let t = s.trim_end_matches(['—', '-', '～', '~', '至', '到']);
    if t.len() == s.len() {
        return s.to_string();
    }
    let mut t = t.trim_end_matches('%');
    if let Some(u) = vocab
        .units()
        .into_iter()
        .filter(|u| t.ends_with(*u))
        .max_by_key(|u| u.len())
    {
        t = &t[..t.len() - u.len()];
    }
    let bare = t.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ','));
    if bare.len() == t.len() {
        return s.to_string();
    }
    bare.to_string()
}

fn trim_name(mut s: String, vocab: &Vocabulary) -> String {
    s = without_lower_bound(&s, vocab);
    s = strip_years(&s);
    // 【农业】全年粮食播种面积: the label of a 年鉴's entry heads it, and is no name.
    if let Some(at) = s.rfind('】') {
        s = s[at + '】'.len_utf8()..].to_string();
    }
    s.retain(|c| !c.is_whitespace() && c != '/' && c != '\\');
    loop {
        let before = s.clone();
        for w in LEADING {
            if let Some(rest) = s.strip_prefix(w) {
                s = rest.to_string();
            }
        }
        for w in ["年度", "年", "月", "的", "，", "、", "在"] {
            if let Some(rest) = s.strip_prefix(w) {
                // 在建, 在产, 在岗, 在校: 在 of a word, not of a place.
                if w == "在" && rest.starts_with(['建', '产', '岗', '校', '职', '库', '营'])
                {
                    continue;
                }
                s = rest.to_string();
            }
        }
        // 有规模以上工业企业, 实现旅游综合收入: a verb of having or reaching opens no name
        // (有效, 有机, 有色 are words of their own).
        for w in ["有", "实现"] {
            if let Some(rest) = s.strip_prefix(w) {
                if rest.chars().count() >= 2
                    && !(w == "有" && OWN_WORDS_OF_YOU.iter().any(|o| rest.starts_with(o)))
                {
                    s = rest.to_string();
                }
            }
        }
        for w in TRAILING {
            if let Some(rest) = s.strip_suffix(w) {
                s = rest.to_string();
            }
        }
        for (q, place) in vocab.qualifiers() {
            if place == QualifierPlace::Before {
                if let Some(rest) = s.strip_suffix(q) {
                    s = rest.to_string();
                }
            }
        }
        for w in ["的", "了", "等"] {
            if let Some(rest) = s.strip_suffix(w) {
                if !rest.is_empty() && w != "等" {
                    s = rest.to_string();
                }
            }
        }
        if s == before {
            break;
        }
    }
    while s.contains("..") {
        s = s.replace("..", ".");
    }
    let s = s.trim_start_matches('-').trim().to_string();
    s.chars().take(30).collect()
}

/// A name for an item: the words of its subject, trimmed of dates and verbs; a count joins
/// the thing counted after it (建成1个美丽宜居示范乡镇 → 建成美丽宜居示范乡镇).
fn name_for(r: &Reading, i: usize, vocab: &Vocabulary) -> String {
    let a = &r.article;
    let item = &r.items[i];
    let part = |k: usize| {
        item.subject
            .get(k)
            .map(|(s, e)| trim_name(a.slice(*s, *e).trim_start_matches('的').to_string(), vocab))
            .unwrap_or_default()
    };
    // 研发经费投入强度由2019年的1.85%提高到…: the name stops where the base begins.
    let spelt = r.subject_text(i);
    let before = match (item.base, item.subject.first()) {
        // 第一、二、三产业增加值: an item spelt out of a shorthand list.
        _ if item.listed.is_some() && item.subject.len() > 1 && !spelt.contains('…') => {
            trim_name(spelt, vocab)
        }
        (Some(b), Some(&(st, _))) if item.listed.is_none() => {
            let cut = r.fig(b).start.max(st);
            let head = a.slice(st, cut);
            let head = head
                .rfind(['由', '从', '较', '比'])
                .map_or(head.as_str(), |at| &head[..at])
                .to_string();
            trim_name(head, vocab)
        }
        _ => part(0),
    };
    let after = if item.listed.is_none() && item.role == Role::Main {
        part(1)
    } else {
        String::new()
    };
    let counted = vocab
        .measure(&item.unit)
        .is_some_and(|m| !matches!(m, "money" | "share" | "ratio"));
    let mut name = if after.chars().count() >= 2 && (counted || before.chars().count() < 2) {
        format!("{before}{after}")
    } else {
        before
    };
    // A clause that names nothing: the topic of the clauses before.
    let mut k = if item.listed.is_none() && item.role == Role::Main {
        2
    } else {
        1
    };
    while name.chars().count() < 2 && k < item.subject.len() {
        name = part(k);
        k += 1;
    }
    // 规上工业增加值增长9.6%，高于全市平均水平2.3个百分点: a gap to an average is the
    // figure's before it.
    // So is a gap or change against another period (比一季度加快0.4个百分点, 比年初增加…).
    if ["高于", "低于", "快于", "慢于", "比", "较"]
        .iter()
        .any(|w| name.starts_with(w))
    {
        let s = r.sentence(i);
        if let Some(j) = (0..i).rev().find(|&j| {
            r.fig(j).number.start >= s.start
                && r.items[j].role != Role::Base
                && !(r.items[j].role == Role::Main && r.items[j].unit == "个百分点")
        }) {
            let m = r.items[j]
                .of
                .filter(|_| r.items[j].role != Role::Main)
                .unwrap_or(j);
            name = format!("{}{name}", name_for(r, m, vocab));
        }
    }
    let name: String = name.chars().take(30).collect();
    if name.chars().count() < 2 {
        "待命名".to_string()
    } else {
        name
    }
}

/// Draft facts for every figure of `text`, in article order.
pub fn drafts(base: &FactBase, source: &Source, text: &str) -> Vec<Draft> {
    let vocab = &base.vocab;
    let period = Period::of(source);
    let r = Reading::new(text, vocab, period);
    let a = &r.article;
    // Repeated passages count once: the same figure with the same words before or after it.
    // Figures seen, by their digits, unit and qualifier: the words around each (at most 64
    // of one figure are kept, so that a page of one figure does not cost its square).
    type Key = (String, String, Option<String>);
    let mut seen: std::collections::HashMap<Key, Vec<(String, String)>> =
        std::collections::HashMap::new();
    let mut out: Vec<(usize, Draft)> = Vec::new();
    let rank = rank_unit(vocab);
    for i in 0..r.items.len() {
        let item = &r.items[i];
        let f = r.fig(i);
        if !item.figure {
            continue;
        }
        let lone_change = item.role == Role::Change && item.of.is_none_or(|m| !r.items[m].figure);
        if item.role != Role::Main && !lone_change {
            continue;
        }
        // A layout that repeats a passage (or the end of one) repeats the figure with the
        // words around it in its sentence: counted once.
        let sa = r.sentence(i);
        let before = a.slice(f.start.saturating_sub(8).max(sa.start), f.start);
        let after = a.slice(f.end, (f.end + 8).min(sa.end));
        let q = f.qualifier_word().map(str::to_string);
        let key = (number(a, f).digits(), item.unit.clone(), q);
        let around = seen.entry(key).or_default();
        let repeated = around.iter().any(|(b, af)| {
            (b.ends_with(before.as_str()) || before.ends_with(b.as_str()))
                && (af.starts_with(after.as_str()) || after.starts_with(af.as_str()))
        });
        if repeated {
            continue;
        }
        if around.len() < 64 {
            around.push((before, after));
        }

        let s = r.sentence(i);
        let sentence = comment_of(a, s, f);
        let mut fact = blank_fact(source);
        fact.name = name_for(&r, i, vocab);
        if lone_change || (item.unit == "%" && f.value() > 100.0 && !relative_level(a, f.start)) {
            // A change without a figure of its own; a percentage above 100 reads as one.
            fact.growth = Some(lone_growth(&r, i, vocab, s));
        } else {
            fact.value = Some(number(a, f));
            fact.unit = Some(item.unit.clone());
            fact.qualifier = qualifier_of(a, f, vocab);
            if let Some(c) = item.change.filter(|&c| r.items[c].figure) {
                fact.growth = Some(growth_of(&r, c, vocab, s));
            }
            if let Some(b) = item.base {
                fact.base = Some(Base {
                    value: number(a, r.fig(b)),
                    year: r.items[b].year,
                });
            }
            if let Some(c) = item.conversion {
                fact.remark = Some(format!("原文括注{}", r.fig(c).display(a)));
            }
        }
        let goal = goal_of(a, s, f, item, period);
        fact.target = goal.target;
        let over_years = goal.over_years;
        set_time(&mut fact, item, vocab, period);
        if over_years {
            fact.year = None;
        }
        fact.kind = guess_kind(&fact.name, &sentence);
        if rank.as_deref() == fact.unit.as_deref() && fact.unit.is_some() {
            fact.kind = Kind::Honour;
        }
        if matches!(fact.kind, Kind::Project | Kind::Platform)
            && (fact.value.is_none()
                || fact.unit.as_deref().and_then(|u| vocab.measure(u)) == Some("money"))
        {
            fact.kind = Kind::Indicator;
        }
        // 广播、电视综合人口覆盖率均为100%: one figure said of each item of a list.
        for name in each_of(a, f) {
            let mut each = fact.clone();
            each.name = name;
            out.push((
                f.number.start,
                Draft {
                    fact: each,
                    sentence: sentence.clone(),
                    already: None,
                },
            ));
        }
        if out.last().is_none_or(|(at, _)| *at != f.number.start) {
            out.push((
                f.number.start,
                Draft {
                    fact,
                    sentence,
                    already: None,
                },
            ));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    let mut drafts: Vec<Draft> = Vec::with_capacity(out.len());
    for (_, d) in out {
        if !drafts.iter().any(|e| restates(e, &d)) {
            drafts.push(d);
        }
    }
    mark_known(base, source, &mut drafts);
    drafts
}

/// The sentence of a figure, for the draft's comment: whole, or for a sentence of more than
/// 160 characters the 80 on either side of the figure, so that a page without a full stop
/// is not repeated beside each of its figures.
fn comment_of(a: &Article, s: Span, f: &Figure) -> String {
    let text = if s.end - s.start <= 160 {
        a.text(s)
    } else {
        let lo = s.start.max(f.start.saturating_sub(80));
        let hi = s.end.min(f.end + 80);
        format!(
            "{}{}{}",
            if lo > s.start { "…" } else { "" },
            a.slice(lo, hi),
            if hi < s.end { "…" } else { "" }
        )
    };
    text.replace('\n', " ")
}

/// The figure as the fact base writes it: the article's digits. Figures whose digits no
/// figure can keep are no figures (`Reading`).
fn number(a: &Article, f: &Figure) -> Number {
    f.number
        .figure(a)
        .unwrap_or_else(|| Number::from_f64(f.value()))
}

fn growth_of(r: &Reading, i: usize, vocab: &Vocabulary, s: Span) -> Growth {
    let a = &r.article;
    let g = r.fig(i);
    let n = number(a, g);
    let _ = (vocab, s);
    Growth {
        value: if r.items[i].decline { n.negated() } else { n },
        unit: r.items[i].unit.clone(),
        qualifier: g
            .qualifier
            .as_ref()
            .filter(|(w, p)| *p != QualifierPlace::Before || !REACHING.contains(&w.as_str()))
            .map(|(w, _)| w.clone()),
    }
}

/// A change without a figure of its own: a word heading its statement (预计全年…增长5.5%) is
/// its qualifier.
fn lone_growth(r: &Reading, i: usize, vocab: &Vocabulary, s: Span) -> Growth {
    let mut growth = growth_of(r, i, vocab, s);
    if growth.qualifier.is_none() {
        growth.qualifier = qualifier_of(&r.article, r.fig(i), vocab);
    }
    growth
}

/// Year, span and period: what the figure's sentence names before it; else, for a figure
/// of the period the article reports on, that year. A duration or a rank takes no year
/// from the period, nor does a figure of a stretch such as 十年来.
fn set_time(fact: &mut Fact, item: &Item, vocab: &Vocabulary, period: Period) {
    // 全年 in an article on a part of the year: the year itself, said with no period.
    fact.period = item.period.clone().filter(|p| p != WHOLE_YEAR);
    fact.from_year = item.from_year;
    fact.year = item.year;
    if item.year.is_some() || item.from_year.is_some() {
        if let (Some(from), Some(y)) = (fact.from_year, fact.year) {
            if from >= y {
                fact.from_year = None;
            }
        }
        return;
    }
    // 1—9月, 截至9月底: months of the year, as the quarters are.
    let within_year = matches!(
        fact.period.as_deref(),
        None | Some("上半年" | "前三季度" | "下半年" | "一季度" | "二季度" | "三季度" | "四季度")
    ) || fact.period.as_deref().is_some_and(|p| {
        p.ends_with('月') || p.starts_with("截至") || is_holiday(p) || p == YEAR_SO_FAR
    });
    // “十四五”以来，城镇化率由2020年的48.2%提高到53.6%: a level reached from an earlier
    // year's base is the level of the year reported on.
    let from_base = fact
        .base
        .as_ref()
        .is_some_and(|b| b.year.is_some_and(|y| period.year().is_some_and(|p| y < p)));
    let measure = vocab.measure(&item.unit);
    if (within_year || from_base) && !fact.target && !matches!(measure, Some("time" | "rank")) {
        fact.year = period.year();
    }
}

fn blank_fact(source: &Source) -> Fact {
    Fact {
        kind: Kind::Indicator,
        key: None,
        name: String::new(),
        value: None,
        unit: None,
        qualifier: None,
        year: None,
        from_year: None,
        period: None,
        growth: None,
        base: None,
        target: false,
        grade: None,
        level: None,
        measure: None,
        label: None,
        partner: None,
        note: None,
        say: None,
        remark: None,
        reviewed: None,
        audiences: None,
        source: source.id.clone(),
    }
}

/// Marks drafts whose value and unit a fact of the same source already has.
fn mark_known(base: &FactBase, source: &Source, drafts: &mut [Draft]) {
    for region in &base.regions {
        let text = std::fs::read_to_string(&region.file).unwrap_or_default();
        let pos = PosIndex::build(&text);
        for (i, fact) in region.facts.iter().enumerate() {
            if fact.source != source.id {
                continue;
            }
            for d in drafts.iter_mut().filter(|d| d.already.is_none()) {
                let same_value = match (&fact.value, &d.fact.value) {
                    (Some(x), Some(y)) => {
                        same_value(x.value(), y.value()) && fact.unit == d.fact.unit
                    }
                    (None, None) => match (&fact.growth, &d.fact.growth) {
                        (Some(g), Some(h)) => {
                            same_value(g.value.value(), h.value.value()) && g.unit == h.unit
                        }
                        _ => false,
                    },
                    _ => false,
                };
                if same_value {
                    let (line, _) = pos.get(&["facts", &i.to_string()]);
                    d.already = Some(format!("{}:{line}", region.file.display()));
                    break;
                }
            }
        }
    }
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn comment(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// The drafts as YAML: a list of facts, each with its sentence as a comment.
pub fn render(base: &FactBase, source: &Source, region: Option<&str>, text: &str) -> String {
    let drafts = drafts(base, source, text);
    let mut out = String::new();
    let known = drafts.iter().filter(|d| d.already.is_some()).count();
    let _ = writeln!(
        out,
        "# Draft facts from {} for source {}{}: {} figures, {} already in the fact base.",
        comment(source.file.as_deref().unwrap_or("the article")),
        source.id,
        region.map(|r| format!(", region {r}")).unwrap_or_default(),
        drafts.len(),
        known
    );
    out.push_str(
        "# Check each against the article: the name and kind are guesses; keep the figure as printed.\n",
    );
    if drafts.is_empty() {
        out.push_str("[]\n");
        return out;
    }
    for d in &drafts {
        let f = &d.fact;
        out.push('\n');
        let _ = writeln!(out, "# {}", comment(&d.sentence));
        if let Some(at) = &d.already {
            let _ = writeln!(out, "# already in {}", comment(at));
        }
        let _ = writeln!(out, "- kind: {}", f.kind.as_str());
        let _ = writeln!(out, "  name: {}", yaml_str(&f.name));
        if let Some(v) = &f.value {
            let _ = writeln!(out, "  value: {v}");
        }
        if let Some(u) = &f.unit {
            let _ = writeln!(out, "  unit: {}", yaml_str(u));
        }
        if let Some(q) = &f.qualifier {
            let _ = writeln!(out, "  qualifier: {}", yaml_str(q));
        }
        if let Some(y) = f.from_year {
            let _ = writeln!(out, "  from_year: {y}");
        }
        if let Some(y) = f.year {
            let _ = writeln!(out, "  year: {y}");
        }
        if let Some(p) = &f.period {
            let _ = writeln!(out, "  period: {}", yaml_str(p));
        }
        if let Some(g) = &f.growth {
            let _ = write!(
                out,
                "  growth: {{value: {}, unit: {}",
                g.value,
                yaml_str(&g.unit)
            );
            if let Some(q) = &g.qualifier {
                let _ = write!(out, ", qualifier: {}", yaml_str(q));
            }
            out.push_str("}\n");
        }
        if let Some(b) = &f.base {
            let _ = write!(out, "  base: {{value: {}", b.value);
            if let Some(y) = b.year {
                let _ = write!(out, ", year: {y}");
            }
            out.push_str("}\n");
        }
        if f.target {
            out.push_str("  target: true\n");
        }
        if let Some(r) = &f.remark {
            let _ = writeln!(out, "  remark: {}", yaml_str(r));
        }
        let _ = writeln!(out, "  source: {}", yaml_str(&f.source));
    }
    out
}
