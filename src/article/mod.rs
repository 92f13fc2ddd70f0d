//! Reading an article: its paragraphs, sentences and clauses, Arabic and Chinese numerals, the
//! figure phrases they stand in (`约142亿元`, `3000余亩`, `三成以上`, `全省第二`), and the
//! tables of a statistical bulletin.
//!
//! Every unit and qualifier comes from the fact base's vocabulary, so that a unit a user adds
//! is read like every other. What is hard-coded here is Chinese grammar: numerals, the words
//! of growth (增长, 下降), of time (今年, 上半年) and of reaching (达). [`reading`] puts the
//! figures into clauses: what each figure is of, its change, base and year.
//!
//! This module holds the text itself (paragraphs, sentences, clauses) and reads article
//! files; [`numeral`] reads numbers, [`figure`] the figure phrases around them, [`period`]
//! the years, and `tables` writes a bulletin's tables out as sentences.

use std::path::Path;

use crate::error::hinted;

pub mod extract;
pub mod figure;
pub mod goal;
pub mod numeral;
pub mod part;
pub mod period;
mod ratio;
pub mod reading;
mod restated;
mod tables;
pub mod verify;

/// Longer article files are refused: a newspaper article is a few tens of kilobytes.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

/// A run of characters of the article, by char index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// The paragraph it belongs to.
    pub para: usize,
}

/// An article's text, normalised (full-width digits and signs made ASCII, lines broken
/// inside a sentence joined, tables written out as sentences) and divided into paragraphs,
/// sentences and clauses.
#[derive(Debug, Clone)]
pub struct Article {
    pub chars: Vec<char>,
    pub paragraphs: Vec<Span>,
    /// Up to 。！？: a time named at a sentence's head holds for all of it.
    pub sentences: Vec<Span>,
    /// The parts of a sentence between commas, semicolons and colons.
    pub clauses: Vec<Span>,
}

/// Characters that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Characters that end a clause (a sentence's part between commas and semicolons).
pub fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '\n')
}

fn normalise_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        '‰' => '‰',
        '（' => '(',
        '）' => ')',
        '\u{3000}' | '\t' | '\r' | '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => ' ',
        _ => c,
    }
}

impl Article {
    pub fn parse(text: &str) -> Article {
        // Lines, trimmed; blank lines dropped (they separate paragraphs and also appear inside
        // them, where the layout broke a sentence). Tables are written out as sentences.
        let raw: Vec<&str> = text.lines().collect();
        let lines: Vec<String> = tables::linearise(&raw)
            .into_iter()
            .map(|l| ratio::spell_out(&l))
            .map(|l| l.chars().map(normalise_char).collect::<String>())
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let mut chars = Vec::new();
        let mut paragraphs = Vec::new();
        let mut para_start = 0;
        for (i, line) in lines.iter().enumerate() {
            chars.extend(line.chars());
            let last = line.chars().last().unwrap_or('。');
            // A long line that stops without a sentence's end was broken by the layout: it
            // goes on in the next line. Headings and captions are short.
            let soft = line.chars().count() >= 20
                && !ends_sentence(last)
                && !matches!(last, '；' | '”' | '」' | '）' | ')' | '…' | '！')
                && i + 1 < lines.len();
            if !soft {
                paragraphs.push(Span {
                    start: para_start,
                    end: chars.len(),
                    para: paragraphs.len(),
                });
                chars.push('\n');
                para_start = chars.len();
            }
        }
        let split = |p: &Span, ends: &dyn Fn(&[char], usize) -> bool, out: &mut Vec<Span>| {
            let mut s = p.start;
            for i in p.start..p.end {
                if ends(&chars, i) {
                    out.push(Span {
                        start: s,
                        end: i + 1,
                        para: p.para,
                    });
                    s = i + 1;
                }
            }
            if s < p.end {
                out.push(Span {
                    start: s,
                    end: p.end,
                    para: p.para,
                });
            }
        };
        let mut sentences = Vec::new();
        for p in &paragraphs {
            split(p, &|cs, i| ends_sentence(cs[i]), &mut sentences);
        }
        let mut clauses = Vec::new();
        for s in &sentences {
            split(s, &clause_end, &mut clauses);
        }
        Article {
            chars,
            paragraphs,
            sentences,
            clauses,
        }
    }

    pub fn text(&self, span: Span) -> String {
        self.slice(span.start, span.end)
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        self.chars[start.min(end)..end].iter().collect()
    }

    fn span_at(spans: &[Span], at: usize) -> Span {
        let i = spans.partition_point(|s| s.end <= at);
        spans
            .get(i)
            .copied()
            .filter(|s| s.start <= at)
            .unwrap_or(Span {
                start: at,
                end: at,
                para: 0,
            })
    }

    /// The sentence holding char `at`.
    pub fn sentence_at(&self, at: usize) -> Span {
        Article::span_at(&self.sentences, at)
    }

    /// The clause holding char `at`.
    pub fn clause_at(&self, at: usize) -> Span {
        Article::span_at(&self.clauses, at)
    }

    /// Whether `word` stands at char `at`.
    pub fn has_at(&self, at: usize, word: &str) -> bool {
        (at..)
            .zip(word.chars())
            .all(|(i, c)| self.chars.get(i) == Some(&c))
    }

    /// Whether `word` ends just before char `at`.
    pub fn has_before(&self, at: usize, word: &str) -> bool {
        let n = word.chars().count();
        at >= n && self.has_at(at - n, word)
    }

    /// A short excerpt around `at`, at most `width` characters, on one line.
    pub fn excerpt(&self, at: usize, width: usize) -> String {
        let s = self.sentence_at(at);
        let half = width / 2;
        let start = at.saturating_sub(half).max(s.start);
        let end = (start + width).min(s.end.max(at));
        self.slice(start, end).replace('\n', " ")
    }
}

/// Whether char `i` ends a clause: a comma or colon between digits (22,862; 10.0:39.7) is
/// part of the figure, not the end of a clause.
fn clause_end(cs: &[char], i: usize) -> bool {
    let c = cs[i];
    if !ends_clause(c) {
        return false;
    }
    if matches!(c, ',' | ':') {
        let before = i > 0 && cs[i - 1].is_ascii_digit();
        let after = cs.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        if before && after {
            return false;
        }
    }
    true
}

/// CJK bigrams of a text, for comparing a fact's name with a clause.
/// The words of a name for matching: pairs of neighbouring characters with at least one
/// Chinese, a run of Latin letters and digits counting as one (5A级 is 5A+级: 5A级旅游景区 and
/// 4A级旅游景区 differ).
pub fn bigrams(s: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut ascii = false;
    for c in s.chars() {
        let run = c.is_ascii_alphanumeric();
        match tokens.last_mut() {
            Some(t) if run && ascii => t.push(c),
            _ => tokens.push(c.to_string()),
        }
        ascii = run;
    }
    let word = |t: &String| t.chars().all(|c| is_cjk(c) || c.is_ascii_alphanumeric());
    let cjk = |t: &String| t.chars().any(is_cjk);
    tokens
        .windows(2)
        .filter(|w| w.iter().all(word) && w.iter().any(cjk))
        .map(|w| w.concat())
        .collect()
}

pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// How many of `name`'s bigrams the text holds.
pub fn shared_bigrams(name: &str, text: &str) -> usize {
    bigrams(name)
        .iter()
        .filter(|b| text.contains(b.as_str()))
        .count()
}

/// Reads a file brief was told to read (an article named on the command line) as UTF-8
/// text, a byte-order mark dropped: a regular file of at most [`MAX_ARTICLE_BYTES`], read
/// no further than that.
pub fn read_article(path: &Path) -> anyhow::Result<String> {
    read_limited(path, path)
}

/// Reads the article a source names, in the articles directory `dir`: as [`read_article`],
/// and never through a link that leads out of `dir` (its text would reach messages).
pub fn read_article_in(dir: &Path, file: &str) -> anyhow::Result<String> {
    let path = dir.join(file);
    let real = std::fs::canonicalize(&path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !real.starts_with(&root) {
        return Err(hinted(
            format!(
                "{} is a link that leads out of the articles directory {}",
                path.display(),
                dir.display()
            ),
            "copy the article into the articles directory instead of linking to it",
        ));
    }
    read_limited(&path, &real)
}

/// Reads `real`, naming it `shown` in messages.
fn read_limited(shown: &Path, real: &Path) -> anyhow::Result<String> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| anyhow::anyhow!("cannot read {}: {e}", shown.display());
    let too_big = || {
        anyhow::anyhow!(
            "{} is larger than {} bytes; an article is a few tens of kilobytes",
            shown.display(),
            MAX_ARTICLE_BYTES
        )
    };
    let meta = std::fs::metadata(real).map_err(cannot)?;
    if !meta.is_file() {
        anyhow::bail!("{} is not a regular file", shown.display());
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(too_big());
    }
    // Opened without blocking, should it have been swapped for a FIFO since.
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(real).map_err(cannot)?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        anyhow::bail!("{} is not a regular file", shown.display());
    }
    let mut bytes = Vec::new();
    file.take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_big());
    }
    let bytes = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|_| {
        hinted(
            format!("{} is not valid UTF-8", shown.display()),
            "save the article as UTF-8 (not GBK or GB 2312)",
        )
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_extract;
#[cfg(test)]
mod tests_extract_period;
