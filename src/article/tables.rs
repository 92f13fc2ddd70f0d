//! The tables of a statistical bulletin (表1 … 指标 | 单位 | 绝对数 | 比上年增长(%)),
//! written out as the sentences a bulletin's prose would use: 发电量18.36亿千瓦时，比上年
//! 增长4.2%。 A row's cells are separated by tabs, `|` or two or more spaces.

fn cells(line: &str) -> Vec<String> {
    let line = line.trim().trim_matches('|').trim();
    let parts: Vec<String> = if line.contains('\t') || line.contains('|') {
        line.split(['\t', '|'])
            .map(|c| c.trim().to_string())
            .collect()
    } else {
        line.split("  ").map(|c| c.trim().to_string()).collect()
    };
    parts.into_iter().filter(|c| !c.is_empty()).collect()
}

/// The columns of a header: which holds the name, the unit, the value and the change.
struct Columns {
    unit: Option<usize>,
    value: usize,
    growth: Option<usize>,
    /// A unit the header gives for the values: 绝对数(亿元).
    value_unit: Option<String>,
    /// A unit the table gives on a line of its own over the header, or at the end of its
    /// caption (单位：万吨): every row's that has none of its own.
    table_unit: Option<String>,
    growth_unit: String,
    /// What the value column measures, where its header names it (产量, 产值): a row that
    /// names only the product (水泥) is of the product's measure (水泥产量).
    measure: Option<String>,
}

fn in_parens(s: &str) -> Option<String> {
    let s = s.replace('（', "(").replace('）', ")");
    let (_, rest) = s.split_once('(')?;
    let (inner, _) = rest.split_once(')')?;
    Some(inner.trim().to_string())
}

fn header(cells: &[String]) -> Option<Columns> {
    if cells.len() < 2 {
        return None;
    }
    let is_growth = |c: &str| {
        ["增长", "增速", "增幅", "比上年", "同比", "±"]
            .iter()
            .any(|w| c.contains(w))
    };
    let is_value = |c: &str| {
        [
            "绝对数",
            "数值",
            "总量",
            "绝对值",
            "本年",
            "全年",
            "数量",
            "金额",
            "产量",
            "实绩",
        ]
        .iter()
        .any(|w| c.contains(w))
    };
    let unit = cells.iter().position(|c| c.starts_with("单位"));
    let growth = cells.iter().position(|c| is_growth(c));
    let value = cells
        .iter()
        .enumerate()
        .position(|(i, c)| i > 0 && Some(i) != growth && Some(i) != unit && is_value(c))?;
    let value_unit = in_parens(&cells[value]);
    let growth_unit = growth
        .and_then(|g| in_parens(&cells[g]))
        .filter(|u| u == "%" || u == "％" || u == "个百分点")
        .unwrap_or_else(|| "%".to_string());
    Some(Columns {
        unit,
        value,
        growth,
        measure: measure_of(&cells[value]),
        value_unit,
        table_unit: None,
        growth_unit: growth_unit.replace('％', "%"),
    })
}

/// The words of a value column's header that say what it measures: the header without its
/// unit in brackets and the words of time before it (2024年, 本年, 全年), unless what is left
/// is a word for the figure itself (绝对数, 数值, 金额), which measures nothing in particular.
fn measure_of(header: &str) -> Option<String> {
    let mut h = header
        .split(['(', '（'])
        .next()
        .unwrap_or(header)
        .trim()
        .to_string();
    let year = h.chars().take_while(|c| c.is_ascii_digit()).count();
    if year > 0 && h.chars().nth(year) == Some('年') {
        h = h.chars().skip(year + 1).collect();
    }
    for w in ["本年", "全年", "本期", "累计"] {
        if let Some(rest) = h.strip_prefix(w) {
            h = rest.to_string();
        }
    }
    let generic = [
        "绝对数",
        "绝对值",
        "数值",
        "数量",
        "金额",
        "实绩",
        "总量",
        "合计",
    ];
    (h.chars().count() >= 2 && !generic.iter().any(|w| h.ends_with(w))).then_some(h)
}

/// A row's name with the measure of its column, unless it names a measure itself: it ends
/// with the measure's words or with a character that ends a word of measure (发电量, 增加值,
/// 销售额, 户数, 覆盖率).
fn with_measure(name: String, measure: Option<&str>) -> String {
    match measure {
        Some(m)
            if !name.ends_with(m) && !name.ends_with(['量', '值', '额', '数', '率', '%', '％']) =>
        {
            format!("{name}{m}")
        }
        _ => name,
    }
}

fn is_number(s: &str) -> bool {
    let s = s.trim_start_matches(['-', '－', '+']);
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '０'..='９' | '．'))
}

/// One row as a sentence, or `None` when it is no row of the table.
fn row(cells: &[String], cols: &Columns) -> Option<String> {
    let name = cells.first()?.clone();
    let value = cells.get(cols.value)?.trim().to_string();
    if !is_number(&value) || is_number(&name) {
        return None;
    }
    // The unit: its own column, else the header's, else the name's: 粮食(万吨).
    let (name, unit) = match (cols.unit.and_then(|u| cells.get(u)), &cols.value_unit) {
        (Some(u), _) => (name, u.clone()),
        (None, Some(u)) => (name, u.clone()),
        (None, None) => match in_parens(&name) {
            Some(u) => (
                name.split(['(', '（']).next().unwrap_or(&name).to_string(),
                u,
            ),
            None => (name, cols.table_unit.clone().unwrap_or_default()),
        },
    };
    let name = with_measure(name, cols.measure.as_deref());
    let mut s = format!("{name}{value}{unit}");
    if let Some(g) = cols.growth.and_then(|g| cells.get(g)) {
        let g = g.trim();
        if is_number(g) {
            let (word, g) = match g.strip_prefix(['-', '－']) {
                Some(rest) => ("下降", rest),
                None => ("增长", g.trim_start_matches('+')),
            };
            let word = if cols.growth_unit == "个百分点" {
                if word == "下降" {
                    "降低"
                } else {
                    "提高"
                }
            } else {
                word
            };
            s.push_str(&format!("，比上年{word}{g}{}", cols.growth_unit));
        }
    }
    s.push('。');
    Some(s)
}

/// The unit a line states for a whole table (单位：万吨, 单位:亿元), and the line without it:
/// a caption may end with it (表2 主要农产品产量（单位：万吨）).
fn split_unit(line: &str) -> (String, Option<String>) {
    let Some(at) = line.find("单位") else {
        return (line.to_string(), None);
    };
    let rest = line[at + "单位".len()..].trim_start();
    let Some(rest) = rest.strip_prefix(['：', ':']) else {
        return (line.to_string(), None);
    };
    let unit: String = rest
        .trim()
        .chars()
        .take_while(|c| !matches!(c, '）' | ')' | '，' | ',' | '；' | '。' | ' ' | '\t'))
        .collect();
    if unit.is_empty() || unit.chars().count() > 6 {
        return (line.to_string(), None);
    }
    let head = line[..at]
        .trim_end()
        .trim_end_matches(['（', '('])
        .trim_end()
        .to_string();
    (head, Some(unit))
}

/// The table's unit, from the last line written when it says only that (单位：万吨); the
/// line is taken out, so that the caption above it is found.
fn unit_line(out: &mut Vec<String>) -> Option<String> {
    let i = out.iter().rposition(|l| !l.trim().is_empty())?;
    let (rest, unit) = split_unit(out[i].trim());
    if unit.is_some() && rest.is_empty() {
        out.remove(i);
        unit
    } else {
        None
    }
}

/// The lines of an article, each table's rows written out as sentences.
pub fn linearise(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut cols: Option<Columns> = None;
    // A table is one paragraph: its caption (表1 …产量), then its rows, so that each
    // row reads with the caption's words around it.
    let mut table: Option<String> = None;
    for line in lines {
        let cs = cells(line);
        if cs.len() >= 3 {
            if let Some(h) = header(&cs) {
                if let Some(t) = table.take() {
                    out.push(t);
                }
                let mut h = h;
                h.table_unit = unit_line(&mut out);
                let caption = out.iter().rposition(|l| !l.trim().is_empty()).filter(|&i| {
                    let l = out[i].trim();
                    l.starts_with('表') && l.chars().count() <= 40
                });
                let mut head = String::new();
                if let Some(i) = caption {
                    let (text, unit) = split_unit(out[i].trim());
                    h.table_unit = h.table_unit.or(unit);
                    head = format!("{text}：");
                    out.truncate(i);
                }
                out.push(String::new());
                table = Some(head);
                cols = Some(h);
                continue;
            }
            if let Some(sentence) = cols.as_ref().and_then(|c| row(&cs, c)) {
                if let Some(t) = table.as_mut() {
                    t.push_str(&sentence);
                }
                continue;
            }
        }
        if !line.trim().is_empty() {
            cols = None;
            if let Some(t) = table.take() {
                out.push(t);
                out.push(String::new());
            }
        }
        out.push(line.to_string());
    }
    if let Some(t) = table {
        out.push(t);
    }
    out
}
