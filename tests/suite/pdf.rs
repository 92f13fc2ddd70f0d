//! Reading PDFs back, with Rust crates only: `pdf-extract` for the text, `lopdf` for the
//! pages, the fonts and the document information.
//!
//! Every function fails the test, naming the file, when the PDF cannot be read.

use std::any::Any;
use std::path::Path;

use lopdf::{Dictionary, Document, Object};

/// The text of every page, in content order. pdf-extract puts spaces and line breaks between
/// glyphs; compare through `harness::squeeze`.
#[track_caller]
pub fn text(path: &Path) -> String {
    let bytes = read(path);
    match std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(&bytes)) {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => panic!("cannot read the text of {}: {e}", path.display()),
        Err(panic) => panic!(
            "pdf-extract panicked reading the text of {}: {}",
            path.display(),
            panic_message(&*panic)
        ),
    }
}

/// The number of pages.
#[track_caller]
pub fn pages(path: &Path) -> usize {
    load(path).get_pages().len()
}

/// The `BaseFont` of every font dictionary in the file (subset-prefixed, as
/// `ABCDEF+NotoSerifCJKsc-Regular`), sorted, each once. A font without a name (a Type3 font)
/// shows as `[none] (Type3)`, so that a test that expects only named fonts sees it.
#[track_caller]
pub fn fonts(path: &Path) -> Vec<String> {
    let doc = load(path);
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(&b"Font"[..]))
        .map(|d| match d.get(b"BaseFont").and_then(Object::as_name) {
            Ok(name) => String::from_utf8_lossy(name).into_owned(),
            Err(_) => {
                let subtype = d
                    .get(b"Subtype")
                    .and_then(Object::as_name)
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .unwrap_or_default();
                format!("[none] ({subtype})")
            }
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The document information a reader shows: from the Info dictionary, else from the XMP
/// metadata.
#[derive(Debug, Default, PartialEq)]
pub struct Info {
    pub title: Option<String>,
    pub author: Option<String>,
    pub keywords: Option<String>,
    /// As RFC 3339, `2026-11-22T00:00:00Z` (a zero offset is written `Z`).
    pub creation_date: Option<String>,
}

#[track_caller]
pub fn info(path: &Path) -> Info {
    let doc = load(path);
    let dict = doc
        .trailer
        .get(b"Info")
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, o)| o.as_dict())
        .ok();
    let field = |key: &[u8]| -> Option<String> {
        let value = dict?.get(key).ok()?;
        let (_, value) = doc.dereference(value).ok()?;
        Some(lopdf::decode_text_string(value).unwrap_or_else(|e| {
            panic!(
                "{}: Info /{} is not a text string: {e}",
                path.display(),
                String::from_utf8_lossy(key)
            )
        }))
    };
    let xmp = xmp(&doc, path);
    let from_xmp = |open: &str, close: &str, list: bool| -> Option<String> {
        let xmp = xmp.as_deref()?;
        let start = xmp.find(open)? + open.len();
        let inner = &xmp[start..start + xmp[start..].find(close)?];
        if !list {
            return Some(unescape_xml(inner.trim()));
        }
        // An rdf:Alt or rdf:Seq: the items, joined.
        let items: Vec<String> = inner
            .split("<rdf:li")
            .skip(1)
            .filter_map(|li| {
                let body = &li[li.find('>')? + 1..];
                Some(unescape_xml(&body[..body.find("</rdf:li>")?]))
            })
            .collect();
        (!items.is_empty()).then(|| items.join(", "))
    };
    Info {
        title: field(b"Title").or_else(|| from_xmp("<dc:title>", "</dc:title>", true)),
        author: field(b"Author").or_else(|| from_xmp("<dc:creator>", "</dc:creator>", true)),
        keywords: field(b"Keywords")
            .or_else(|| from_xmp("<pdf:Keywords>", "</pdf:Keywords>", false)),
        creation_date: field(b"CreationDate")
            .map(|d| {
                pdf_date(&d).unwrap_or_else(|| {
                    panic!("{}: CreationDate {d:?} is not a PDF date", path.display())
                })
            })
            .or_else(|| {
                from_xmp("<xmp:CreateDate>", "</xmp:CreateDate>", false)
                    .map(|d| d.replace("+00:00", "Z"))
            }),
    }
}

/// The catalog's XMP metadata stream, as text.
fn xmp(doc: &Document, path: &Path) -> Option<String> {
    let catalog: &Dictionary = doc.catalog().ok()?;
    let (_, metadata) = doc.dereference(catalog.get(b"Metadata").ok()?).ok()?;
    let stream = metadata.as_stream().ok()?;
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    Some(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| panic!("{}: XMP metadata is not UTF-8: {e}", path.display())),
    )
}

fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// `D:YYYYMMDDHHmmSSOHH'mm'` (PDF 32000-1, 7.9.4; the parts after the year are optional) as
/// RFC 3339.
fn pdf_date(d: &str) -> Option<String> {
    let d = d.strip_prefix("D:").unwrap_or(d);
    let digits = d.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 || digits % 2 != 0 || digits > 14 {
        return None;
    }
    let (num, zone) = d.split_at(digits);
    let part = |i: usize, default: &str| num.get(i..i + 2).unwrap_or(default).to_string();
    let date = format!(
        "{}-{}-{}T{}:{}:{}",
        &num[..4],
        part(4, "01"),
        part(6, "01"),
        part(8, "00"),
        part(10, "00"),
        part(12, "00")
    );
    let offset = match zone.strip_prefix('Z').unwrap_or(zone) {
        "" => "Z".to_string(),
        z => {
            let (sign, rest) = z.split_at(1);
            let hhmm: String = rest.chars().filter(|c| *c != '\'').collect();
            if !(sign == "+" || sign == "-") || !hhmm.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            match hhmm.as_str() {
                "" | "00" | "0000" => "Z".to_string(),
                _ if hhmm.len() == 2 => format!("{sign}{hhmm}:00"),
                _ if hhmm.len() == 4 => format!("{sign}{}:{}", &hhmm[..2], &hhmm[2..]),
                _ => return None,
            }
        }
    };
    Some(format!("{date}{offset}"))
}

#[track_caller]
fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[track_caller]
fn load(path: &Path) -> Document {
    let bytes = read(path);
    match std::panic::catch_unwind(|| Document::load_mem(&bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => panic!("{} is not a PDF lopdf can read: {e}", path.display()),
        Err(panic) => panic!(
            "lopdf panicked reading {}: {}",
            path.display(),
            panic_message(&*panic)
        ),
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

#[test]
fn pdf_dates_read_as_rfc_3339() {
    assert_eq!(
        pdf_date("D:20261122000000Z").as_deref(),
        Some("2026-11-22T00:00:00Z")
    );
    assert_eq!(
        pdf_date("D:20261122000000+00'00'").as_deref(),
        Some("2026-11-22T00:00:00Z")
    );
    assert_eq!(
        pdf_date("D:20261122080000+08'00'").as_deref(),
        Some("2026-11-22T08:00:00+08:00")
    );
    assert_eq!(pdf_date("D:2026").as_deref(), Some("2026-01-01T00:00:00Z"));
    assert_eq!(pdf_date("yesterday"), None);
}
