//! Manifests beyond one run: which shard a region belongs to, the parts that
//! `brief build --shard K/N` writes, `brief manifest merge`, and the catalogue page
//! (`index.html`) made from a manifest.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};

use super::build::{Entry, Manifest};
use crate::cli::Shard;
use crate::error::hinted;
use crate::output::{parent_dir, Links, Output};

/// The catalogue page a build writes beside its manifest.
pub const INDEX: &str = "index.html";
/// Where the catalogue's thumbnails live, inside the output directory.
pub const THUMBS: &str = "thumbs";

/// What a manifest part says of itself: the shard it holds.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Part {
    pub index: u32,
    pub count: u32,
}

impl From<Shard> for Part {
    fn from(s: Shard) -> Part {
        Part {
            index: s.index,
            count: s.count,
        }
    }
}

/// The shard (0..count) a region belongs to: FNV-1a (64 bit) of its id, modulo the count.
/// It depends on the id alone, so a region stays in its shard when others come or go, and the
/// three briefings of a region stay together.
pub fn shard_of(region_id: &str, count: u32) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in region_id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % u64::from(count.max(1))) as u32
}

/// `manifest.K-of-N.json`, the manifest part of shard K of N.
pub fn part_file(shard: Shard) -> String {
    format!("manifest.{}-of-{}.json", shard.index, shard.count)
}

/// A thumbnail's path inside the output directory, for the briefing `file`.
pub fn thumb_path(out_dir: &Path, file: &str) -> PathBuf {
    out_dir
        .join(THUMBS)
        .join(format!("{}.png", file.trim_end_matches(".pdf")))
}

/// `brief manifest merge PARTS... -o PATH`: one manifest from the parts of an N-shard build,
/// with the catalogue page beside it. Refuses parts that are not shard parts, that disagree on
/// N or on the tools, that repeat a shard or a briefing, that hold a briefing of another
/// shard, or that leave a shard out.
pub fn merge(parts: &[PathBuf], output: &Path) -> Result<i32> {
    let mut count = None;
    let mut seen: BTreeMap<u32, &Path> = BTreeMap::new();
    let mut files: BTreeMap<String, (Entry, &Path)> = BTreeMap::new();
    let mut tools: Option<(String, String, &Path)> = None;
    for path in parts {
        let bytes = crate::output::read_regular(path, super::build::MAX_MANIFEST, Links::Follow)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let text = String::from_utf8(bytes)
            .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
        let m: Manifest = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a brief manifest", path.display()))?;
        let Some(part) = m.shard else {
            return Err(hinted(
                format!(
                    "{} is not a manifest part (it names no shard)",
                    path.display()
                ),
                "merge the manifest.K-of-N.json files that `brief build --shard K/N` writes",
            ));
        };
        match count {
            None => count = Some((part.count, path.as_path())),
            Some((n, first)) if n != part.count => {
                return Err(hinted(
                    format!(
                        "inconsistent parts: {} is one of {} shards, {} one of {n}",
                        path.display(),
                        part.count,
                        first.display()
                    ),
                    "merge the parts of one build, all run with the same N",
                ))
            }
            Some(_) => {}
        }
        if let Some(other) = seen.insert(part.index, path) {
            return Err(hinted(
                format!(
                    "overlapping parts: {} and {} both hold shard {} of {}",
                    other.display(),
                    path.display(),
                    part.index,
                    part.count
                ),
                "give each shard's part once",
            ));
        }
        for e in m.briefings {
            if shard_of(&e.region, part.count) != part.index {
                return Err(hinted(
                    format!(
                        "inconsistent part {}: {} belongs to shard {} of {}, not {}",
                        path.display(),
                        e.file,
                        shard_of(&e.region, part.count),
                        part.count,
                        part.index
                    ),
                    "the part was not written by `brief build --shard`, or was edited",
                ));
            }
            match &tools {
                None => tools = Some((e.typst_version.clone(), e.brief_version.clone(), path)),
                Some((t, b, first)) if *t != e.typst_version || *b != e.brief_version => {
                    return Err(hinted(
                        format!(
                            "inconsistent parts: {} was built with typst {} and brief {}, {} with typst {t} and brief {b}",
                            path.display(),
                            e.typst_version,
                            e.brief_version,
                            first.display()
                        ),
                        "build every shard with the same brief and typst",
                    ))
                }
                Some(_) => {}
            }
            if let Some((_, other)) = files.get(&e.file) {
                return Err(hinted(
                    format!(
                        "overlapping parts: {} is in both {} and {}",
                        e.file,
                        other.display(),
                        path.display()
                    ),
                    "give each shard's part once",
                ));
            }
            files.insert(e.file.clone(), (e, path));
        }
    }
    let (n, _) = count.expect("at least one part");
    let missing: Vec<String> = (0..n)
        .filter(|k| !seen.contains_key(k))
        .map(|k| k.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(hinted(
            format!(
                "incomplete: the parts of shard {} of {n} are missing",
                missing.join(", ")
            ),
            format!("run `brief build --shard K/{n}` for each of them, then merge all {n} parts"),
        ));
    }
    let manifest = Manifest {
        briefings: files.into_values().map(|(e, _)| e).collect(),
        shard: None,
    };
    let out = Output::at(output, Links::Follow)?;
    out.write(manifest.to_json()?.as_bytes())?;
    // The catalogue goes beside a manifest file; a manifest sent to standard output or a
    // device has no folder of its own, and no file the user did not name is written.
    if !matches!(out, Output::File { .. }) {
        crate::say!(
            "merged {} parts: {} to {}",
            parts.len(),
            crate::plural(manifest.briefings.len(), "briefing"),
            out.display()
        );
        return Ok(0);
    }
    let dir = parent_dir(output);
    write_index(dir, &manifest)?;
    crate::say!(
        "merged {} parts: {} in {} (and {})",
        parts.len(),
        crate::plural(manifest.briefings.len(), "briefing"),
        output.display(),
        dir.join(INDEX).display()
    );
    Ok(0)
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
    let total_bytes: u64 = manifest.briefings.iter().map(|e| e.bytes).sum();
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
            let title = format!("{}{}", e.region_name, e.title);
            let href = url_path(&e.file);
            let thumb_rel = format!("{THUMBS}/{}.png", e.file.trim_end_matches(".pdf"));
            let thumb = if dir.join(&thumb_rel).is_file() {
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
        h.push_str("</div>\n</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// Writes `dir/index.html` for `manifest`, unless it already holds those bytes.
pub fn write_index(dir: &Path, manifest: &Manifest) -> Result<()> {
    let html = index_html(dir, manifest);
    let path = dir.join(INDEX);
    let limit = html.len() as u64;
    if crate::output::read_regular(&path, limit, Links::Refuse)
        .is_ok_and(|old| old == html.as_bytes())
    {
        return Ok(());
    }
    Output::at(&path, Links::Refuse)?
        .write(html.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_stable_and_spread() {
        assert_eq!(shard_of("luxi", 1), 0);
        assert_eq!(shard_of("luxi", 4), shard_of("luxi", 4));
        let mut counts = [0usize; 4];
        for i in 0..4000 {
            counts[shard_of(&format!("x{i:04}"), 4) as usize] += 1;
        }
        assert!(
            counts.iter().all(|&c| (800..1200).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn shard_arguments() {
        assert_eq!("1/3".parse::<Shard>(), Ok(Shard { index: 1, count: 3 }));
        assert!("3/3".parse::<Shard>().is_err());
        assert!("0/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(
            html_escape("<b>\"芦溪\" & 'x'</b>\u{7}"),
            "&lt;b&gt;&quot;芦溪&quot; &amp; &#39;x&#39;&lt;/b&gt;"
        );
        assert_eq!(url_path("a b/芦.png"), "a%20b/%E8%8A%A6.png");
    }
}
