//! `brief manifest merge`: the parts of an N-shard build joined into the manifest one build
//! would have written. Parts that are not shard parts, that disagree on N or on the tools, that
//! repeat a shard or a briefing, that hold a briefing of another shard, or that leave a shard
//! out are refused, each with the reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::{shard_of, Entry, Manifest, Shard, MAX_MANIFEST, MAX_SHARDS};
use crate::error::hinted;
use crate::facts::shown;
use crate::input::{self, Links};

/// Reads the manifest part at `path` (a path the user named).
pub fn read_part(path: &Path) -> Result<(Shard, Manifest)> {
    let bytes = input::read(path, MAX_MANIFEST, Links::Follow)?;
    let text = String::from_utf8(bytes)
        .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
    let m: Manifest = serde_json::from_str(&text)
        .map_err(super::json_error)
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
    let Some(part) = part.checked() else {
        return Err(hinted(
            format!(
                "{} names shard {} of {}, which no build has (N from 1 to {MAX_SHARDS}, K below N)",
                path.display(),
                part.index,
                part.count
            ),
            "the part was not written by `brief build --shard`, or was edited",
        ));
    };
    Ok((part, m))
}

/// What the parts read so far hold.
#[derive(Default)]
struct Joined<'a> {
    count: Option<(u32, &'a Path)>,
    seen: BTreeMap<u32, &'a Path>,
    files: BTreeMap<String, (Entry, &'a Path)>,
    tools: Option<(String, String, &'a Path)>,
}

/// Joins the parts at `paths` into one manifest.
pub fn merge(paths: &[PathBuf]) -> Result<Manifest> {
    let mut joined = Joined::default();
    for path in paths {
        let (part, m) = read_part(path)?;
        joined.add(path, part, m)?;
    }
    let (n, _) = joined.count.expect("at least one part");
    let missing: Vec<u32> = (0..n).filter(|k| !joined.seen.contains_key(k)).collect();
    if !missing.is_empty() {
        let mut named: Vec<String> = missing.iter().take(20).map(u32::to_string).collect();
        if missing.len() > named.len() {
            named.push(format!("and {} more", missing.len() - named.len()));
        }
        return Err(hinted(
            format!(
                "incomplete: the parts of shard {} of {n} are missing",
                named.join(", ")
            ),
            format!("run `brief build --shard K/{n}` for each of them, then merge all {n} parts"),
        ));
    }
    Ok(Manifest {
        briefings: joined.files.into_values().map(|(e, _)| e).collect(),
        shard: None,
    })
}

impl<'a> Joined<'a> {
    fn add(&mut self, path: &'a Path, part: Shard, m: Manifest) -> Result<()> {
        match self.count {
            None => self.count = Some((part.count, path)),
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
        if let Some(other) = self.seen.insert(part.index, path) {
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
            self.add_entry(path, part, e)?;
        }
        Ok(())
    }

    fn add_entry(&mut self, path: &'a Path, part: Shard, e: Entry) -> Result<()> {
        if !e.is_own() {
            let shown: String = e
                .file
                .chars()
                .take(80)
                .flat_map(char::escape_debug)
                .collect();
            return Err(hinted(
                format!(
                    "{}: \"{shown}\" is not the file of a briefing of {} for {}",
                    path.display(),
                    e.region.chars().take(80).flat_map(char::escape_debug).collect::<String>(),
                    e.audience
                ),
                "a briefing's file is <region>-<audience>.pdf beside the manifest; the part was edited",
            ));
        }
        if e.place.parents.len() > super::MAX_PARENTS {
            return Err(hinted(
                format!(
                    "{}: the place of {} lists {} regions above it, more than the {} brief records",
                    path.display(),
                    e.file,
                    e.place.parents.len(),
                    super::MAX_PARENTS
                ),
                "the part was not written by `brief build --shard`, or was edited",
            ));
        }
        if !part.holds(&e.region) {
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
        match &self.tools {
            None => self.tools = Some((e.typst_version.clone(), e.brief_version.clone(), path)),
            Some((t, b, first)) if *t != e.typst_version || *b != e.brief_version => {
                return Err(hinted(
                    format!(
                        "inconsistent parts: {} was built with typst {} and brief {}, {} with typst {t} and brief {b}",
                        path.display(),
                        shown(&e.typst_version),
                        shown(&e.brief_version),
                        first.display(),
                        t = shown(t),
                        b = shown(b),
                    ),
                    "build every shard with the same brief and typst",
                ))
            }
            Some(_) => {}
        }
        if let Some((_, other)) = self.files.get(&e.file) {
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
        self.files.insert(e.file.clone(), (e, path));
        Ok(())
    }
}
