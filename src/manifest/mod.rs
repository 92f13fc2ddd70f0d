//! The build manifest: what `brief build` records of each briefing (`manifest.json`), the
//! shard a region belongs to, and the parts a sharded build writes (`manifest.K-of-N.json`),
//! which [`merge`] joins.

pub mod merge;

use std::path::Path;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::error::hinted;
use crate::facts::Audience;
use crate::input::{self, Links};
use crate::say;

/// The manifest a build writes in its output directory.
pub const MANIFEST: &str = "manifest.json";
/// A manifest larger than this is not brief's.
pub const MAX_MANIFEST: u64 = 256 * 1024 * 1024;

/// What the manifest records of one briefing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub region: String,
    pub region_name: String,
    pub audience: Audience,
    /// The briefing's kind as its masthead prints it (投资环境简报); empty in a manifest
    /// written before brief recorded it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub file: String,
    pub sha256: String,
    /// The PDF's size; with the input hash it tells whether the file is still the one built.
    pub bytes: u64,
    /// The hash of the briefing's content (its source with a neutral date) and of the tools.
    pub input_hash: String,
    /// The hash of the files the briefing is rendered from (its region's, its parent's, its
    /// parts' and its siblings' files, sources.yaml, the vocabulary, the templates) and of the
    /// tools: while it is unchanged, the briefing is not even rendered.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deps_hash: String,
    /// The day the content last changed (or the forced date), YYYY-MM-DD.
    pub date: String,
    pub pages: usize,
    pub typst_version: String,
    pub brief_version: String,
    /// Where the region is, for the catalogue's grouping; refreshed from the fact base by
    /// every build (empty in a manifest written before brief recorded it).
    #[serde(default, skip_serializing_if = "Place::is_empty")]
    pub place: Place,
}

/// Where a region is: its province, the regions it belongs to (outermost first) and its own
/// level (市, 县, 区, 功能区).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<PlaceRegion>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub level: String,
}

/// The most regions above a briefing's region its place lists (a province's cities, their
/// districts and zones are three); a manifest part that lists more was not written by brief.
pub const MAX_PARENTS: usize = 16;

/// A region a briefing's region belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceRegion {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub level: String,
}

impl Place {
    pub fn is_empty(&self) -> bool {
        self == &Place::default()
    }

    /// Where `region` of `base` is; a chain of parents that loops (which `brief check`
    /// refuses) is cut.
    pub fn of(base: &crate::facts::FactBase, region: &crate::facts::Region) -> Place {
        let mut parents = Vec::new();
        let mut at = region;
        while let Some(p) = at.parent.as_deref().and_then(|p| base.region(p)) {
            if parents.len() >= MAX_PARENTS || p.id == region.id {
                break;
            }
            parents.push(PlaceRegion {
                id: p.id.clone(),
                name: p.name.clone(),
                level: p.level.as_str().to_string(),
            });
            at = p;
        }
        parents.reverse();
        Place {
            province: at.province.clone(),
            parents,
            level: region.level.as_str().to_string(),
        }
    }
}

impl Entry {
    /// The file a briefing of `region` for `audience` is written to.
    pub fn file_of(region: &str, audience: Audience) -> String {
        format!("{region}-{audience}.pdf")
    }

    /// Whether the entry names its own briefing's file: a plain region id and the file name
    /// brief gives it, nothing that leads elsewhere (`../x`, `/etc/passwd`, `//host/x.pdf`).
    pub fn is_own(&self) -> bool {
        let id = &self.region;
        let plain = !id.is_empty()
            && id.len() <= 64
            && !id.starts_with('-')
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        plain && self.file == Entry::file_of(id, self.audience)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub briefings: Vec<Entry>,
    /// In a part written by `brief build --shard K/N`: K and N.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<Shard>,
}

impl Manifest {
    /// The manifest as written: pretty JSON and a final newline.
    pub fn to_json(&self) -> Result<String> {
        Ok(format!("{}\n", serde_json::to_string_pretty(self)?))
    }

    /// The manifest at `path`, if there is a usable one. A link, a FIFO or a device there is an
    /// error (it would be written through, or hang); an unreadable one means a full rebuild.
    pub fn load(path: &Path) -> Result<Manifest> {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return Ok(Manifest::default());
        };
        if !meta.is_file() {
            return Err(hinted(
                format!("{} is not a regular file", path.display()),
                "brief build keeps its manifest as a plain file; remove what is there",
            ));
        }
        let read = input::read_text(path, MAX_MANIFEST, Links::Refuse)
            .map_err(anyhow::Error::from)
            .and_then(|text| serde_json::from_str(&text).map_err(json_error));
        match read {
            Ok(m) => Ok(m),
            Err(e) => {
                say!(
                    "warning: ignoring {} ({e}); every briefing will be rebuilt",
                    path.display()
                );
                Ok(Manifest::default())
            }
        }
    }
}

/// serde_json's error, with the values it quotes cut short and escaped: a part holds up to
/// 256 MiB, and a message never replays it.
pub(crate) fn json_error(e: serde_json::Error) -> anyhow::Error {
    anyhow::anyhow!(crate::facts::cut_quotes(&e.to_string()))
}

/// The most shards a build may be split into: far more than machines anyone runs, few enough
/// that a list of them is small.
pub const MAX_SHARDS: u32 = 10_000;

/// `--shard K/N`, and what a manifest part says of itself: the K-th of N shares of the
/// regions, K from 0 to N-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not K/N, e.g. 0/4"))?;
        let index: u32 = k
            .trim()
            .parse()
            .map_err(|_| format!("`{k}` is not a number"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` is not a number"))?;
        Shard { index, count }.checked().ok_or_else(|| {
            if count > MAX_SHARDS {
                format!("N is at most {MAX_SHARDS}; got {s}")
            } else {
                format!(
                    "K must be from 0 to N-1 (shards are numbered from 0, like JOB_COMPLETION_INDEX); got {s}"
                )
            }
        })
    }
}

impl Shard {
    /// The shard, if it is one a build can have: N from 1 to [`MAX_SHARDS`], K below N.
    pub fn checked(self) -> Option<Shard> {
        (self.count >= 1 && self.count <= MAX_SHARDS && self.index < self.count).then_some(self)
    }

    /// Whether the region belongs to this shard.
    pub fn holds(&self, region_id: &str) -> bool {
        shard_of(region_id, self.count) == self.index
    }

    /// `manifest.K-of-N.json`, the manifest part of this shard.
    pub fn part_file(&self) -> String {
        format!("manifest.{}-of-{}.json", self.index, self.count)
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

/// The number of pages of a PDF typst wrote (its page objects are not compressed).
pub fn count_pages(pdf: &[u8]) -> usize {
    let mut n = 0;
    for pat in [&b"/Type/Page"[..], &b"/Type /Page"[..]] {
        n += pdf
            .windows(pat.len() + 1)
            .filter(|w| &w[..pat.len()] == pat && !w[pat.len()].is_ascii_alphanumeric())
            .count();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pages_not_the_page_tree() {
        let pdf = b"<</Type/Pages/Count 2>> <</Type/Page/Parent 1 0 R>> <</Type /Page >>";
        assert_eq!(count_pages(pdf), 2);
    }

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
        assert!("0/10001".parse::<Shard>().is_err());
        assert!("0/10000".parse::<Shard>().is_ok());
        assert!("3/3".parse::<Shard>().is_err());
        assert!("0/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }
}
