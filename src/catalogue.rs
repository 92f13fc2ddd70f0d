//! The catalogue page (`index.html`) a build writes beside its manifest, for readers: every
//! briefing, grouped by province, city and region, with a thumbnail of its first page. It is made from a manifest and the
//! thumbnails present, nothing else.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::facts::Audience;
use crate::input::{self, Links};
use crate::manifest::{Entry, Manifest};
use crate::output::{self as out, Output};

/// The catalogue page a build writes beside its manifest.
pub const INDEX: &str = "index.html";
/// Where the catalogue's thumbnails live, inside the output directory.
pub const THUMBS: &str = "thumbs";

/// A thumbnail's path inside the output directory, for the briefing `file`.
pub fn thumb_path(out_dir: &Path, file: &str) -> PathBuf {
    out_dir
        .join(THUMBS)
        .join(format!("{}.png", file.trim_end_matches(".pdf")))
}

/// Text for HTML, in an element or a quoted attribute.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A manifest part is a file anyone may edit: a direction mark would reorder the
            // page's text, as it would a briefing's.
            c if c.is_control() || crate::facts::is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A path for an `href` or `src`: every byte outside a plain set percent-encoded.
fn url_path(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_./".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

const STYLE: &str = "\
body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;margin:0;background:#f4f4f2;color:#222}
header{background:#9e1b1b;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;font-size:13px;opacity:.9}
main{padding:8px 24px 24px}
h2{font-size:18px;margin:20px 0 4px;color:#9e1b1b}
.city{margin:8px 0 0 0}
h3{font-size:16px;margin:10px 0 8px;padding-bottom:4px;border-bottom:2px solid #9e1b1b}
.regions{display:flex;flex-wrap:wrap;gap:0 32px;align-items:flex-start}
.region{margin-top:6px;flex:0 1 auto;min-width:0}
h4{font-size:14px;margin:0 0 6px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:4px;width:172px;padding:8px;box-sizing:border-box}
.card a{color:inherit;text-decoration:none}
.thumb{display:block;width:154px;height:218px;object-fit:contain;object-position:top;background:#fff;border:1px solid #e4e4e4}
.none{display:flex;align-items:center;justify-content:center;color:#999;font-size:12px}
.title{font-weight:bold;font-size:13px;margin:6px 0 2px;line-height:1.35}
.meta{font-size:11px;color:#555;line-height:1.5}
details{font-size:10px;color:#777;margin-top:4px}
details code{word-break:break-all}
";

/// The provinces in the order of their codes (GB/T 2260), the order a Chinese reader expects
/// them in; a province not among them comes after, by name.
const PROVINCES: [&str; 34] = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "台湾",
    "香港",
    "澳门",
];

/// Where a province comes: its code's place, else after every known one (by name), and a
/// briefing whose province is not recorded last.
fn province_rank(name: &str) -> (usize, &str) {
    if name.is_empty() {
        return (PROVINCES.len() + 1, name);
    }
    match PROVINCES.iter().position(|p| name.starts_with(p)) {
        Some(i) => (i, ""),
        None => (PROVINCES.len(), name),
    }
}

/// A city's parts in the order of an administrative list: the city, its districts, its
/// counties, its functional zones.
fn level_rank(level: &str) -> usize {
    match level {
        "市" => 0,
        "区" => 1,
        "县" => 2,
        "功能区" => 3,
        _ => 4,
    }
}

/// 2026-11-22 → 2026年11月22日; anything else as it is.
fn date_cn(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => crate::render::BriefDate::from_naive(d).chinese(),
        Err(_) => iso.to_string(),
    }
}

/// Where an entry stands: province, then its city (the outermost region above it, or itself),
/// then each region down its chain by level and id, so that a region comes before its parts.
fn sort_key(e: &Entry) -> (usize, String, Vec<(usize, String)>, Audience) {
    let province = e.place.province.clone().unwrap_or_default();
    let (rank, name) = province_rank(&province);
    let mut chain: Vec<(usize, String)> = e
        .place
        .parents
        .iter()
        .map(|p| (level_rank(&p.level), p.id.clone()))
        .collect();
    chain.push((level_rank(&e.place.level), e.region.clone()));
    (rank, name.to_string(), chain, e.audience)
}

/// The city an entry is grouped under: the outermost region above it, or its own.
fn city(e: &Entry) -> (&str, &str) {
    match e.place.parents.first() {
        Some(p) => (&p.id, &p.name),
        None => (&e.region, &e.region_name),
    }
}

/// The catalogue page: every briefing of `manifest`, grouped by province, city and region
/// (the city before its parts), each with the thumbnail of its first page
/// (`thumbs/<file>.png`, when there is one), its title, date and pages; its file, size and
/// SHA-256 in attributes and a details line. Plain HTML and inline CSS: no script, nothing
/// fetched, it works from the folder. It depends on the manifest and the thumbnails present,
/// nothing else, so an unchanged build writes the same bytes.
pub fn index_html(dir: &Path, manifest: &Manifest) -> String {
    let mut entries: Vec<&Entry> = manifest.briefings.iter().collect();
    entries.sort_by_cached_key(|e| sort_key(e));
    let regions: BTreeSet<&str> = entries.iter().map(|e| e.region.as_str()).collect();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>简报目录</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>简报目录</h1><p>{}个地区，{}份简报</p></header>\n<main>\n",
        regions.len(),
        manifest.briefings.len(),
    );
    let (mut province, mut city_id, mut region) = (None::<&str>, None::<&str>, None::<&str>);
    for e in entries {
        let p = e.place.province.as_deref().unwrap_or("");
        let (cid, cname) = city(e);
        if province != Some(p) || city_id != Some(cid) {
            if region.is_some() {
                h.push_str("</div></div>\n</div>\n</section>\n");
            }
            if province != Some(p) {
                let _ = writeln!(
                    h,
                    "<h2>{}</h2>",
                    html_escape(if p.is_empty() { "其他地区" } else { p })
                );
            }
            let _ = writeln!(
                h,
                "<section class=\"city\" id=\"{}\">\n<h3>{}</h3>\n<div class=\"regions\">",
                html_escape(cid),
                html_escape(cname)
            );
            (province, city_id, region) = (Some(p), Some(cid), None);
        }
        if region != Some(e.region.as_str()) {
            if region.is_some() {
                h.push_str("</div></div>\n");
            }
            let _ = writeln!(
                h,
                "<div class=\"region\" data-region=\"{}\"><h4>{}</h4><div class=\"cards\">",
                html_escape(&e.region),
                html_escape(&e.region_name)
            );
            region = Some(&e.region);
        }
        card(&mut h, dir, e);
    }
    if region.is_some() {
        h.push_str("</div></div>\n</div>\n</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// One briefing's card: on its face the thumbnail, the briefing's kind (投资环境简报), its date
/// and pages; its file, size and hash in attributes and a details line.
fn card(h: &mut String, dir: &Path, e: &Entry) {
    let kind = if e.title.is_empty() {
        e.audience.as_str()
    } else {
        e.title.as_str()
    };
    let title = format!("{}{}", e.region_name, kind);
    let href = url_path(&e.file);
    let thumb_rel = format!("{THUMBS}/{}.png", e.file.trim_end_matches(".pdf"));
    // Only a thumbnail made from this very PDF: never an old one beside a rebuilt PDF.
    let thumb = if crate::thumbmark::shows(&dir.join(&thumb_rel), &e.sha256) {
        format!(
            "<img class=\"thumb\" src=\"{}\" alt=\"{}第1页\" loading=\"lazy\" width=\"154\" height=\"218\">",
            url_path(&thumb_rel),
            html_escape(&title)
        )
    } else {
        "<span class=\"thumb none\">无缩略图</span>".to_string()
    };
    let _ = writeln!(
        h,
        "<div class=\"card\" data-file=\"{}\" data-audience=\"{}\" data-sha256=\"{}\">\
         <a href=\"{href}\" title=\"{}\">{thumb}<div class=\"title\">{}</div></a>\
         <div class=\"meta\">{} · 共{}页</div>\
         <details><summary>文件信息</summary><code>{}</code> · {} · SHA-256 <code>{}</code></details></div>",
        html_escape(&e.file),
        html_escape(e.audience.as_str()),
        html_escape(&e.sha256),
        html_escape(&title),
        html_escape(kind),
        html_escape(&date_cn(&e.date)),
        e.pages,
        html_escape(&e.file),
        size(e.bytes),
        html_escape(&e.sha256)
    );
}

/// Writes `dir/index.html` for `manifest`, unless it already holds those bytes.
pub fn write_index(dir: &Path, manifest: &Manifest) -> Result<()> {
    let html = index_html(dir, manifest);
    let path = dir.join(INDEX);
    let limit = html.len() as u64;
    if input::read(&path, limit, Links::Refuse).is_ok_and(|old| old == html.as_bytes()) {
        return Ok(());
    }
    // Output's errors name the path already.
    Output::at(&path, out::Links::Refuse)?.write(html.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(
            html_escape("<b>\"芦溪\" & 'x'</b>\u{7}"),
            "&lt;b&gt;&quot;芦溪&quot; &amp; &#39;x&#39;&lt;/b&gt;"
        );
        assert_eq!(url_path("a b/芦.png"), "a%20b/%E8%8A%A6.png");
    }

    #[test]
    fn provinces_in_code_order_and_dates_in_chinese() {
        assert!(province_rank("北京市") < province_rank("江西省"));
        assert!(province_rank("江西省") < province_rank("湖南省"));
        assert!(province_rank("湖南省") < province_rank("新疆维吾尔自治区"));
        assert!(province_rank("新疆维吾尔自治区") < province_rank("测试省"));
        assert!(province_rank("测试省") < province_rank(""));
        assert!(level_rank("市") < level_rank("区") && level_rank("县") < level_rank("功能区"));
        assert_eq!(date_cn("2026-01-05"), "2026年1月5日");
        assert_eq!(date_cn("not a date"), "not a date");
    }
}
