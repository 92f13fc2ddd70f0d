//! The prose check: the text of every briefing, read back from its PDF, as an office's editor
//! reads it. Each rule is a sign of a sentence assembled rather than written: a filler list
//! (此外，还有…), a verb followed by 为N, a doubled verb, a repeated lead phrase, 暂无, a 摘要
//! outside 3–5 sentences, a briefing with fewer than 8 figures, two audiences of one region
//! sharing more than a fifth of their sentences, one source's marker twice in a sentence, a
//! predicate repeated item after item, a 摘要 that does not place its region.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::harness::{root, Brief, DATE};
use crate::pdf;

/// Verbs after which "为N" is wrong: the figure is the verb's object (新增上云企业531家, not
/// 新增上云企业为531家).
const VERBS: &[&str] = &[
    "新增", "新签", "签约", "获评", "评为", "入选", "荣获", "获得", "增长", "下降", "提高", "降低",
    "延伸", "建成", "新建", "建设", "引进", "完成", "实现", "达到", "累计", "培育", "认定", "开工",
    "投入", "开通", "接待", "举办", "获批", "创建", "打造", "推进", "减少", "节约", "带动", "吸引",
    "覆盖", "改造", "治理", "修复", "种植", "出口", "销往", "落户", "突破",
];

/// Verbs that must not follow themselves or a noun of the same change (增长增长, 增速增长).
const DOUBLED: &[&str] = &[
    "增长增长",
    "增速增长",
    "增幅增长",
    "增长率增长",
    "下降下降",
    "降幅下降",
    "提高提高",
    "新增新增",
    "累计累计",
    "实现实现",
    "完成完成",
    "预期预计",
    "预计预期",
    "预计预计",
    "力争力争",
];

/// Openers of a sentence that only lists names.
const FILLERS: &[&str] = &["此外，还有", "相关工作包括", "主要有", "还有"];

/// One briefing's text, read back: the body between the masthead and the sources.
pub struct Briefing {
    pub name: String,
    /// The region's id and the audience.
    pub region: String,
    pub audience: String,
    /// Squeezed text (no whitespace, no word joiners).
    pub text: String,
}

impl Briefing {
    pub fn read(path: &Path, region: &str, audience: &str) -> Briefing {
        Briefing {
            name: format!("{region}-{audience}"),
            region: region.to_string(),
            audience: audience.to_string(),
            // Whitespace out; word joiners kept: they tell a marker in running text (\u{2060}[1])
            // from a table's 来源 cell ([1]).
            text: pdf::text(path)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
        }
    }

    /// From the 摘要 to the source list (page furniture left out).
    fn body(&self) -> String {
        let start = self.text.find("摘要").map_or(0, |i| i + "摘要".len());
        let end = self.text.rfind("资料来源").unwrap_or(self.text.len());
        let body = &self.text[start..end.max(start)];
        // Running headers and page numbers of later pages.
        let title_end = self.text.find("简报").map_or(0, |i| i + "简报".len());
        let title = &self.text[..title_end];
        let mut body = body.to_string();
        if !title.is_empty() {
            body = body.replace(title, "");
        }
        strip_page_furniture(&body)
    }

    /// The 摘要's text.
    fn summary(&self) -> String {
        let body = self.body();
        let end = body.find("二、").unwrap_or(body.len());
        body[..end].to_string()
    }
}

/// Drops "第1页/共3页", "—1—" and the running date line's date.
fn strip_page_furniture(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 20)].iter().collect();
        if rest.starts_with('第') {
            if let Some(end) = page_marker_end(&rest) {
                i += end;
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('—') {
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && after[digits..].starts_with('—') {
                i += 2 + digits;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out.replace(&date_cn(DATE), "")
}

/// The length in characters of a "第N页/共M页" at the start of `s`.
fn page_marker_end(s: &str) -> Option<usize> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 1;
    let d = c[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if d == 0 {
        return None;
    }
    i += d;
    if c.get(i) != Some(&'页') {
        return None;
    }
    i += 1;
    if c.get(i) == Some(&'/') && c.get(i + 1) == Some(&'共') {
        i += 2;
        let d = c[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += d;
        if c.get(i) == Some(&'页') {
            return Some(i + 1);
        }
    }
    Some(i)
}

fn date_cn(iso: &str) -> String {
    let p: Vec<u32> = iso.split('-').map(|x| x.parse().unwrap()).collect();
    format!("{}年{}月{}日", p[0], p[1], p[2])
}

/// The sentences of a text: runs ending in 。！？ of at least six characters, markers kept.
pub fn sentences(text: &str) -> Vec<String> {
    text.split_inclusive(['。', '！', '？'])
        .map(str::to_string)
        .filter(|s| s.chars().count() >= 6 && s.ends_with(['。', '！', '？']))
        .collect()
}

/// A sentence without its source markers, for comparing sentences across briefings.
fn bare(sentence: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for c in sentence.chars() {
        match c {
            '[' => skip = true,
            ']' => skip = false,
            '\u{2060}' => {}
            _ if !skip => out.push(c),
            _ => {}
        }
    }
    out
}

/// The source markers of running text in a sentence: "\u{2060}[1]" → 1 (a table's 来源 cells, which
/// have no word joiner, are not counted).
fn markers(sentence: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = sentence;
    while let Some(i) = rest.find("\u{2060}[") {
        let after = &rest[i + "\u{2060}[".len()..];
        let d: String = after.chars().take_while(char::is_ascii_digit).collect();
        if !d.is_empty() && after[d.len()..].starts_with(']') {
            out.push(d.parse().unwrap());
        }
        rest = after;
    }
    out
}

/// Figures in a text: Arabic numbers followed by a unit or a percent sign, years and source
/// markers left out.
pub fn figures(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let prev = if i > 0 { chars[i - 1] } else { ' ' };
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || matches!(chars[j], '.' | ',')) {
                j += 1;
            }
            let digits: String = chars[i..j].iter().filter(|c| c.is_ascii_digit()).collect();
            let next = chars.get(j).copied().unwrap_or(' ');
            let is_marker = prev == '[' && next == ']';
            let is_year = digits.len() == 4
                && matches!(next, '年' | '～' | '—' | '-')
                && (1900..2200).contains(&digits.parse::<u32>().unwrap_or(0));
            let is_heading = matches!(next, '、' | '．');
            if !is_marker && !is_year && !is_heading && next != ']' {
                n += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    n
}

/// What an editor would send back in one briefing.
pub fn problems(b: &Briefing) -> Vec<String> {
    let mut out = Vec::new();
    let body = b.body();
    let name = &b.name;
    for f in FILLERS {
        for s in sentences(&body) {
            let lead = s.trim_start_matches(|c: char| !c.is_alphanumeric() || c.is_ascii_digit());
            if lead.starts_with(f) || s.contains(&format!("。{f}")) {
                out.push(format!("{name}: a filler list: {s}"));
            }
        }
    }
    for s in sentences(&body) {
        for clause in bare(&s).split(['，', '；', '。', '：']) {
            if let Some(i) = clause.find('为') {
                let after = &clause[i + '为'.len_utf8()..];
                let number = after.trim_start_matches(['约', '近', '超', '逾']);
                let digits = number.chars().take_while(char::is_ascii_digit).count();
                // A year (为2021年度…) is no figure.
                let year = digits == 4 && number[4..].starts_with('年');
                let figure = digits > 0 && !year;
                let verb = VERBS.iter().any(|v| {
                    clause[..i].match_indices(v).any(|(j, _)| {
                        // A verb inside a noun (签约资金, 覆盖率) is no verb.
                        !clause[j + v.len()..].starts_with([
                            '率', '资', '额', '量', '面', '规', '项', '金', '比', '数',
                        ])
                    })
                });
                if figure && verb {
                    out.push(format!("{name}: a verb followed by 为N: {clause}"));
                }
                let d = after.chars().take_while(char::is_ascii_digit).count();
                if d > 0 && d < 4 && after[d..].starts_with('年') {
                    out.push(format!("{name}: 为N年: {clause}"));
                }
            }
        }
        // A 分别 list that names one thing twice (地区、地区生产总值…分别增长5.5%、6%).
        for clause in bare(&s).split(['，', '；', '。']) {
            if let Some((items, _)) = clause.split_once("分别") {
                // The subject before the first item (全县) is no part of it.
                let items: Vec<&str> = items
                    .split('、')
                    .map(|a| a.strip_prefix('全').and_then(|r| r.get(3..)).unwrap_or(a))
                    .collect();
                for (i, a) in items.iter().enumerate() {
                    if a.chars().count() >= 2 && items[i + 1..].iter().any(|b| b.starts_with(a)) {
                        out.push(format!("{name}: a 分别 list names {a} twice: {clause}"));
                    }
                }
            }
        }
        for d in DOUBLED {
            if s.contains(d) {
                out.push(format!("{name}: a doubled verb ({d}): {s}"));
            }
        }
        let ms = markers(&s);
        for n in ms.iter().collect::<BTreeSet<_>>() {
            let count = ms.iter().filter(|m| *m == n).count();
            if count > 1 {
                out.push(format!(
                    "{name}: marker [{n}] {count} times in one sentence: {s}"
                ));
            }
        }
    }
    if body.contains("暂无") {
        out.push(format!("{name}: says 暂无"));
    }
    // Lead phrases: "X方面，" at most once, and none twice.
    let mut leads: BTreeMap<String, usize> = BTreeMap::new();
    for (i, _) in body.match_indices("方面，") {
        let start = body[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| !matches!(c, '。' | '，' | '；' | ']' | '、'))
            .last()
            .map_or(i, |(j, _)| j);
        *leads.entry(body[start..i].to_string()).or_default() += 1;
    }
    for (lead, n) in &leads {
        if *n > 1 {
            out.push(format!("{name}: the lead {lead}方面 {n} times"));
        }
    }
    let summary = b.summary();
    if summary.matches("方面，").count() > 1 {
        out.push(format!("{name}: a 摘要 of \"X方面，\" leads"));
    }
    let n = sentences(&summary).len();
    if !(3..=5).contains(&n) {
        out.push(format!("{name}: a 摘要 of {n} sentences: {summary}"));
    }
    let f = figures(&body);
    if f < 8 {
        out.push(format!("{name}: {f} figures"));
    }
    // One predicate item after item: "A：亿元以上企业，产值翻了一番。" five times.
    let mut predicates: BTreeMap<String, usize> = BTreeMap::new();
    for s in sentences(&body) {
        if let Some((_, p)) = s.split_once('：') {
            let p = bare(p);
            if p.chars().count() >= 6 {
                *predicates.entry(p).or_default() += 1;
            }
        }
    }
    for (p, n) in predicates {
        if n > 1 {
            out.push(format!("{name}: one predicate {n} times: {p}"));
        }
    }
    // The same subject at the head of three sentences in a row reads as a list: 全市…。全市…。
    let list = sentences(&body);
    for run in list.windows(3) {
        let head = |s: &str| -> String {
            let s = s
                .split_once('，')
                .filter(|(h, _)| h.ends_with('年'))
                .map_or(s, |(_, r)| r);
            s.chars().take(2).collect()
        };
        let h = head(&run[0]);
        if h.starts_with('全') && run.iter().all(|s| head(s) == h) {
            out.push(format!(
                "{name}: three sentences in a row open with {h}: {}",
                run[0]
            ));
        }
    }
    for w in ["将承办", "将举办", "即将"] {
        if body.contains(w) {
            out.push(format!("{name}: {w}, said as if still ahead"));
        }
    }
    out
}

/// Two briefings of one region: the share of the smaller one's sentences the other repeats.
pub fn shared(a: &Briefing, b: &Briefing) -> f64 {
    let set = |x: &Briefing| -> BTreeSet<String> {
        sentences(&x.body())
            .iter()
            .map(|s| bare(s))
            .filter(|s| s.chars().count() >= 10)
            .collect()
    };
    let (sa, sb) = (set(a), set(b));
    let smaller = sa.len().min(sb.len());
    if smaller == 0 {
        return 0.0;
    }
    sa.intersection(&sb).count() as f64 / smaller as f64
}

/// Problems across a region's briefings: more than a fifth of sentences shared.
pub fn shared_problems(all: &[Briefing]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            if a.region == b.region {
                let s = shared(a, b);
                if s > 0.2 {
                    out.push(format!(
                        "{} and {} share {:.0}% of their sentences",
                        a.name,
                        b.name,
                        s * 100.0
                    ));
                }
            }
        }
    }
    out
}

/// Every briefing `brief build` issues for a fact base, read back.
pub fn build_and_read(data: &Path, out: &Path) -> Vec<Briefing> {
    Brief::new()
        .issued_only()
        .args(["build", "--date", DATE, "-q", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .run()
        .success();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    manifest["briefings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let file = e["file"].as_str().unwrap();
            Briefing::read(
                &out.join(file),
                e["region"].as_str().unwrap(),
                e["audience"].as_str().unwrap(),
            )
        })
        .collect()
}

/// The fact bases the check reads: the bundled one and the fixture regions.
fn fact_bases() -> Vec<PathBuf> {
    let mut out = vec![root().join("data")];
    out.extend(
        [
            "other-province",
            "bulletin",
            "bulletin-county",
            "news-district",
            "report",
            "park",
            "tourism",
            "budget",
            "quarterly",
            "rural",
            "govreport",
            "holiday",
            "feature",
            "citybulletin",
            "pressconf",
            "yearbook",
            "worksummary",
            "county-gx",
            "twice",
        ]
        .iter()
        .map(|d| root().join("tests/fixtures").join(d)),
    );
    out
}

#[test]
fn every_briefing_reads_as_written() {
    let mut all = Vec::new();
    for data in fact_bases() {
        let tmp = tempfile::tempdir().unwrap();
        let briefings = build_and_read(&data, tmp.path());
        assert!(
            !briefings.is_empty(),
            "{} issues no briefing",
            data.display()
        );
        let mut p: Vec<String> = briefings.iter().flat_map(problems).collect();
        p.extend(shared_problems(&briefings));
        all.extend(p);
    }
    assert!(
        all.is_empty(),
        "{} problems:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn the_check_sees_each_sign() {
    let b = |body: &str| Briefing {
        name: "x".into(),
        region: "x".into(),
        audience: "a".into(),
        text: format!("甲县投资环境简报一、摘要{body}资料来源"),
    };
    let has = |body: &str, sign: &str| {
        let p = problems(&b(body));
        assert!(
            p.iter().any(|x| x.contains(sign)),
            "{sign} not seen in {body}: {p:?}"
        );
    };
    let good = "甲县隶属乙省丙市。2022年，甲县地区生产总值142亿元、增长5%，财政总收入23.12亿元\u{2060}[1]。全年新签约项目34个，签约资金319.9亿元\u{2060}[1]。新增上云企业531家，国家高新技术企业43家，专精特新企业8家\u{2060}[2]。";
    assert!(problems(&b(good)).is_empty(), "{:?}", problems(&b(good)));
    has(&format!("{good}此外，还有文旅产业链链长制。"), "filler");
    has(&format!("{good}2022年新增上云企业为531家[1]。"), "为N");
    has(&format!("{good}河长制工作获评全市先进为4年[1]。"), "为N年");
    has(
        &format!("{good}规模以上工业增加值年均增长增长9%[1]。"),
        "doubled",
    );
    has(&format!("{good}年均增速增长9%[1]。"), "doubled");
    has(&format!("{good}地区生产总值预期预计增长6%[1]。"), "doubled");
    has(
        &format!("{good}2025年，全县地区、地区生产总值增长预期分别增长5.5%、6%[1]。"),
        "names 地区 twice",
    );
    has(
        &format!("经济方面，甲县2022年地区生产总值142亿元[1]。招商方面，新签约项目34个[1]。经济方面，财政总收入23亿元[1]。{good}"),
        "方面",
    );
    has(&format!("现有资料中暂无甲县这方面的数据。{good}"), "暂无");
    has(
        &format!("{good}全县新增企业5家[1]。2023年，全县新建道路3条[1]。全县引进项目4个[1]。"),
        "in a row open with 全县",
    );
    has("甲县隶属乙省丙市。地区生产总值142亿元[1]。", "摘要 of 2");
    has(
        "甲县隶属乙省丙市。地区生产总值142亿元[1]。财政总收入2亿元[1]。",
        "figures",
    );
    has(
        &format!("{good}地区生产总值142亿元\u{2060}[1]，财政总收入23.12亿元\u{2060}[1]。"),
        "marker [1] 2 times",
    );
    has(
        &format!("{good}拓源实业：亿元以上企业，产值翻了一番[1]。华瑞新材料：亿元以上企业，产值翻了一番[1]。"),
        "one predicate",
    );
    has(&format!("{good}萍乡将承办全省旅发大会[1]。"), "将承办");
    let x = b(good);
    let mut y = b(good);
    y.audience = "b".into();
    assert!(shared_problems(&[x, y]).len() == 1);
}
