//! The fonts a briefing needs: which characters the bundled fonts have, and whether a text
//! needs installed fonts too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use anyhow::{bail, Context as _, Result};

use crate::error::hinted;

/// The characters a set of fonts can draw.
#[derive(Default)]
pub struct Coverage {
    /// The parsed faces; their bytes live as long as the process (one set per font directory).
    faces: Vec<ttf_parser::Face<'static>>,
    pub families: BTreeSet<String>,
}

impl std::fmt::Debug for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coverage")
            .field("faces", &self.faces.len())
            .field("families", &self.families)
            .finish()
    }
}

impl Coverage {
    /// Reads every font in `dir` (cached per directory for the process).
    pub fn of(dir: &Path) -> Result<std::sync::Arc<Coverage>> {
        Coverage::cached(&[dir.to_path_buf()], true)
    }

    /// What the fonts installed on this machine cover, in the directories typst searches.
    pub fn system() -> Result<std::sync::Arc<Coverage>> {
        let mut dirs = vec![
            PathBuf::from("/usr/share/fonts"),
            PathBuf::from("/usr/local/share/fonts"),
            PathBuf::from("/Library/Fonts"),
            PathBuf::from("/System/Library/Fonts"),
        ];
        if let Some(home) = dirs::home_dir() {
            dirs.push(home.join(".local/share/fonts"));
            dirs.push(home.join(".fonts"));
            dirs.push(home.join("Library/Fonts"));
        }
        if let Some(windir) = std::env::var_os("WINDIR") {
            dirs.push(PathBuf::from(windir).join("Fonts"));
        }
        dirs.retain(|d| d.is_dir());
        Coverage::cached(&dirs, false)
    }

    fn cached(dirs: &[PathBuf], required: bool) -> Result<std::sync::Arc<Coverage>> {
        type Cache = Mutex<Vec<(Vec<PathBuf>, std::sync::Arc<Coverage>)>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, c)) = cache.iter().find(|(d, _)| d == dirs) {
            return Ok(c.clone());
        }
        let mut cov = Coverage::default();
        let mut files = Vec::new();
        for dir in dirs {
            if required {
                std::fs::read_dir(dir)
                    .with_context(|| format!("cannot read the font directory {}", dir.display()))?;
            }
            font_files(dir, 0, &mut files);
        }
        for path in files {
            // Mapped, not read: only the tables a lookup touches are paged in.
            let Ok(file) = std::fs::File::open(&path) else {
                continue;
            };
            // SAFETY: font files are not modified while brief runs; a font changed underneath
            // would at worst give a wrong coverage answer, which typst's own run would show.
            let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else {
                continue;
            };
            let data: &'static [u8] = Box::leak(Box::new(map));
            let n = ttf_parser::fonts_in_collection(data).unwrap_or(1);
            for i in 0..n {
                let face = match ttf_parser::Face::parse(data, i) {
                    Ok(face) => face,
                    Err(e) if required => {
                        bail!("{} is not a usable font: {e}", path.display())
                    }
                    Err(_) => continue,
                };
                // A file cut short keeps its header and table list but loses the tables that
                // lay past its new end: typst then sets another face in its place, silently.
                if required && !whole(data, i) {
                    return Err(hinted(
                        format!(
                            "{} is not a whole font: a table it lists lies past its end",
                            path.display()
                        ),
                        "copy the font file again (fonts/ holds the subsets fonts/subset.sh makes)",
                    ));
                }
                for name in face.names() {
                    if name.name_id == ttf_parser::name_id::FAMILY && name.is_unicode() {
                        if let Some(s) = name.to_string() {
                            cov.families.insert(s);
                        }
                    }
                }
                cov.faces.push(face);
            }
        }
        if required && cov.faces.is_empty() {
            bail!(
                "no fonts found in {}",
                dirs.first()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default()
            );
        }
        let cov = std::sync::Arc::new(cov);
        cache.push((dirs.to_vec(), cov.clone()));
        Ok(cov)
    }

    pub fn has(&self, c: char) -> bool {
        self.faces.iter().any(|f| f.glyph_index(c).is_some())
    }

    /// The characters of `text` that none of the fonts has.
    pub fn missing(&self, text: &str) -> BTreeSet<char> {
        let wanted: BTreeSet<char> = text
            .chars()
            .filter(|c| !c.is_control() && !c.is_ascii())
            .filter(|c| !matches!(*c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'))
            .collect();
        wanted.into_iter().filter(|c| !self.has(*c)).collect()
    }
}

/// Whether every table face `index` of `data` lists lies inside `data`.
fn whole(data: &[u8], index: u32) -> bool {
    let Ok(raw) = ttf_parser::RawFace::parse(data, index) else {
        return false;
    };
    raw.table_records.into_iter().all(|r| {
        usize::try_from(u64::from(r.offset) + u64::from(r.length))
            .is_ok_and(|end| end <= data.len())
    })
}

/// Font files below `dir`, a few levels deep.
pub(crate) fn font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() && depth < 4 {
            font_files(&path, depth + 1, out);
        } else {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            // A FIFO or device named like a font would block or never end when mapped.
            let regular = std::fs::metadata(&path).is_ok_and(|m| m.is_file());
            if regular && matches!(ext.as_str(), "otf" | "ttf" | "ttc" | "otc") {
                out.push(path);
            }
        }
    }
}

/// How many characters a message lists before it says how many more there are.
const LISTED: usize = 20;

/// Lists characters as `𠮷 (U+20BB7), 𡈽 (U+2123D)`; a control or invisible character by its
/// code point alone, and after [`LISTED`] characters only how many more there are.
pub fn describe_chars(chars: &BTreeSet<char>) -> String {
    let mut list: Vec<String> = chars
        .iter()
        .take(LISTED)
        .map(|&c| {
            if c.is_control() || crate::facts::is_invisible(c) {
                format!("U+{:04X}", c as u32)
            } else {
                format!("{c} (U+{:04X})", c as u32)
            }
        })
        .collect();
    if chars.len() > LISTED {
        list.push(format!("and {} more", chars.len() - LISTED));
    }
    list.join(", ")
}

/// Which fonts a briefing's text needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontNeeds {
    /// The bundled fonts have every character: typst runs with `--ignore-system-fonts`.
    Bundled,
    /// Some characters only installed fonts have; the PDF then depends on this machine.
    Installed { warning: String },
}

/// Whether `source` needs installed fonts (with a warning saying so), or an error naming the
/// characters no font has.
pub fn needs(source: &str, font_dir: &Path) -> Result<FontNeeds> {
    let coverage = Coverage::of(font_dir)?;
    let missing = coverage.missing(source);
    if missing.is_empty() {
        return Ok(FontNeeds::Bundled);
    }
    let system = Coverage::system()?;
    let nowhere: BTreeSet<char> = missing
        .iter()
        .copied()
        .filter(|c| !system.has(*c))
        .collect();
    if !nowhere.is_empty() {
        return Err(hinted(
            format!("no font has {}", describe_chars(&nowhere)),
            "add a font that has them to fonts/ (fonts/subset.sh adds the characters of data/ to the bundled subsets), or remove them from the fact base",
        ));
    }
    Ok(FontNeeds::Installed {
        warning: format!(
            "the bundled fonts lack {}; typst takes them from installed fonts, so this PDF depends on this machine's fonts",
            describe_chars(&missing)
        ),
    })
}
