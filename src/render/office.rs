//! What a template sees of the issuing office (`office.yaml`): the masthead's issuer, series
//! and 期号, the 版记's lines as printed, the contact line and the house style.

use serde::Serialize;

use crate::facts::office::{Office, PageNumbers};

/// The office as the templates print it.
#[derive(Debug, Clone, Serialize)]
pub struct OfficeView {
    /// The 编印单位: 株洲市投资促进局.
    pub issuer: Option<String>,
    /// What the masthead says of who compiled the briefing: 株洲市投资促进局编印, else
    /// 据公开报道整理.
    pub compiled_by: String,
    /// The series, printed as the masthead's heading: 投资促进简报.
    pub series: Option<String>,
    /// The 期号 as printed: 第12期.
    pub issue: Option<String>,
    /// The 版记, when the office gives one.
    pub colophon: Option<ColophonView>,
    /// 联系人：王敏　电话：0799-6831234
    pub contact: Option<String>,
    /// `gb` (— 1 —) or `total` (第1页 / 共3页).
    pub page_numbers: &'static str,
    /// Whether typst's automatic space between Chinese and Latin letters or digits is kept.
    pub cjk_latin_space: bool,
}

/// The 版记's lines: 报：甲，乙。 and the 印发 line's office.
#[derive(Debug, Clone, Serialize)]
pub struct ColophonView {
    /// (报, 市委办公室，市政府办公室。), in the order 报, 送, 发; lists left empty are left out.
    pub lines: Vec<(String, String)>,
    /// The 印发机关: `printer`, else the issuer; none: the 印发 line holds only the date.
    pub printer: Option<String>,
}

impl OfficeView {
    pub fn new(office: &Office) -> OfficeView {
        OfficeView {
            issuer: office.issuer.clone(),
            compiled_by: office
                .issuer
                .as_ref()
                .map_or_else(|| "据公开报道整理".to_string(), |i| format!("{i}编印")),
            series: office.series.clone(),
            issue: office.issue.as_ref().map(|i| i.printed()),
            colophon: office.colophon.as_ref().map(|c| ColophonView {
                lines: [("报", &c.report), ("送", &c.send), ("发", &c.distribute)]
                    .into_iter()
                    .filter(|(_, list)| !list.is_empty())
                    // GB/T 9704: offices apart by commas, a full stop after the last.
                    .map(|(label, list)| (label.to_string(), format!("{}。", list.join("，"))))
                    .collect(),
                printer: c.printer.clone().or_else(|| office.issuer.clone()),
            }),
            contact: office.contact.clone(),
            page_numbers: match office.page_numbers {
                PageNumbers::Gb => "gb",
                PageNumbers::Total => "total",
            },
            cjk_latin_space: office.cjk_latin_space,
        }
    }
}
