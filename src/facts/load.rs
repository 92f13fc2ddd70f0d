//! Reading the fact base from disk: file types, sizes, encodings and YAML syntax, each problem
//! located.

use std::collections::{BTreeSet, HashMap};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::check::{self, Checker};
use super::positions::PosIndex;
use super::vocab::{self, VocabularyFile};
use super::{Diagnostic, FactBase, Region, Severity, Source, Vocabulary};

/// Larger fact files are refused: a hand-edited region is a few hundred lines.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

fn whole_file(path: &Path, message: String, hint: Option<&str>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
        hint: hint.map(str::to_string),
    }
}

/// Reads a fact file as UTF-8 text. Refused: a link that leads out of the fact base (its text
/// would reach error messages), anything but a regular file (a FIFO would block, a device
/// never end), more than [`MAX_FILE_BYTES`] (read no further than that), and text that is not
/// UTF-8. A byte-order mark is dropped.
pub fn read_text(path: &Path, root: &Path) -> Result<String, Diagnostic> {
    let at = |message: String, hint: Option<&str>| whole_file(path, message, hint);
    let real = std::fs::canonicalize(path).map_err(|e| at(format!("cannot read: {e}"), None))?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !real.starts_with(&root) {
        return Err(at(
            "a link that leads out of the fact base directory".into(),
            Some("copy the file into the fact base instead of linking to it"),
        ));
    }
    let meta = std::fs::metadata(&real).map_err(|e| at(format!("cannot read: {e}"), None))?;
    if !meta.is_file() {
        return Err(at(
            "not a regular file".into(),
            Some("a fact file is a plain YAML file; remove the device, FIFO or socket"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(path, meta.len()));
    }
    let file = open_regular(&real).map_err(|e| at(format!("cannot read: {e}"), None))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| at(format!("cannot read: {e}"), None))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(path, bytes.len() as u64));
    }
    let bytes = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(good);
            let line = text.matches('\n').count() + 1;
            let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(Diagnostic {
                line,
                column,
                ..at(
                    "file is not valid UTF-8".into(),
                    Some("save the file as UTF-8 (not GBK or GB 2312)"),
                )
            })
        }
    }
}

fn too_big(path: &Path, len: u64) -> Diagnostic {
    whole_file(
        path,
        format!("file is {len} bytes or more, more than the {MAX_FILE_BYTES} a fact file may have"),
        Some("split the region's facts or remove what is not a fact"),
    )
}

/// Opens a file that was a regular file a moment ago without blocking, should it have been
/// swapped for a FIFO since, and checks again what was opened.
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    Ok(file)
}

/// Parses YAML text into `T`, turning serde_yaml's error into a located diagnostic.
pub(super) fn parse_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, Diagnostic> {
    if text
        .trim()
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostic {
            severity: Severity::Error,
            file: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "file is empty".into(),
            hint: Some("a region file needs at least id, name, short and level".into()),
        });
    }
    if let Some((line, column)) = text.lines().enumerate().find_map(|(i, l)| {
        let indent: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        indent.find('\t').map(|c| (i + 1, c + 1))
    }) {
        return Err(Diagnostic {
            severity: Severity::Error,
            file: path.to_path_buf(),
            line,
            column,
            message: "a tab is used for indentation".into(),
            hint: Some("YAML indents with spaces only; replace the tab with spaces".into()),
        });
    }
    if let Some((line, column)) = too_deep(text) {
        return Err(Diagnostic {
            severity: Severity::Error,
            file: path.to_path_buf(),
            line,
            column,
            message: format!("brackets nest deeper than {MAX_FLOW_DEPTH} levels"),
            hint: Some("a fact file needs only a few levels; check for unclosed [ or {".into()),
        });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (mut line, mut column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let message = e.to_string();
        // serde_yaml appends " at line L column C"; the location is already in front.
        let message = message
            .strip_suffix(&format!(" at line {line} column {column}"))
            .map(str::to_string)
            .unwrap_or(message);
        // serde_yaml places a repeated key at its mapping; the repetition is what to fix.
        if let Some(at) = repeated_key(&message).and_then(|k| PosIndex::build(text).repeated(k)) {
            (line, column) = at;
        }
        // A rule of the model (a figure's digits) gives its own hint after `; hint: `.
        let (message, hint) = match message.split_once("; hint: ") {
            Some((m, h)) => (m.to_string(), Some(h.to_string())),
            None => (message.clone(), yaml_hint(&message)),
        };
        Diagnostic {
            severity: Severity::Error,
            file: path.to_path_buf(),
            line,
            column,
            hint,
            message: cut_quotes(&message),
        }
    })
}

/// The key a "duplicate field `x`" or "duplicate entry with key \"x\"" message names.
fn repeated_key(message: &str) -> Option<&str> {
    let rest = message
        .split_once("duplicate field `")
        .map(|(_, r)| (r, '`'))
        .or_else(|| {
            message
                .split_once("duplicate entry with key \"")
                .map(|(_, r)| (r, '"'))
        })?;
    rest.0.split(rest.1).next()
}

/// serde_yaml quotes the value it could not use; a long one is cut and its control
/// characters escaped, so that a message never replays a whole line of a file.
pub fn cut_quotes(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..=start]);
        rest = &rest[start + 1..];
        match rest.find('"') {
            Some(end) => {
                out.push_str(&check::shown(&rest[..end]));
                out.push('"');
                rest = &rest[end + 1..];
            }
            None => {
                out.push_str(&check::shown(rest));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused before parsing.
const MAX_FLOW_DEPTH: usize = 64;

/// Where flow nesting first exceeds [`MAX_FLOW_DEPTH`], skipping quoted text and comments.
/// The YAML parser itself is slow on pathological nesting; this scan is linear.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"') => quote = Some('"'),
                (None, '\'')
                    if prev == ' ' || prev == '[' || prev == '{' || prev == ',' || prev == ':' =>
                {
                    quote = Some('\'')
                }
                (None, '#') if prev == ' ' || col == 0 => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((i + 1, col + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            prev = c;
        }
    }
    None
}

fn yaml_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling; docs/data-format.md lists every field".into())
    } else if message.contains("unknown variant") {
        Some("use one of the values the message lists".into())
    } else if message.contains("missing field") {
        Some("add the field; docs/data-format.md says what it holds".into())
    } else if message.contains("expected a boolean") {
        Some("write true or false".into())
    } else if message.contains("invalid type: string") {
        Some("write numbers without quotes: `value: 142`, not `value: \"142\"`".into())
    } else if message.contains("duplicate") {
        Some("a key may appear once in a mapping; remove one of them".into())
    } else if message.contains("end of stream") {
        Some("a quote or bracket is probably not closed".into())
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        Some("the file nests or repeats far more than a fact file can need".into())
    } else {
        None
    }
}

/// The vocabulary of `dir`, or the built-in one when the fact base has none.
/// The vocabulary of `dir` and the text it was read from, or the built-in one when the fact
/// base has none (or a broken one, reported in `problems`).
fn load_vocabulary(dir: &Path, problems: &mut Vec<Diagnostic>) -> (Vocabulary, String) {
    let path = dir.join(vocab::FILE);
    let builtin = || (Vocabulary::builtin(), vocab::BUILTIN.to_string());
    if std::fs::symlink_metadata(&path).is_err() {
        return builtin();
    }
    let parsed = read_text(&path, dir).and_then(|text| {
        let file = parse_yaml::<VocabularyFile>(&path, &text)?;
        let pos = PosIndex::build(&text);
        Ok((file, pos, text))
    });
    let (file, pos, text) = match parsed {
        Ok(x) => x,
        Err(d) => {
            problems.push(d);
            return builtin();
        }
    };
    let mut c = Checker {
        file: &path,
        pos: &pos,
        problems,
    };
    c.raw();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (measure, units) in &file.units {
        for (i, u) in units.iter().enumerate() {
            let at = ["units", measure.as_str(), &i.to_string()].map(String::from);
            let at: Vec<&str> = at.iter().map(String::as_str).collect();
            c.text(&at, u);
            if u.trim().is_empty()
                || u.chars()
                    .any(|ch| ch.is_ascii_digit() || ch.is_whitespace())
            {
                c.error(
                    &at,
                    format!("unit `{}` is not a unit", check::shown(u)),
                    Some("a unit is a word such as 亿元 or 台, without digits or spaces".into()),
                );
            }
            if let Some(other) = seen.insert(u, measure) {
                c.error(
                    &at,
                    format!(
                        "unit `{}` is listed under both {} and {}",
                        check::shown(u),
                        check::shown(other),
                        check::shown(measure)
                    ),
                    Some("a unit measures one thing; keep it under one measure".into()),
                );
            }
        }
    }
    let mut words: HashMap<&str, ()> = HashMap::new();
    for (place, list) in &file.qualifiers {
        for (i, w) in list.iter().enumerate() {
            let place = format!("{place:?}").to_lowercase();
            let at = ["qualifiers".to_string(), place, i.to_string()];
            let at: Vec<&str> = at.iter().map(String::as_str).collect();
            c.text(&at, w);
            if w.trim().is_empty()
                || w.chars()
                    .any(|ch| ch.is_ascii_digit() || ch.is_whitespace())
            {
                c.error(
                    &at,
                    format!("qualifier `{}` is not a word", check::shown(w)),
                    None,
                );
            }
            if words.insert(w, ()).is_some() {
                c.error(
                    &at,
                    format!("qualifier `{}` is listed twice", check::shown(w)),
                    Some("a qualifier has one place".into()),
                );
            }
        }
    }
    for (key, list) in &file.subjects {
        for (i, w) in list.iter().enumerate() {
            let at = ["subjects".to_string(), key.clone(), i.to_string()];
            let at: Vec<&str> = at.iter().map(String::as_str).collect();
            c.text(&at, w);
            if w.trim().chars().count() < 2 {
                c.error(
                    &at,
                    format!(
                        "subject `{}` of key {} is too short to be found",
                        check::shown(w),
                        check::shown(key)
                    ),
                    Some(
                        "a subject is a word an article uses for the fact, such as 地区生产总值"
                            .into(),
                    ),
                );
            }
        }
    }
    (Vocabulary::from_file(&file), text)
}

/// The articles of `dir/sources.yaml`, each checked; their text joins `shared`, which every
/// briefing reads.
fn load_sources(
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
    shared: &mut Vec<Vec<u8>>,
) -> Vec<Source> {
    let sources_path = dir.join("sources.yaml");
    let mut sources: Vec<Source> = Vec::new();
    match read_text(&sources_path, dir).and_then(|t| {
        let parsed = parse_yaml::<Vec<Source>>(&sources_path, &t)?;
        Ok((parsed, t))
    }) {
        Ok((list, text)) => {
            sources = list;
            shared.push(text.clone().into_bytes());
            let pos = PosIndex::build(&text);
            let mut c = Checker {
                file: &sources_path,
                pos: &pos,
                problems,
            };
            c.raw();
            let mut seen = HashMap::new();
            for (i, s) in sources.iter().enumerate() {
                let (line, _) = pos.get(&[&i.to_string(), "id"]);
                if let Some(first) = seen.insert(s.id.clone(), line) {
                    c.error(
                        &[&i.to_string(), "id"],
                        format!(
                            "source `{}` is listed twice (first at line {first})",
                            check::shown(&s.id)
                        ),
                        Some("give each article its own id".into()),
                    );
                }
                check::source(&mut c, i, s);
            }
        }
        Err(d) => problems.push(d),
    }
    sources
}

/// The region files of `regions_dir` a load reads: its entries named `*.yaml` or `*.yml`,
/// sorted.
fn region_files(regions_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(regions_dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    entries.sort();
    Ok(entries)
}

/// A SHA-256 of every file a load of `dir` reads — the vocabulary, phrases, office and
/// sources files (or that one is absent) and each region file, by name and content — for a
/// cache of what was made from a fact base that loaded without an error. `None` where the
/// answer could not stand for the load: a file that is a link, a directory, a FIFO or larger
/// than a fact file may be, a regions directory that is a link or cannot be read. Files are
/// read as [`read_text`] reads them (never through a link, never blocking on a FIFO).
pub fn files_digest(dir: &Path) -> Option<String> {
    use sha2::Digest as _;
    fn add(h: &mut sha2::Sha256, path: &Path, name: &[u8]) -> Option<()> {
        use sha2::Digest as _;
        h.update((name.len() as u64).to_le_bytes());
        h.update(name);
        let meta = match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                h.update(b"-");
                return Some(());
            }
            Err(_) => return None,
            Ok(m) => m,
        };
        if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
            return None;
        }
        let bytes = crate::input::read(path, MAX_FILE_BYTES, crate::input::Links::Refuse).ok()?;
        h.update(b"+");
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
        Some(())
    }
    if !std::fs::metadata(dir).ok()?.is_dir() {
        return None;
    }
    let mut h = sha2::Sha256::new();
    for name in [
        vocab::FILE,
        super::phrases::FILE,
        super::office::FILE,
        "sources.yaml",
    ] {
        add(&mut h, &dir.join(name), name.as_bytes())?;
    }
    let regions_dir = dir.join("regions");
    if !std::fs::symlink_metadata(&regions_dir).ok()?.is_dir() {
        return None;
    }
    let files = region_files(&regions_dir).ok()?;
    h.update((files.len() as u64).to_le_bytes());
    for path in &files {
        let name = path.file_name()?.as_encoded_bytes();
        add(&mut h, path, name)?;
    }
    Some(super::hex(&h.finalize()))
}

/// Loads what can be loaded and returns every problem found (warnings too).
pub fn load_unchecked(dir: &Path) -> (Option<FactBase>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    if !dir.is_dir() {
        problems.push(Diagnostic {
            severity: Severity::Error,
            file: dir.to_path_buf(),
            line: 0,
            column: 0,
            message: "fact base directory not found".into(),
            hint: Some(
                "run brief from the project directory, or pass --data DIR (or set BRIEF_DATA)"
                    .into(),
            ),
        });
        return (None, problems);
    }
    // The phrases and the office's settings, which no check of the other files reads, on a
    // thread of their own while the rest loads.
    std::thread::scope(|scope| {
        let side = scope.spawn(|| {
            let mut found = Vec::new();
            let phrases = super::phrases::load(dir, &mut found);
            let office = super::office::load(dir, &mut found);
            (phrases, office, found)
        });
        let (vocab, vocab_text) = load_vocabulary(dir, &mut problems);
        let mut sources_text = Vec::new();
        let sources = load_sources(dir, &mut problems, &mut sources_text);
        let regions = load_regions(dir, &vocab, &vocab_text, &sources, &mut problems);
        let ((phrases, phrases_text), (office, office_text), found) = match side.join() {
            Ok(x) => x,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        problems.extend(found);
        let mut shared = vec![
            vocab_text.into_bytes(),
            phrases_text.into_bytes(),
            office_text.into_bytes(),
        ];
        shared.extend(sources_text);
        problems.sort();
        problems.dedup();
        let mut vocab = vocab;
        vocab.grouping = office.grouping;
        let base = FactBase {
            dir: dir.to_path_buf(),
            office,
            vocab,
            phrases,
            sources,
            regions,
            digest: super::digest(shared.iter().map(Vec::as_slice)),
        };
        (Some(base), problems)
    })
}

/// The region files of `dir`, each read, parsed and checked, and what spans them checked.
fn load_regions(
    dir: &Path,
    vocab: &Vocabulary,
    vocab_text: &str,
    sources: &[Source],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Region> {
    let regions_dir = dir.join("regions");

    let entries: Vec<PathBuf> = match region_files(&regions_dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Diagnostic {
                severity: Severity::Error,
                file: regions_dir.clone(),
                line: 0,
                column: 0,
                message: format!("cannot read the regions directory: {e}"),
                hint: Some("region files live in DATA/regions/<id>.yaml".into()),
            });
            Vec::new()
        }
    };

    let source_ids: BTreeSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let mut regions = Vec::new();
    let mut positions = Vec::new();
    // Each file is read, parsed and checked on every core (or taken as it was parsed and
    // checked, if its text is that of the last time: `kept`); its positions are worked out
    // only when a problem needs one.
    let shelf = super::kept::Shelf::new(vocab_text, &source_ids);
    type Checked = Result<(Region, PosIndex, Vec<Diagnostic>), Diagnostic>;
    let parse = |path: &PathBuf| -> Checked {
        let text = read_text(path, dir)?;
        let digest = super::digest([text.as_bytes()]);
        let pos = PosIndex::build(&text);
        if let Some((region, found)) = shelf.as_ref().and_then(|s| s.get(path, &digest)) {
            return Ok((region, pos, found));
        }
        let mut region = parse_yaml::<Region>(path, &text)?;
        region.file = path.clone();
        region.digest = digest;
        let mut found = Vec::new();
        let mut c = Checker {
            file: &region.file,
            pos: &pos,
            problems: &mut found,
        };
        check::region(&mut c, vocab, &region, &source_ids, &text);
        if let Some(shelf) = &shelf {
            shelf.put(path, &region.digest, &region, &found);
        }
        Ok((region, pos, found))
    };
    for result in crate::par::map(&entries, crate::par::threads(), parse) {
        match result {
            Ok((region, pos, found)) => {
                problems.extend(found);
                regions.push(region);
                positions.push(pos);
            }
            Err(d) => problems.push(d),
        }
    }
    check::graph(problems, &regions, &positions);
    regions
}
