//! `brief extract`: draft facts for every figure of an article, in the fact base's YAML, each
//! with the sentence it came from beside it as a comment (never as data).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::verify::REACHING;
use super::{
    current_year, ends_clause, figures, growth_word_before, is_decline, same_value, years_in,
    Article, Figure, Span,
};
use crate::facts::positions::PosIndex;
use crate::facts::vocab::RANK;
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
const LEADING: [&str; 14] = [
    "截至目前",
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
    "已",
    "并",
];
/// Verbs that stand between a name and its figure: 实现地区生产总值142亿元, 总投资达1.39亿元.
const TRAILING: [&str; 16] = [
    "达到", "实现", "完成", "累计", "共计", "共有", "拥有", "分别", "可以", "为", "是", "达", "有",
    "共", "约", "可",
];

/// Words that make a figure a goal rather than a result.
const TARGET_WORDS: [&str; 5] = ["力争", "目标", "拟", "计划到", "争取到"];

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
            "民生", "学校", "医院", "就业", "教育", "医疗", "养老", "社保",
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

/// Whether a unit measures a change: a share, a ratio (%, 倍, 个百分点).
fn is_change_unit(vocab: &Vocabulary, unit: &str) -> bool {
    matches!(vocab.measure(unit), Some("share" | "ratio"))
}

/// The rank unit a bare ordinal (全省第二) takes: 位 where the vocabulary has it.
fn rank_unit(vocab: &Vocabulary) -> Option<String> {
    let ranks: Vec<&str> = vocab
        .units()
        .into_iter()
        .filter(|u| vocab.measure(u) == Some(RANK))
        .collect();
    ranks
        .iter()
        .find(|u| **u == "位")
        .or(ranks.first())
        .map(|u| u.to_string())
}

/// Whether a figure is one the draft should carry, and its unit.
fn figure_unit(a: &Article, f: &Figure, vocab: &Vocabulary) -> Option<String> {
    if f.year || f.number.figure(a).is_none() {
        return None;
    }
    if f.ordinal {
        // 第二批, 第六届: an ordinal with a measure word counts nothing.
        if f.unit.is_some() {
            return None;
        }
        // 全省第二, 排全市第三, 位居全国第十三: a rank.
        let at = f.start;
        let ranked = (1..=3).any(|k| at >= k && matches!(a.chars[at - k], '排' | '居'))
            || (at >= 2 && a.chars[at - 2] == '全');
        return if ranked { rank_unit(vocab) } else { None };
    }
    let unit = f.unit.clone()?;
    let next = a.chars.get(f.end).copied();
    // “五个千亩”, “365天不打烊”: a figure that opens a quotation is a slogan's or a name's.
    if f.start > 0 && matches!(a.chars[f.start - 1], '“' | '「' | '"') {
        return None;
    }
    if f.number.chinese {
        // 六位一体, 五个一流: followed by another numeral, a set phrase.
        if next.is_some_and(super::is_cn_numeral) {
            return None;
        }
        // 三年行动, 十年精耕: a duration in words names a plan or an era unless counted
        // (连续五年).
        if vocab.measure(&unit) == Some("time") && !a.has_before(f.number.start, "连续") {
            return None;
        }
        // 一批, 一个核心: 一 with a measure word is the article "a", not a count.
        if same_value(f.value(), 1.0) && f.number.end - f.number.start == 1 {
            return None;
        }
        // 一项项, 一条条: a reduplicated measure word.
        if unit.chars().count() == 1 && next == unit.chars().next() {
            return None;
        }
    }
    // 十年来, 五年间: a stretch of time, not a figure.
    if vocab.measure(&unit) == Some("time")
        && matches!(next, Some('来' | '间' | '前' | '后' | '内'))
    {
        return None;
    }
    Some(unit)
}

/// The clause (between commas) around char `at`.
fn clause_at(a: &Article, at: usize) -> (usize, usize) {
    let s = a.sentence_at(at);
    let mut start = at;
    while start > s.start && !ends_clause(a.chars[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < s.end && !ends_clause(a.chars[end]) {
        end += 1;
    }
    (start, end)
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
            if j < cs.len() && matches!(cs[j], '年' | '月') {
                i = j + 1;
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

fn trim_name(mut s: String, vocab: &Vocabulary) -> String {
    s = strip_years(&s);
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
                s = rest.to_string();
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

/// A name for the figure: the clause's words before it (trimmed of dates and verbs), joined
/// to the thing counted after it (建成1个美丽宜居示范乡镇 → 建成美丽宜居示范乡镇).
fn name_for(a: &Article, f: &Figure, figs: &[&Figure], vocab: &Vocabulary) -> String {
    let (cs, ce) = clause_at(a, f.number.start);
    // Within the clause, stop at the figures before and after.
    let prev_end = figs
        .iter()
        .filter(|g| g.end <= f.start && g.end > cs)
        .map(|g| g.end)
        .max()
        .unwrap_or(cs);
    let next_start = figs
        .iter()
        .filter(|g| g.start >= f.end && g.start < ce)
        .map(|g| g.start)
        .min()
        .unwrap_or(ce);
    let before = trim_name(a.slice(prev_end, f.start), vocab);
    let after_raw = a.slice(f.end, next_start);
    let after = trim_name(after_raw.trim_start_matches('的').to_string(), vocab);
    let counted = f
        .unit
        .as_deref()
        .and_then(|u| vocab.measure(u))
        .is_some_and(|m| !matches!(m, "money" | "share" | "ratio"));
    let mut name = if after.chars().count() >= 2 && (counted || before.chars().count() < 2) {
        format!("{before}{after}")
    } else {
        before
    };
    if name.chars().count() < 2 {
        name = trim_name(a.slice(cs, ce), vocab);
    }
    let name: String = name.chars().take(30).collect();
    if name.is_empty() {
        "待命名".to_string()
    } else {
        name
    }
}

/// Period words: 上半年, 前三季度, 近年来, 十年来, “十三五”期间.
fn period_in(a: &Article, start: usize, end: usize) -> Option<String> {
    let text = a.slice(start, end);
    for w in ["前三季度", "上半年", "下半年", "一季度", "近年来", "近几年"] {
        if text.contains(w) {
            return Some(w.to_string());
        }
    }
    let cs: Vec<char> = text.chars().collect();
    for i in 0..cs.len() {
        // “十三五”期间, “十四五”末期
        if cs[i] == '“'
            && cs.get(i + 1) == Some(&'十')
            && cs.get(i + 3) == Some(&'五')
            && cs.get(i + 4) == Some(&'”')
        {
            let tail: String = cs[i + 5..].iter().take(2).collect();
            if matches!(tail.as_str(), "期间" | "末期" | "以来") {
                return Some(cs[i..i + 7].iter().collect());
            }
        }
        // 十年来, 十年间, 五年来
        if super::is_cn_numeral(cs[i])
            && cs.get(i + 1) == Some(&'年')
            && matches!(cs.get(i + 2), Some('来' | '间'))
            && (i == 0 || !super::is_cn_numeral(cs[i - 1]))
        {
            return Some(cs[i..i + 3].iter().collect());
        }
    }
    None
}

struct Main<'f> {
    fig: &'f Figure,
    unit: String,
    growth: Option<&'f Figure>,
    base: Option<&'f Figure>,
}

/// Draft facts for every figure of `text`, in article order.
pub fn drafts(base: &FactBase, source: &Source, text: &str) -> Vec<Draft> {
    let vocab = &base.vocab;
    let a = Article::parse(text);
    let all = figures(&a, vocab);
    let current = current_year(source);

    // Figures worth a draft, with their units; repeated passages counted once (the same
    // figure with the same words before or after it).
    let mut seen: Vec<(f64, String, Option<String>, String, String)> = Vec::new();
    let mut kept: Vec<(&Figure, String)> = Vec::new();
    for f in &all {
        let Some(unit) = figure_unit(&a, f, vocab) else {
            continue;
        };
        let before = a.slice(f.start.saturating_sub(6), f.start);
        let after = a.slice(f.end, f.end + 6);
        let q = f.qualifier_word().map(str::to_string);
        if seen.iter().any(|(v, u, sq, b, af)| {
            same_value(*v, f.value()) && *u == unit && *sq == q && (*b == before || *af == after)
        }) {
            continue;
        }
        seen.push((f.value(), unit.clone(), q, before, after));
        kept.push((f, unit));
    }
    let figs: Vec<&Figure> = kept.iter().map(|(f, _)| *f).collect();

    // Growth figures (增长8.3%) attach to the nearest figure of the sentence; bases (由…增至…,
    // 较…) to the figure they started.
    // 增幅分别达4.62%和110.1%: a change listed after a change is one too.
    let mut growth_at: Vec<usize> = Vec::new();
    for (i, (f, unit)) in kept.iter().enumerate() {
        if !is_change_unit(vocab, unit) {
            continue;
        }
        let listed = i > 0 && growth_at.contains(&kept[i - 1].0.number.start) && {
            let gap = a.slice(kept[i - 1].0.end, f.start);
            matches!(gap.as_str(), "和" | "、" | "与" | "及" | "，")
        };
        if listed || growth_word_before(&a, f.number.start).is_some() {
            growth_at.push(f.number.start);
        }
    }
    let is_growth = |f: &Figure, _unit: &str| growth_at.contains(&f.number.start);
    let mut mains: Vec<Main> = Vec::new();
    let mut growths: Vec<&Figure> = Vec::new();
    let mut base_of: HashMap<usize, &Figure> = HashMap::new(); // main start → base
    let mut is_base: Vec<usize> = Vec::new();
    for (i, (f, unit)) in kept.iter().enumerate() {
        if is_growth(f, unit) {
            growths.push(f);
            continue;
        }
        let s = a.sentence_at(f.number.start);
        let lead = a.slice(f.start.saturating_sub(8).max(s.start), f.start);
        let (cs, _) = clause_at(&a, f.number.start);
        let lead_clause = a.slice(cs.max(f.start.saturating_sub(8)), f.start);
        // 由2012年的82.32亿元增加到…123.77亿元
        if lead_clause.contains('由') || lead_clause.contains('从') {
            if let Some((g, _)) = kept[i + 1..].iter().find(|(g, u)| {
                g.number.start < s.end && *u == *unit && {
                    let gap = a.slice(f.end, g.start);
                    gap.contains('到') || gap.contains('至')
                }
            }) {
                base_of.insert(g.number.start, f);
                is_base.push(f.number.start);
                continue;
            }
        }
        // …达22862元，较2012年的9999.5元增长128.63%
        if lead.contains('较') || lead.contains("比") {
            if let Some(m) = mains
                .iter()
                .rev()
                .find(|m| m.fig.number.start >= s.start && m.unit == *unit && m.base.is_none())
            {
                let start = m.fig.number.start;
                base_of.insert(start, f);
                is_base.push(f.number.start);
                continue;
            }
        }
        mains.push(Main {
            fig: f,
            unit: unit.clone(),
            growth: None,
            base: None,
        });
    }
    for m in &mut mains {
        m.base = base_of.get(&m.fig.number.start).copied();
    }
    let mut lone_growths = Vec::new();
    for g in growths {
        let s = a.sentence_at(g.number.start);
        let in_sentence = |m: &Main| m.fig.number.start >= s.start && m.fig.number.start < s.end;
        let prev = mains
            .iter()
            .enumerate()
            .filter(|(_, m)| in_sentence(m) && m.fig.end <= g.start && m.growth.is_none())
            .map(|(i, _)| i)
            .next_back();
        let next = mains
            .iter()
            .enumerate()
            .find(|(_, m)| {
                in_sentence(m)
                    && m.fig.start >= g.end
                    && m.fig.start - g.end <= 4
                    && m.growth.is_none()
            })
            .map(|(i, _)| i);
        // The nearest before it, else the next after it (增长2.13倍，达6532个).
        match prev.or(next) {
            Some(i) => mains[i].growth = Some(g),
            None => lone_growths.push(g),
        }
    }

    let mut out: Vec<(usize, Draft)> = Vec::new();
    let rank = rank_unit(vocab);
    for m in &mains {
        let f = m.fig;
        let s = a.sentence_at(f.number.start);
        let sentence = a.text(s).replace('\n', " ");
        let mut fact = blank_fact(source);
        fact.name = name_for(&a, f, &figs, vocab);
        fact.value = Some(number(&a, f));
        fact.unit = Some(m.unit.clone());
        fact.qualifier = qualifier(&a, f, vocab, s);
        // A percentage above 100 reads as a change.
        if m.unit == "%" && f.value() > 100.0 {
            fact.value = None;
            fact.unit = None;
            fact.qualifier = None;
            fact.growth = Some(Growth {
                value: number(&a, f),
                unit: m.unit.clone(),
                qualifier: qualifier(&a, f, vocab, s),
            });
        }
        if let (Some(g), None) = (m.growth, &fact.growth) {
            fact.growth = Some(growth_of(&a, g, vocab, s));
        }
        if let Some(b) = m.base {
            let ys = years_in(&a, s.start, b.start, current);
            fact.base = Some(Base {
                value: number(&a, b),
                year: ys
                    .iter()
                    .rev()
                    .find(|(_, at)| *at + 12 >= b.start)
                    .map(|(y, _)| *y),
            });
        }
        set_time(&mut fact, &a, f, s, current);
        fact.target = TARGET_WORDS.iter().any(|w| sentence.contains(w))
            || sentence.contains("到“")
            || (sentence.contains('到')
                && fact.year.is_some_and(|y| current.is_some_and(|c| y > c)));
        if fact.target && fact.year.is_some_and(|y| current.is_some_and(|c| y <= c)) {
            fact.target = sentence.contains("力争") || sentence.contains("目标");
        }
        fact.kind = guess_kind(&fact.name, &sentence);
        if rank.as_deref() == fact.unit.as_deref() && fact.unit.is_some() {
            fact.kind = Kind::Honour;
        }
        if matches!(fact.kind, Kind::Project | Kind::Platform)
            && fact.unit.as_deref().and_then(|u| vocab.measure(u)) == Some("money")
        {
            fact.kind = Kind::Indicator;
        }
        out.push((
            f.number.start,
            Draft {
                fact,
                sentence,
                already: None,
            },
        ));
    }
    for g in lone_growths {
        let s = a.sentence_at(g.number.start);
        let sentence = a.text(s).replace('\n', " ");
        let mut fact = blank_fact(source);
        fact.name = name_for(&a, g, &figs, vocab);
        fact.growth = Some(growth_of(&a, g, vocab, s));
        set_time(&mut fact, &a, g, s, current);
        fact.kind = guess_kind(&fact.name, &sentence);
        if matches!(fact.kind, Kind::Project | Kind::Platform) {
            fact.kind = Kind::Indicator;
        }
        out.push((
            g.number.start,
            Draft {
                fact,
                sentence,
                already: None,
            },
        ));
    }
    out.sort_by_key(|(at, _)| *at);
    let mut drafts: Vec<Draft> = out.into_iter().map(|(_, d)| d).collect();
    mark_known(base, source, &mut drafts);
    drafts
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

/// The figure's qualifier: its own (近3万人, 3000余亩, 75%以上), else a before-word that
/// heads the sentence without a number of its own (预计2022年实现…142亿元, 有望实现…10亿元).
fn qualifier(a: &Article, f: &Figure, vocab: &Vocabulary, s: Span) -> Option<String> {
    if let Some((w, place)) = &f.qualifier {
        if *place != QualifierPlace::Before || !REACHING.contains(&w.as_str()) {
            return Some(w.clone());
        }
    }
    let head = a.slice(s.start, f.start);
    let hc: Vec<char> = head.chars().collect();
    let mut found: Option<(usize, &str)> = None;
    for (q, place) in vocab.qualifiers() {
        if place != QualifierPlace::Before || q.chars().count() < 2 || REACHING.contains(&q) {
            continue;
        }
        let qc: Vec<char> = q.chars().collect();
        for i in 0..hc.len().saturating_sub(qc.len() - 1) {
            if hc[i..i + qc.len()] == qc[..] {
                let next = hc.get(i + qc.len()).copied();
                // 超过3000: the word belongs to the number it stands before.
                let own_number = next
                    .is_some_and(|c| c.is_ascii_digit() || super::is_cn_numeral(c))
                    && !a.has_at(s.start + i + qc.len() + 4, "年")
                    || next.is_some_and(|c| c == '百' || c == '千');
                // 实现重大突破，: a word that ends its clause qualifies nothing after it.
                let ends = next.is_none_or(ends_clause) || next == Some('的');
                if !own_number && !ends && found.is_none_or(|(at, _)| i > at) {
                    found = Some((i, q));
                }
            }
        }
    }
    found.map(|(_, q)| q.to_string())
}

/// The figure as the fact base writes it: the article's digits. Figures whose digits no
/// figure can keep were left out before (`figure_unit`).
fn number(a: &Article, f: &Figure) -> Number {
    f.number
        .figure(a)
        .unwrap_or_else(|| Number::from_f64(f.value()))
}

fn growth_of(a: &Article, g: &Figure, vocab: &Vocabulary, s: Span) -> Growth {
    let word = growth_word_before(a, g.number.start);
    let n = number(a, g);
    let unit = g.unit.clone().unwrap_or_default();
    Growth {
        value: if word.is_some_and(is_decline) {
            n.negated()
        } else {
            n
        },
        unit,
        qualifier: g
            .qualifier
            .as_ref()
            .filter(|(w, p)| *p != QualifierPlace::Before || !REACHING.contains(&w.as_str()))
            .map(|(w, _)| w.clone())
            .or_else(|| {
                let _ = (vocab, s);
                None
            }),
    }
}

/// Year, span and period: named before the figure in its sentence, else by the paragraph
/// before it, else the year the source reports on.
fn set_time(fact: &mut Fact, a: &Article, f: &Figure, s: Span, current: Option<i64>) {
    let before: Vec<(i64, usize)> = years_in(a, s.start, f.start, current)
        .into_iter()
        .filter(|(_, at)| {
            fact.base.is_none() || !(a.has_before(*at, "由") || a.has_before(*at, "较"))
        })
        .collect();
    fact.period = period_in(a, s.start, f.start);
    if let Some(&(y, at)) = before.last() {
        // 2021年以来: a start, not the year.
        let after_year = a.slice(at + 5, at + 12);
        if after_year.starts_with("以来")
            || (after_year.contains("以来") && after_year.contains('月'))
        {
            fact.from_year = Some(y);
            return;
        }
        // 2018年至2019年
        if before.len() >= 2 {
            let (y0, at0) = before[before.len() - 2];
            let gap = a.slice(at0 + 4, at);
            if y0 < y
                && (gap == "年至" || gap == "年到" || gap == "～" || gap == "年～" || gap == "-")
            {
                fact.from_year = Some(y0);
            }
        }
        fact.year = Some(y);
        return;
    }
    if fact.period.is_some()
        && !matches!(
            fact.period.as_deref(),
            Some("上半年" | "前三季度" | "下半年" | "一季度")
        )
    {
        return;
    }
    let p = a.paragraphs[s.para];
    let para_years = years_in(a, p.start, s.start, current);
    fact.year = para_years.last().map(|(y, _)| *y).or(current);
    if let (Some(from), Some(y)) = (fact.from_year, fact.year) {
        if from >= y {
            fact.from_year = None;
        }
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
        let _ = writeln!(out, "  source: {}", yaml_str(&f.source));
    }
    out
}
