//! The catalogue's thumbnails: page 1 of each PDF built, and of each kept PDF that has none,
//! made in the same confined typst runs as the PDFs. A thumbnail that cannot be made or
//! written is a warning (the catalogue shows none: it shows a thumbnail only beside the PDF it
//! was made from, see [`crate::thumbmark`]), never a failure.

use std::path::PathBuf;

use super::exec::Pdf;
use super::Context;
use crate::catalogue::THUMBS;
use crate::error::{report, Interrupted};
use crate::output::{Links, Output};
use crate::typst;
use crate::{par, plural, say, signals, thumbmark};

/// `out/thumbs`, created if need be; `None` (with a warning) when it cannot be used, e.g. it
/// is a link: thumbnails are never written through one.
pub(super) fn dir(out_dir: &std::path::Path) -> Option<PathBuf> {
    let dir = out_dir.join(THUMBS);
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.is_dir() => Some(dir),
        Ok(_) => {
            say!(
                "warning: {} is not a directory; no thumbnails are made",
                dir.display()
            );
            None
        }
        Err(_) => match std::fs::create_dir(&dir) {
            Ok(()) => Some(dir),
            Err(e) => {
                say!(
                    "warning: cannot create {}: {e}; no thumbnails are made",
                    dir.display()
                );
                None
            }
        },
    }
}

/// Thumbnails of page 1 of `pdfs` into the thumbnail directory, in one typst run.
pub(super) fn make(ctx: &Context, pdfs: &[Pdf]) {
    let Some(thumbs) = ctx.thumbs.as_deref() else {
        return;
    };
    if pdfs.is_empty() || signals::interrupted() {
        return;
    }
    let names: Vec<(String, &[u8])> = pdfs
        .iter()
        .map(|(f, pdf)| (f.trim_end_matches(".pdf").to_string(), pdf.as_slice()))
        .collect();
    match typst::thumbnails(&ctx.typst, &names, &ctx.opts) {
        Ok(pngs) => {
            for ((name, pdf), png) in names.iter().zip(pngs) {
                let path = thumbs.join(format!("{name}.png"));
                // Marked with the PDF it shows: the catalogue shows it beside that PDF only, so
                // an old thumbnail that cannot be replaced is never shown beside a new PDF.
                let png = thumbmark::mark(&png, &sha256_hex(pdf));
                if let Err(e) = Output::at(&path, Links::Refuse).and_then(|o| o.write(&png)) {
                    say!(
                        "warning: thumbnail {}: {}",
                        path.display(),
                        report(&e).trim_start_matches("error: ")
                    );
                }
            }
        }
        Err(e) if e.is::<Interrupted>() => {}
        Err(e) => {
            for (name, _) in &names {
                let _ = std::fs::remove_file(thumbs.join(format!("{name}.png")));
            }
            say!(
                "warning: no thumbnails for {}: {}",
                plural(names.len(), "briefing"),
                report(&e).trim_start_matches("error: ")
            );
        }
    }
}

/// A PDF's SHA-256, in hex, as the manifest records it.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The largest kept PDF read back for its thumbnail.
const MAX_PDF: u64 = 256 << 20;

/// Thumbnails for up-to-date briefings that have none (a new thumbs/ directory, or one
/// removed): made from their PDFs, a bundle at a time.
pub(super) fn missing(ctx: &Context, files: &[String]) {
    if ctx.thumbs.is_none() || files.is_empty() {
        return;
    }
    let chunks: Vec<&[String]> = files.chunks(ctx.settings.thumbs_bundle).collect();
    par::map(&chunks, ctx.settings.jobs, |chunk| {
        let pdfs: Vec<Pdf> = chunk
            .iter()
            .filter_map(|f| {
                // Through the one reader: a regular file, never a link, a FIFO or a device
                // put in place of a kept PDF since it was planned, and of bounded size.
                let path = ctx.settings.out.join(f);
                crate::input::read(&path, MAX_PDF, crate::input::Links::Refuse)
                    .ok()
                    .map(|b| (f.clone(), b))
            })
            .collect();
        make(ctx, &pdfs);
    });
}
