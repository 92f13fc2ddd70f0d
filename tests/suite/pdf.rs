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

/// The text of each page.
#[track_caller]
pub fn page_texts(path: &Path) -> Vec<String> {
    let bytes = read(path);
    match std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(&bytes)) {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => panic!("cannot read the pages of {}: {e}", path.display()),
        Err(panic) => panic!(
            "pdf-extract panicked reading the pages of {}: {}",
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

/// The document information a reader shows. Text strings are decoded as the PDF says
/// (UTF-16BE or UTF-8 after a byte order mark, else PDFDocEncoding).
#[derive(Debug, Default, PartialEq)]
pub struct Info {
    pub title: Option<String>,
    pub author: Option<String>,
    pub keywords: Option<String>,
    /// As RFC 3339, `2026-11-22T00:00:00Z` (a zero offset is written `Z`).
    pub creation_date: Option<String>,
}

/// The document information: from the Info dictionary, each field the dictionary lacks
/// from the XMP metadata.
#[track_caller]
pub fn info(path: &Path) -> Info {
    let doc = load(path);
    let dict = info_dict(&doc, path);
    let xmp = xmp_metadata(&doc, path).map_or_else(Info::default, |x| xmp_info(&x));
    Info {
        title: dict.title.or(xmp.title),
        author: dict.author.or(xmp.author),
        keywords: dict.keywords.or(xmp.keywords),
        creation_date: dict.creation_date.or(xmp.creation_date),
    }
}

/// The document information as the XMP metadata alone gives it (all `None` without XMP).
#[track_caller]
pub fn xmp(path: &Path) -> Info {
    let doc = load(path);
    xmp_metadata(&doc, path).map_or_else(Info::default, |x| xmp_info(&x))
}

fn info_dict(doc: &Document, path: &Path) -> Info {
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
    Info {
        title: field(b"Title"),
        author: field(b"Author"),
        keywords: field(b"Keywords"),
        creation_date: field(b"CreationDate").map(|d| {
            pdf_date(&d).unwrap_or_else(|| {
                panic!("{}: CreationDate {d:?} is not a PDF date", path.display())
            })
        }),
    }
}

/// The catalog's XMP metadata stream, as text.
fn xmp_metadata(doc: &Document, path: &Path) -> Option<String> {
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

/// dc:title, dc:creator, pdf:Keywords and xmp:CreateDate of an XMP packet.
fn xmp_info(xmp: &str) -> Info {
    let element = |name: &str| -> Option<&str> {
        let open = format!("<{name}>");
        let start = xmp.find(&open)? + open.len();
        Some(&xmp[start..start + xmp[start..].find(&format!("</{name}>"))?])
    };
    // An rdf:Alt or rdf:Seq: its items, joined.
    let items = |inner: &str| -> Option<String> {
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
        title: element("dc:title").and_then(items),
        author: element("dc:creator").and_then(items),
        keywords: element("pdf:Keywords").map(|k| unescape_xml(k.trim())),
        creation_date: element("xmp:CreateDate").map(|d| {
            let d = d.trim();
            match d.strip_suffix("+00:00").or(d.strip_suffix("-00:00")) {
                Some(local) => format!("{local}Z"),
                None => d.to_string(),
            }
        }),
    }
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

#[test]
fn xmp_packets_are_read() {
    let xmp = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description rdf:about=""><dc:title><rdf:Alt><rdf:li xml:lang="x-default">芦溪县 &amp; 简报</rdf:li></rdf:Alt></dc:title><pdf:Keywords>芦溪县, 芦溪</pdf:Keywords><dc:creator><rdf:Seq><rdf:li>甲</rdf:li><rdf:li>乙</rdf:li></rdf:Seq></dc:creator><xmp:CreateDate>2026-11-22T00:00:00+00:00</xmp:CreateDate></rdf:Description></rdf:RDF></x:xmpmeta>"#;
    assert_eq!(
        xmp_info(xmp),
        Info {
            title: Some("芦溪县 & 简报".into()),
            author: Some("甲, 乙".into()),
            keywords: Some("芦溪县, 芦溪".into()),
            creation_date: Some("2026-11-22T00:00:00Z".into()),
        }
    );
    assert_eq!(xmp_info("<x:xmpmeta/>"), Info::default());
}
