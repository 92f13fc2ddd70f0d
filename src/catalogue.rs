//! The catalogue page (`index.html`) a build writes beside its manifest: every briefing,
//! grouped by region, with a thumbnail of its first page. It is made from a manifest and the
//! thumbnails present, nothing else.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;

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
            c if c.is_control() => {}
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
main{padding:8px 24px 24px;display:flex;flex-wrap:wrap;gap:0 32px;align-items:flex-start}
section{margin-top:18px;flex:0 1 auto;min-width:0}
h2{font-size:16px;margin:0 0 8px;padding-bottom:4px;border-bottom:2px solid #9e1b1b}
h2 small{font-weight:normal;color:#666;font-size:12px;margin-left:8px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:4px;width:172px;padding:8px;box-sizing:border-box}
.card a{color:inherit;text-decoration:none}
.thumb{display:block;width:154px;height:218px;object-fit:contain;object-position:top;background:#fff;border:1px solid #e4e4e4}
.none{display:flex;align-items:center;justify-content:center;color:#999;font-size:12px}
.title{font-weight:bold;font-size:13px;margin:6px 0 2px;line-height:1.35}
.meta{font-size:11px;color:#555;line-height:1.5}
.sha{font-family:monospace;font-size:10px;color:#777;word-break:break-all}
";

/// The catalogue page: every briefing of `manifest`, grouped by region, with the thumbnail of
/// its first page (`thumbs/<file>.png`, when there is one), title, audience, date, pages, size
/// and SHA-256. Plain HTML and inline CSS: no script, nothing fetched, it works from the
/// folder. It depends on the manifest and the thumbnails present, nothing else, so an
/// unchanged build writes the same bytes.
pub fn index_html(dir: &Path, manifest: &Manifest) -> String {
    let mut regions: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in &manifest.briefings {
        regions.entry(e.region.as_str()).or_default().push(e);
    }
    let total_bytes = manifest
        .briefings
        .iter()
        .fold(0u64, |sum, e| sum.saturating_add(e.bytes));
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>简报目录</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>简报目录</h1><p>{} 个地区，{} 份简报，共 {}</p></header>\n<main>\n",
        regions.len(),
        manifest.briefings.len(),
        size(total_bytes)
    );
    for (id, entries) in regions {
        let _ = write!(
            h,
            "<section id=\"{}\">\n<h2>{}<small>{}</small></h2>\n<div class=\"cards\">\n",
            html_escape(id),
            html_escape(&entries[0].region_name),
            html_escape(id)
        );
        for e in entries {
            card(&mut h, dir, e);
        }
        h.push_str("</div>\n</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// One briefing's card.
fn card(h: &mut String, dir: &Path, e: &Entry) {
    let title = format!("{}{}", e.region_name, e.title);
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
        "<div class=\"card\"><a href=\"{href}\">{thumb}<div class=\"title\">{}</div></a>\
         <div class=\"meta\">{} · {}<br>{} · {} 页 · {}</div>\
         <div class=\"sha\" title=\"SHA-256\">{}</div></div>",
        html_escape(&title),
        html_escape(e.audience.as_str()),
        html_escape(&e.title),
        html_escape(&e.date),
        e.pages,
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
}
