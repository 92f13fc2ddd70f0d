//! Tables: three-line tables of figures, of projects ranked by amount within a measure, of
//! graded scenic areas. A cell holds a figure, never a sentence.

use serde::Serialize;

use super::format::{format_quantity, format_when, what};
use super::write::Writer;
use crate::facts::Fact;

/// A table: its header, column widths and alignments, and its rows.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    pub widths: Vec<String>,
    pub aligns: Vec<String>,
    pub rows: Vec<Row>,
}

/// One row: its cells as printed and the article it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<String>,
    pub source: String,
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

/// A table of figures: 指标 | 数值 | 增长 (where a row has one) | 年份 (where most
/// rows have one) | 来源. A cell holds a figure, never a sentence.
pub(crate) fn figure_table(w: &Writer, rows: &[&Fact]) -> Table {
    let vocab = &w.base.vocab;
    let with_change = rows.iter().any(|f| f.growth.is_some());
    let when: Vec<Option<String>> = rows.iter().map(|f| format_when(f)).collect();
    let with_when = 2 * when.iter().filter(|x| x.is_some()).count() >= rows.len();
    let mut header = vec!["指标".to_string(), "数值".to_string()];
    let mut widths = vec!["2.6fr".to_string(), "1.4fr".to_string()];
    let mut aligns = vec!["left".to_string(), "right".to_string()];
    if with_change {
        header.push("增长".into());
        widths.push("1.2fr".into());
        aligns.push("right".into());
    }
    if with_when {
        header.push("年份".into());
        widths.push("1fr".into());
        aligns.push("center".into());
    }
    let rows = rows
        .iter()
        .zip(when)
        .map(|(f, when)| {
            let unit = f.unit.clone().unwrap_or_default();
            let mut value = f
                .value
                .as_ref()
                .map(|v| format_quantity(vocab, v.text(), &unit, f.qualifier.as_deref()))
                .unwrap_or_else(|| "—".into());
            if f.target {
                value.push_str("（目标）");
            }
            let mut cells = vec![what(f), value];
            if with_change {
                cells.push(
                    f.growth
                        .as_ref()
                        .map(|g| {
                            let sign = if g.value.is_negative() { "-" } else { "" };
                            format!(
                                "{sign}{}",
                                format_quantity(
                                    vocab,
                                    g.value.magnitude(),
                                    &g.unit,
                                    g.qualifier.as_deref()
                                )
                            )
                        })
                        .unwrap_or_else(|| "—".into()),
                );
            }
            if with_when {
                cells.push(when.unwrap_or_else(|| "—".into()));
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
    }
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
    let vocab = &w.base.vocab;
    let when: Vec<Option<String>> = rows.iter().map(|f| format_when(f)).collect();
    let with_when = 2 * when.iter().filter(|x| x.is_some()).count() >= rows.len();
    let mut header = vec!["项目或企业".into(), "指标".into(), "金额".into()];
    let mut widths = vec!["2.4fr".into(), "1fr".into(), "1.4fr".into()];
    let mut aligns = vec!["left".into(), "left".into(), "right".into()];
    if with_when {
        header.push("年份".into());
        widths.push("0.9fr".into());
        aligns.push("center".into());
    }
    let rows = rows
        .iter()
        .zip(when)
        .map(|(f, when)| {
            let unit = f.unit.clone().unwrap_or_default();
            let mut value = f
                .value
                .as_ref()
                .map(|v| format_quantity(vocab, v.text(), &unit, f.qualifier.as_deref()))
                .unwrap_or_default();
            if f.target {
                value.push_str("（目标）");
            }
            let name = match &f.measure {
                Some(m) if f.name.ends_with(m.as_str()) => {
                    f.name[..f.name.len() - m.len()].to_string()
                }
                _ => f.name.clone(),
            };
            let mut cells = vec![
                name,
                f.measure.clone().unwrap_or_else(|| "金额".into()),
                value,
            ];
            if with_when {
                cells.push(when.unwrap_or_else(|| "—".into()));
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
    }
}

/// Graded scenic areas, highest grade first.
pub(crate) fn scenic_table(rows: &mut Vec<&Fact>) -> Table {
    rows.sort_by(|a, b| b.grade.cmp(&a.grade));
    Table {
        header: vec!["景区".into(), "等级".into()],
        widths: vec!["3fr".into(), "1fr".into()],
        aligns: vec!["left".into(), "center".into()],
        rows: rows
            .iter()
            .map(|f| Row {
                cells: vec![
                    f.name.clone(),
                    format!("国家{}级", f.grade.clone().unwrap_or_default()),
                ],
                source: f.source.clone(),
            })
            .collect(),
    }
}
