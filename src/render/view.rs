//! What a template sees: facts, regions, sources and the whole briefing's context.

use std::collections::BTreeMap;

use serde::Serialize;

use super::audiences::Reader;
use super::chart::{chart, Chart};
use super::format::{format_change, format_figure, format_quantity, format_when, in_years, what};
use super::office::OfficeView;
use super::parts::{parts, Parts};
use super::plan::{adopted, sections, Section};
use super::summary::summary;
use super::write::{Sentence, Writer};
use crate::facts::{Audience, Fact, FactBase, Kind, Region, Vocabulary};

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
    /// The figure as printed: 预计142亿元.
    pub num: Option<String>,
    /// When: 2022年.
    pub when: Option<String>,
    /// The change: 增长5%左右.
    pub change: Option<String>,
    /// The base of the change: 9999.5元.
    pub base_num: Option<String>,
    pub base_year: Option<i64>,
    /// What the figure measures when the name names a thing: 投资, 营业收入.
    pub measure: Option<String>,
    /// A short label for charts: `label`, else the name.
    pub label: String,
    /// For cooperation: the partner.
    pub partner: Option<String>,
    /// The measure class of the unit: money, people, count …
    pub class: Option<String>,
    /// The name, followed by the measure where the name does not say it: 江华环保年产值.
    pub what: String,
    /// Every figure of the fact as printed, without the period: 预计142亿元，增长5%左右
    /// (2012年为9999.5元); a change alone: 增长4.62%. None when the fact has no figure.
    pub figure: Option<String>,
}

impl FactView {
    pub fn new(f: &Fact, vocab: &Vocabulary) -> FactView {
        let unit = f.unit.clone().unwrap_or_default();
        FactView {
            kind: f.kind,
            key: f.key.clone(),
            name: f.name.clone(),
            value: f.value.as_ref().map(|v| v.value()),
            unit: f.unit.clone(),
            qualifier: f.qualifier.clone(),
            year: f.year,
            period: f.period.clone(),
            target: f.target,
            grade: f.grade.clone(),
            level: f.level.clone(),
            note: f.note.clone(),
            source: f.source.clone(),
            num: f
                .value
                .as_ref()
                .map(|v| format_quantity(vocab, v.text(), &unit, f.qualifier.as_deref())),
            when: format_when(f),
            change: format_change(vocab, f),
            base_num: f
                .base
                .as_ref()
                .map(|b| format_quantity(vocab, b.value.text(), &unit, None)),
            base_year: f.base.as_ref().and_then(|b| b.year),
            measure: f.measure.clone(),
            label: f.label.clone().unwrap_or_else(|| f.name.clone()),
            partner: f.partner.clone(),
            class: f
                .unit
                .as_deref()
                .and_then(|u| vocab.measure(u))
                .map(str::to_string),
            what: what(f),
            figure: format_figure(vocab, f),
        }
    }

    /// Whether the fact carries a figure (a value or a change).
    pub fn has_figure(&self) -> bool {
        self.figure.is_some()
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
    fn new(base: &FactBase, r: &Region, with_parent: bool, reader: Option<Reader>) -> RegionView {
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
            served: match reader {
                Some(a) => r
                    .facts
                    .iter()
                    .filter(|f| a.serves(f))
                    .map(|f| FactView::new(f, &base.vocab))
                    .collect(),
                None => Vec::new(),
            },
            valued: match reader {
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

/// The latest year a text names (2012～2022年 → 2022; 2023-05-01 → 2023).
pub(crate) fn last_year(text: &str) -> Option<i64> {
    let digits: Vec<char> = text.chars().collect();
    let mut best = None;
    let mut i = 0;
    while i + 4 <= digits.len() {
        let w: String = digits[i..i + 4].iter().collect();
        let boundary = |j: usize| digits.get(j).is_none_or(|c| !c.is_ascii_digit());
        if w.chars().all(|c| c.is_ascii_digit()) && (i == 0 || boundary(i - 1)) && boundary(i + 4) {
            let y: i64 = w.parse().unwrap_or(0);
            if (1900..2200).contains(&y) {
                best = best.max(Some(y));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    best
}

/// What a printed source says: 《title》，outlet，date (or period). Never its id or file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    /// 2023年5月1日, else the period it reports: 2022年.
    pub when: String,
}

impl SourceView {
    fn new(s: &crate::facts::Source) -> SourceView {
        let date = s.date.as_deref().and_then(|d| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .map(|d| BriefDate::from_naive(d).chinese())
        });
        SourceView {
            id: s.id.clone(),
            // The title stands in 《》: a title inside it takes 〈〉 (GB/T 15834).
            title: s.title.replace('《', "〈").replace('》', "〉"),
            outlet: s.outlet.clone(),
            when: date.unwrap_or_else(|| s.period.clone()),
        }
    }
}

/// Where the region is: its province and the regions it belongs to, outermost first.
#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    /// 湖南省
    pub province: Option<String>,
    /// The regions above it, outermost first: 株洲市.
    pub parents: Vec<String>,
    /// 湖南省株洲市芦淞区
    pub full: String,
    /// The province, the regions above and the region itself: [湖南省, 株洲市, 芦淞区].
    pub chain: Vec<String>,
}

impl Frame {
    fn new(base: &FactBase, region: &Region) -> Frame {
        let mut parents: Vec<String> = Vec::new();
        let mut at = region;
        while let Some(p) = at.parent.as_deref().and_then(|p| base.region(p)) {
            if parents.len() > 64 {
                break;
            }
            parents.push(p.name.clone());
            at = p;
        }
        parents.reverse();
        let province = at.province.clone();
        let mut chain: Vec<String> = province.iter().chain(&parents).cloned().collect();
        chain.dedup();
        chain.push(region.name.clone());
        // A name that holds the one above it (白塔市松川区 under 白塔市) says it: the place is
        // 内蒙古自治区白塔市松川区, not …白塔市白塔市松川区.
        let full: String = chain
            .iter()
            .enumerate()
            .filter(|(i, n)| {
                chain
                    .get(i + 1)
                    .is_none_or(|next| !next.starts_with(n.as_str()))
            })
            .map(|(_, n)| n.as_str())
            .collect();
        Frame {
            province,
            parents,
            full,
            chain,
        }
    }
}

/// Everything a template can read.
#[derive(Debug, Clone, Serialize)]
pub struct BriefContext {
    pub audience: Audience,
    /// 投资环境简报
    pub title: String,
    pub region: RegionView,
    /// Where the region is: 湖南省 › 株洲市 › 芦淞区.
    pub frame: Frame,
    /// The region's facts for this audience, by kind, in file order.
    pub facts: BTreeMap<&'static str, Vec<FactView>>,
    /// The region's facts for this audience, in file order.
    pub served: Vec<FactView>,
    /// All the region's facts, in file order.
    pub everything: Vec<FactView>,
    pub children: Vec<RegionView>,
    /// The briefing's sections, in order: sentences, and a table where figures are many.
    pub sections: Vec<Section>,
    /// The 摘要's sentences.
    pub summary: Vec<Sentence>,
    /// The chart, where like can be compared with like.
    pub chart: Option<Chart>,
    /// The index of the section the chart follows: the one of its bars' kind, else the first.
    pub chart_at: usize,
    /// The city's parts, and their heading.
    pub parts: Parts,
    pub parts_heading: String,
    /// The partners named by the briefing's cooperation facts.
    pub partners: Vec<String>,
    pub sources: Vec<SourceView>,
    pub date: BriefDate,
    pub date_cn: String,
    /// The latest year the briefing's facts describe: 2023年.
    pub data_until: Option<String>,
    /// The issuing office (`office.yaml`).
    pub office: OfficeView,
    pub generator: String,
}

impl BriefContext {
    pub fn new(base: &FactBase, region: &Region, reader: Reader, date: BriefDate) -> BriefContext {
        let region = &in_years(base, region, Some(i64::from(date.year)));
        let audience = reader.id();
        let view = |f: &Fact| FactView::new(f, &base.vocab);
        let mut by_kind: BTreeMap<&'static str, Vec<FactView>> =
            Kind::ALL.iter().map(|k| (k.as_str(), Vec::new())).collect();
        for f in region.facts.iter().filter(|f| reader.serves(f)) {
            by_kind.entry(f.kind.as_str()).or_default().push(view(f));
        }
        let served: Vec<FactView> = region
            .facts
            .iter()
            .filter(|f| reader.serves(f))
            .map(view)
            .collect();
        let writer = Writer::new(base, region).dated(i64::from(date.year));
        let adopted = adopted(base, region, reader);
        let summary = summary(&writer, reader, &adopted);
        let mut sections = sections(&writer, reader, &adopted);
        let parent = region.parent.as_deref().and_then(|p| base.region(p));
        let mut partners: Vec<String> = Vec::new();
        for p in served
            .iter()
            .filter(|f| f.kind == Kind::Cooperation)
            .filter_map(|f| f.partner.clone())
        {
            if !partners.contains(&p) {
                partners.push(p);
            }
        }
        // Only the articles this briefing can cite: an article added for another region
        // leaves this briefing's source, and so its build, unchanged.
        let mut cited: std::collections::BTreeSet<&str> =
            region.facts.iter().map(|f| f.source.as_str()).collect();
        for other in base.children(&region.id).into_iter().chain(parent) {
            cited.extend(other.facts.iter().map(|f| f.source.as_str()));
        }
        // A chart of a part and its siblings cites the siblings' articles too.
        let chart = beside_tables(chart(base, region, reader, &served), &mut sections);
        let chart_at = chart
            .as_ref()
            .and_then(|c| c.kind)
            .and_then(|k| sections.iter().position(|s| s.id == k.as_str()))
            .unwrap_or(0);
        let chart_sources: Vec<String> = chart
            .iter()
            .flat_map(|c| c.rows.iter().map(|r| r.source.clone()))
            .collect();
        cited.extend(chart_sources.iter().map(String::as_str));
        let sources: Vec<SourceView> = base
            .sources
            .iter()
            .filter(|s| cited.contains(s.id.as_str()))
            .map(SourceView::new)
            .collect();
        // The latest year of the facts; else that of the articles they come from.
        // The latest year of a figure the briefing prints in full (its own and what it
        // adopts): a digest's later figure, printed in another briefing, does not count.
        let printed = |f: &Fact| {
            reader.reading(f) == Some(super::audiences::Reading::Full)
                || adopted.iter().any(|a| std::ptr::eq(*a, f))
        };
        let data_until = region
            .facts
            .iter()
            .filter(|f| printed(f) && !f.target)
            .filter_map(|f| f.year)
            .max()
            .or_else(|| {
                region
                    .facts
                    .iter()
                    .filter(|f| reader.serves(f))
                    .filter_map(|f| base.source(&f.source))
                    .filter_map(|s| last_year(s.date.as_deref().unwrap_or(&s.period)))
                    .max()
            })
            .map(|y| format!("{y}年"));
        BriefContext {
            audience,
            title: reader.def.title.clone(),
            region: RegionView::new(base, region, true, None),
            frame: Frame::new(base, region),
            facts: by_kind,
            summary,
            chart,
            chart_at,
            parts: parts(base, region, reader, reader.def.parts_scenic),
            parts_heading: reader.def.parts_heading.clone(),
            partners,
            sections,
            served,
            everything: region.facts.iter().map(view).collect(),
            children: base
                .children(&region.id)
                .into_iter()
                .map(|c| RegionView::new(base, c, false, Some(reader)))
                .collect(),
            sources,
            date,
            date_cn: date.chinese(),
            data_until,
            office: OfficeView::new(&base.office),
            generator: format!("brief {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// A chart beside the sections' tables: a chart and a table never print one figure twice, so
/// the table's rows the chart draws leave it where three rows stay; else the chart, which
/// would say nothing new, goes.
fn beside_tables(chart: Option<Chart>, sections: &mut [super::plan::Section]) -> Option<Chart> {
    let c = chart?;
    let drawn = |row: &super::table::Row| {
        c.rows.iter().any(|r| {
            row.cells.iter().any(|x| x.contains(&r.label))
                && row.cells.iter().any(|x| x.contains(&r.num))
        })
    };
    for t in sections.iter_mut().filter_map(|s| s.table.as_mut()) {
        let kept = t.rows.iter().filter(|row| !drawn(row)).count();
        if kept == t.rows.len() {
            continue;
        }
        if kept >= 3 {
            t.rows.retain(|row| !drawn(row));
        } else {
            return None;
        }
    }
    Some(c)
}
