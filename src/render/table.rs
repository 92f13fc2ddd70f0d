//! Tables: three-line tables of figures, of projects ranked by amount within a measure, of
//! graded scenic areas. A cell holds a figure, never a sentence.

use serde::Serialize;

use super::format::{format_change, format_quantity, format_when, what};
use super::write::Writer;
use crate::facts::Fact;

/// A table: its header, column widths and alignments, its rows, and the one article every
/// row comes from (then the table has no 来源 column, and one marker under it).
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    pub widths: Vec<String>,
    pub aligns: Vec<String>,
    pub rows: Vec<Row>,
    pub source: Option<String>,
}

/// One row: its cells as printed and the article it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<String>,
    pub source: String,
}

/// A column: its heading, width and alignment.
struct Column(&'static str, &'static str, &'static str);

/// Builds a table from columns and cells, with what every row shares said once: a period
/// all rows have goes into the heading of the figure column (`at`); differing periods get a
/// 时间 column where most rows have one, else the few rows that have one say it after their
/// name, so that no row loses its own; one article for all rows, one marker.
fn table(columns: &[Column], at: usize, rows: &[(&Fact, Vec<String>)]) -> Table {
    let whens: Vec<Option<String>> = rows.iter().map(|(f, _)| format_when(f)).collect();
    let shared = whens
        .first()
        .cloned()
        .flatten()
        .filter(|w| whens.iter().all(|x| x.as_deref() == Some(w.as_str())));
    let dated = whens.iter().filter(|w| w.is_some()).count();
    // A 时间 column where most rows have a period; else the few say theirs after the name.
    let with_when = shared.is_none() && dated > 0 && 2 * dated > whens.len();
    let in_name = shared.is_none() && dated > 0 && !with_when;
    let mut header: Vec<String> = columns.iter().map(|c| c.0.to_string()).collect();
    let mut widths: Vec<String> = columns.iter().map(|c| c.1.to_string()).collect();
    let mut aligns: Vec<String> = columns.iter().map(|c| c.2.to_string()).collect();
    if let Some(w) = &shared {
        header[at] = format!("{}（{w}）", header[at]);
    }
    if with_when {
        header.push("时间".into());
        // A period longer than a year (2023年中秋国庆假期) gets room not to wrap.
        let longest = whens.iter().flatten().map(|w| w.chars().count()).max();
        let width = match longest {
            Some(n) if n > 9 => "1.9fr",
            Some(n) if n > 6 => "1.4fr",
            _ => "1fr",
        };
        widths.push(width.into());
        aligns.push("center".into());
    }
    let source = rows
        .first()
        .map(|(f, _)| f.source.clone())
        .filter(|s| rows.iter().all(|(f, _)| &f.source == s));
    let rows = rows
        .iter()
        .zip(whens)
        .map(|((f, cells), when)| {
            let mut cells = cells.clone();
            if with_when {
                cells.push(when.unwrap_or_else(|| "—".into()));
            } else if let (true, Some(w)) = (in_name, when) {
                cells[0] = format!("{}（{w}）", cells[0]);
            }
            Row {
                cells,
                source: f.source.clone(),
            }
        })
        .collect();
    Table {
        header,
        widths,
        aligns,
        rows,
        source,
    }
}

/// A fact's value cell: the figure with its qualifier, (目标) for a goal.
fn value_cell(w: &Writer, f: &Fact) -> String {
    let unit = f.unit.clone().unwrap_or_default();
    let mut value = f
        .value
        .as_ref()
        .map(|v| format_quantity(&w.base.vocab, v.text(), &unit, f.qualifier.as_deref()))
        .unwrap_or_else(|| "—".into());
    // A goal says so once: 力争30个 needs no （目标）.
    let says_goal = super::write::aimed(&w.base.phrases, f);
    if f.target && !says_goal {
        value.push_str("（目标）");
    }
    value
}

/// How many yuan a money unit holds, to rank amounts given in different units.
pub(crate) fn yuan(unit: &str) -> Option<f64> {
    Some(match unit {
        "元" => 1.0,
        "万元" => 1e4,
        "亿元" => 1e8,
        "万亿元" => 1e12,
        "美元" => 7.0,
        "万美元" => 7e4,
        "亿美元" => 7e8,
        _ => return None,
    })
}

pub(crate) fn amount(f: &Fact) -> f64 {
    match (&f.value, f.unit.as_deref().and_then(yuan)) {
        (Some(v), Some(y)) => v.value() * y,
        _ => 0.0,
    }
}

/// A table of figures: 指标 | 数值 | 增长 (where a row has one) | 时间 (where rows differ)
/// | 来源 (where articles differ). A cell holds a figure, never a sentence.
pub(crate) fn figure_table(w: &Writer, rows: &[&Fact]) -> Table {
    let vocab = &w.base.vocab;
    // A 增长 column where most rows have a change; else the few say theirs in the value cell.
    let changed = rows.iter().filter(|f| f.growth.is_some()).count();
    let with_change = changed > 0 && 2 * changed >= rows.len();
    let mut columns = vec![
        Column("指标", "2.6fr", "left"),
        Column("数值", "1.4fr", "right"),
    ];
    if with_change {
        columns.push(Column("增长", "1.2fr", "right"));
    }
    let cells: Vec<(&Fact, Vec<String>)> = rows
        .iter()
        .map(|f| {
            let mut cells = vec![what(f), value_cell(w, f)];
            if !with_change {
                if let Some(change) = format_change(vocab, f) {
                    cells[1] = format!("{}（{change}）", cells[1]);
                }
            }
            if with_change {
                cells.push(
                    f.growth
                        .as_ref()
                        .map(|g| {
                            let sign = if g.value.is_negative() { "-" } else { "" };
                            let n = g.value.magnitude();
                            format!(
                                "{sign}{}",
                                format_quantity(vocab, n, &g.unit, g.qualifier.as_deref())
                            )
                        })
                        .unwrap_or_else(|| "—".into()),
                );
            }
            (*f, cells)
        })
        .collect();
    table(&columns, 1, &ranges(cells))
}

/// Rows of one figure's two bounds (土地流转租金 500元, 土地流转租金 900元: a range, each bound
/// a fact of the same name) as one row of the range: 500～900元.
fn ranges(cells: Vec<(&Fact, Vec<String>)>) -> Vec<(&Fact, Vec<String>)> {
    let mut out: Vec<(&Fact, Vec<String>)> = Vec::new();
    for (f, c) in cells {
        if let Some((g, d)) = out.last_mut() {
            let bounds = g.name == f.name
                && g.year == f.year
                && g.period == f.period
                && g.source == f.source
                && g.unit == f.unit
                && g.growth.is_none()
                && f.growth.is_none()
                && d.len() == c.len();
            let unit = |t: &str| {
                t.trim_start_matches(|x: char| x.is_ascii_digit() || x == '.')
                    .to_string()
            };
            let (a, b) = (&d[1], &c[1]);
            let same_unit = !unit(a).is_empty() && unit(a) == unit(b) && unit(a).len() < a.len();
            if bounds && same_unit {
                let low = &a[..a.len() - unit(a).len()];
                d[1] = format!("{low}～{b}");
                continue;
            }
        }
        out.push((f, c));
    }
    out
}

/// Projects and enterprises with money figures, ranked by amount within each measure.
pub(crate) fn project_table(w: &Writer, rows: &mut Vec<&Fact>) -> Table {
    let top = |m: &Option<String>, all: &[&Fact]| {
        all.iter()
            .filter(|g| &g.measure == m)
            .map(|g| amount(g))
            .fold(0.0, f64::max)
    };
    let all = rows.clone();
    rows.sort_by(|a, b| {
        top(&b.measure, &all)
            .total_cmp(&top(&a.measure, &all))
            .then(a.measure.cmp(&b.measure))
            .then(a.target.cmp(&b.target))
            .then(amount(b).total_cmp(&amount(a)))
    });
    let columns = [
        Column("项目或企业", "2.4fr", "left"),
        Column("指标", "1fr", "left"),
        Column("金额", "1.4fr", "right"),
    ];
    let cells: Vec<(&Fact, Vec<String>)> = rows
        .iter()
        .map(|f| {
            let name = match &f.measure {
                Some(m) if f.name.ends_with(m.as_str()) => {
                    f.name[..f.name.len() - m.len()].to_string()
                }
                _ => f.name.clone(),
            };
            let measure = f.measure.clone().unwrap_or_else(|| "金额".into());
            (*f, vec![name, measure, value_cell(w, f)])
        })
        .collect();
    table(&columns, 2, &cells)
}

/// Graded scenic areas, highest grade first.
pub(crate) fn scenic_table(rows: &mut Vec<&Fact>) -> Table {
    rows.sort_by(|a, b| b.grade.cmp(&a.grade));
    let columns = [
        Column("景区", "3fr", "left"),
        Column("等级", "1fr", "center"),
    ];
    let cells: Vec<(&Fact, Vec<String>)> = rows
        .iter()
        .map(|f| {
            let grade = format!("国家{}级", f.grade.clone().unwrap_or_default());
            (*f, vec![f.name.clone(), grade])
        })
        .collect();
    let mut t = table(&columns, 1, &cells);
    // A scenic area's grade has no period.
    if let Some(i) = t.header.iter().position(|h| h == "时间") {
        t.header.remove(i);
        t.widths.remove(i);
        t.aligns.remove(i);
        for r in &mut t.rows {
            r.cells.remove(i);
        }
    }
    t.header[1] = "等级".into();
    t
}
