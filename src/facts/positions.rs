//! Positions of YAML nodes by path, for messages about values that parsed but are wrong.
//!
//! serde_yaml locates syntax and type errors itself; a later check (an unknown source id,
//! a year out of range) only knows the path of the value, such as `facts.3.source`. This
//! index maps each path to the line and column where its value starts.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Built lazily: most fact files have no problem, and then no position is ever asked for.
#[derive(Debug, Default, Clone)]
pub struct PosIndex {
    text: String,
    map: std::sync::OnceLock<Index>,
}

/// A scalar as written: its text, whether it was plain (unquoted), and its tag if any.
#[derive(Debug, Clone)]
pub struct Scalar {
    pub path: String,
    pub text: String,
    pub plain: bool,
    pub tag: Option<String>,
}

#[derive(Debug, Default, Clone)]
struct Index {
    map: HashMap<String, (usize, usize)>,
    scalars: Vec<Scalar>,
    /// Keys written a second time in one mapping, where the second stands.
    repeated: Vec<(String, (usize, usize))>,
}

enum Frame {
    Map {
        key: Option<String>,
        seen: std::collections::HashSet<String>,
    },
    Seq {
        index: usize,
    },
}

struct Builder {
    stack: Vec<Frame>,
    path: Vec<String>,
    map: HashMap<String, (usize, usize)>,
    scalars: Vec<Scalar>,
    repeated: Vec<(String, (usize, usize))>,
}

impl Builder {
    /// Called for every node; returns true when the node is a mapping key.
    fn node(&mut self, mark: Marker, scalar: Option<&str>) -> bool {
        let at = (mark.line(), mark.col() + 1);
        match self.stack.last_mut() {
            Some(Frame::Map { key, seen }) if key.is_none() => {
                let k = scalar.unwrap_or("?").to_string();
                if !seen.insert(k.clone()) {
                    self.repeated.push((k.clone(), at));
                }
                let mut p = self.path.clone();
                p.push(k.clone());
                // A key's own position stands in for its value until the value is seen.
                self.map.entry(p.join(".")).or_insert(at);
                *key = Some(k);
                true
            }
            Some(Frame::Map { key, .. }) => {
                let k = key.clone().unwrap_or_default();
                self.path.push(k);
                self.map.insert(self.path.join("."), at);
                false
            }
            Some(Frame::Seq { index }) => {
                self.path.push(index.to_string());
                *index += 1;
                self.map.insert(self.path.join("."), at);
                false
            }
            None => {
                self.map.insert(String::new(), at);
                false
            }
        }
    }

    /// After a complete value: leave its path segment and expect the next key.
    fn done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => {
                *key = None;
                self.path.pop();
            }
            Some(Frame::Seq { .. }) => {
                self.path.pop();
            }
            None => {}
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, _, tag) if !self.node(mark, Some(&value)) => {
                self.scalars.push(Scalar {
                    path: self.path.join("."),
                    text: value,
                    plain: style == yaml_rust2::scanner::TScalarStyle::Plain,
                    tag: tag.map(|t| format!("{}{}", t.handle, t.suffix)),
                });
                self.done();
            }
            Event::Alias(_) if !self.node(mark, None) => self.done(),
            Event::MappingStart(..) => {
                self.node(mark, None);
                self.stack.push(Frame::Map {
                    key: None,
                    seen: Default::default(),
                });
            }
            Event::SequenceStart(..) => {
                self.node(mark, None);
                self.stack.push(Frame::Seq { index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.done();
            }
            _ => {}
        }
    }
}

impl PosIndex {
    /// An index of `text`, parsed on the first question; text that does not parse gives an
    /// empty index (serde_yaml reports it).
    pub fn build(text: &str) -> PosIndex {
        PosIndex {
            text: text.to_string(),
            map: std::sync::OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.map.get_or_init(|| {
            let mut b = Builder {
                stack: Vec::new(),
                path: Vec::new(),
                map: HashMap::new(),
                scalars: Vec::new(),
                repeated: Vec::new(),
            };
            let mut parser = Parser::new_from_str(&self.text);
            let _ = parser.load(&mut b, false);
            Index {
                map: b.map,
                scalars: b.scalars,
                repeated: b.repeated,
            }
        })
    }

    /// Every scalar value (not keys), in file order.
    pub fn scalars(&self) -> &[Scalar] {
        &self.index().scalars
    }

    /// Where `key` is first written a second time in one mapping.
    pub fn repeated(&self, key: &str) -> Option<(usize, usize)> {
        self.index()
            .repeated
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, at)| *at)
    }

    /// The position of the value at `path`, or of its nearest ancestor that exists.
    pub fn get(&self, path: &[&str]) -> (usize, usize) {
        let map = &self.index().map;
        for n in (0..=path.len()).rev() {
            if let Some(p) = map.get(&path[..n].join(".")) {
                return *p;
            }
        }
        (1, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_values_by_path() {
        let text = "id: luxi\nfacts:\n  - kind: indicator\n    name: 地区生产总值\n  - kind: scenic\n    source: x.txt\n";
        let idx = PosIndex::build(text);
        assert_eq!(idx.get(&["id"]), (1, 5));
        assert_eq!(idx.get(&["facts", "1", "source"]), (6, 13));
        assert_eq!(idx.get(&["facts", "0", "name"]), (4, 11));
        // A missing field falls back to its fact.
        assert_eq!(idx.get(&["facts", "1", "year"]).0, 5);
    }
}
