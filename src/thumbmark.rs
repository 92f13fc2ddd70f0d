//! Which PDF a thumbnail shows: each thumbnail brief makes carries the SHA-256 of the PDF it
//! was made from, in a PNG text chunk (`tEXt`, keyword `brief-pdf-sha256`). The catalogue shows
//! a thumbnail only beside the PDF it was made from, so a thumbnail that could not be replaced
//! (another user's file in a shared folder, an immutable file, a link) is never shown beside a
//! rebuilt PDF, and a build makes it again once it can.

use std::path::Path;

use crate::input::{self, Links};

/// The keyword of the text chunk.
const KEYWORD: &[u8] = b"brief-pdf-sha256";

/// The largest thumbnail read back (one is some tens of kilobytes).
const MAX_THUMB: u64 = 8 << 20;

/// `png` with a text chunk naming the PDF (its SHA-256, hex) it shows, before its `IEND`.
/// Anything that is not a PNG ending in `IEND` comes back unchanged.
pub fn mark(png: &[u8], pdf_sha256: &str) -> Vec<u8> {
    const IEND: usize = 12;
    if !png.starts_with(b"\x89PNG\r\n\x1a\n")
        || png.len() < 8 + IEND
        || &png[png.len() - 8..png.len() - 4] != b"IEND"
    {
        return png.to_vec();
    }
    let mut data = KEYWORD.to_vec();
    data.push(0);
    data.extend_from_slice(pdf_sha256.as_bytes());
    let mut chunk = Vec::with_capacity(data.len() + 12);
    chunk.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let typed: Vec<u8> = b"tEXt".iter().chain(&data).copied().collect();
    chunk.extend_from_slice(&typed);
    chunk.extend_from_slice(&crc32(&typed).to_be_bytes());
    let at = png.len() - IEND;
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..at]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[at..]);
    out
}

/// The SHA-256 a thumbnail says it shows, if it says one.
pub fn marked(png: &[u8]) -> Option<&str> {
    let mut at = 8;
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().ok()?) as usize;
        let kind = &png[at + 4..at + 8];
        let data = png.get(at + 8..at.checked_add(8)?.checked_add(len)?)?;
        if kind == b"tEXt" {
            if let Some(sha) = data
                .strip_prefix(KEYWORD)
                .and_then(|d| d.strip_prefix(b"\0"))
            {
                return std::str::from_utf8(sha).ok();
            }
        }
        if kind == b"IEND" {
            return None;
        }
        at += 12 + len;
    }
    None
}

/// Whether the thumbnail at `path` is a regular file (not a link) made from the PDF whose
/// SHA-256 is `pdf_sha256`.
pub fn shows(path: &Path, pdf_sha256: &str) -> bool {
    input::read(path, MAX_THUMB, Links::Refuse)
        .is_ok_and(|png| !pdf_sha256.is_empty() && marked(&png) == Some(pdf_sha256))
}

/// The CRC-32 of PNG chunks (ISO 3309, reflected, polynomial 0xEDB88320).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_a_known_chunk() {
        // The CRC of an empty IEND chunk, as every PNG ends.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn a_mark_is_read_back_and_anything_else_is_unmarked() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\0IEND\xae\x42\x60\x82";
        let marked_png = mark(png, "abc123");
        assert_eq!(marked(&marked_png), Some("abc123"));
        assert_eq!(marked(png), None);
        assert_eq!(marked(b"\x89PNG\r\n\x1a\n\xff\xff\xff\xffzzzz"), None);
        assert_eq!(mark(b"not a png", "x"), b"not a png");
    }
}
