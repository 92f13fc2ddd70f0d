//! The articles a fact base cites, each read once and put into clauses: found in the
//! articles directory by the file its source entry names, or why it cannot be read.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::article::period::Period;
use crate::article::read_article_in;
use crate::article::reading::Reading;
use crate::error::Hinted;
use crate::facts::{FactBase, Source, Vocabulary};

/// A source's article, read once.
pub struct Loaded {
    pub reading: Reading,
    pub file: String,
}

/// The articles of a fact base, each read once.
pub struct Articles<'b> {
    base: &'b FactBase,
    dir: PathBuf,
    loaded: HashMap<String, Result<Loaded, String>>,
}

impl<'b> Articles<'b> {
    pub fn new(base: &'b FactBase, dir: &Path) -> Articles<'b> {
        Articles {
            base,
            dir: dir.to_path_buf(),
            loaded: HashMap::new(),
        }
    }

    /// The source's article, or why it cannot be read (one line and a hint).
    pub fn get(&mut self, source: &Source) -> &Result<Loaded, String> {
        let (dir, vocab) = (&self.dir, &self.base.vocab);
        self.loaded
            .entry(source.id.clone())
            .or_insert_with(|| load(source, dir, vocab))
    }
}

fn load(source: &Source, dir: &Path, vocab: &Vocabulary) -> Result<Loaded, String> {
    let Some(file) = &source.file else {
        return Err(format!(
            "source {}: no article file, so its figures are not checked\n  hint: add `file: <name>.txt` to its entry in sources.yaml and put the article in {}",
            source.id,
            dir.display()
        ));
    };
    let path: PathBuf = dir.join(file);
    if std::fs::symlink_metadata(&path).is_err() {
        return Err(format!(
            "source {}: article {} not found, so its figures are not checked\n  hint: pass --articles DIR (or set BRIEF_ARTICLES) for the directory that holds {file}",
            source.id,
            path.display()
        ));
    }
    let text = read_article_in(dir, file).map_err(|e| {
        let mut msg = format!("source {}: {e}", source.id);
        if let Some(h) = e.downcast_ref::<Hinted>() {
            msg = format!("source {}: {}", source.id, h.message);
            for hint in &h.hints {
                let _ = write!(msg, "\n  hint: {hint}");
            }
        }
        msg
    })?;
    Ok(Loaded {
        reading: Reading::new(&text, vocab, Period::of(source)),
        file: file.clone(),
    })
}
