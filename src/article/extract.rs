//! `brief extract`: draft facts for every figure of an article.

use crate::facts::{FactBase, Source};

pub fn render(_base: &FactBase, _source: &Source, _region: Option<&str>, _text: &str) -> String {
    String::new()
}
