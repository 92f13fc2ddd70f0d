//! The words a figure may carry: units, by what they measure, and qualifiers, by where they
//! stand. They are data (`data/vocabulary.yaml`), not code, so that a new article's unit is one
//! line in the fact base; a fact base without the file gets the list brief ships.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The vocabulary brief ships: the bundled fact base's own file.
pub const BUILTIN: &str = include_str!("../../data/vocabulary.yaml");

/// The file name inside a fact base directory.
pub const FILE: &str = "vocabulary.yaml";

/// Where a qualifier stands relative to the number it qualifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QualifierPlace {
    /// Before the number: 约3000亩, 预计142亿元.
    Before,
    /// Between the number and its unit: 3000余亩, 40多个.
    Between,
    /// After the unit: 5%左右, 110万亩以上.
    After,
}

/// Measures whose figures rank rather than measure; they make no sense as bars.
pub const RANK: &str = "rank";

/// The vocabulary file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabularyFile {
    /// measure → its units.
    pub units: BTreeMap<String, Vec<String>>,
    /// place → its qualifiers.
    pub qualifiers: BTreeMap<QualifierPlace, Vec<String>>,
    /// fact key → the other words an article uses for its subject (gdp: [地区生产总值,
    /// 生产总值, GDP]): `brief verify` finds a keyed fact's subject by any of them.
    #[serde(default)]
    pub subjects: BTreeMap<String, Vec<String>>,
}

/// Units and qualifiers, looked up by word.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// unit → the measure it belongs to, in file order of measures.
    units: BTreeMap<String, String>,
    qualifiers: BTreeMap<String, QualifierPlace>,
    subjects: BTreeMap<String, Vec<String>>,
    /// How the office groups the digits of a long figure (`office.yaml`); every figure a
    /// briefing prints passes through it with the unit.
    pub grouping: super::office::Grouping,
}

impl Vocabulary {
    /// The vocabulary brief ships.
    pub fn builtin() -> Vocabulary {
        let file: VocabularyFile =
            serde_yaml::from_str(BUILTIN).expect("the built-in vocabulary parses");
        Vocabulary::from_file(&file)
    }

    pub fn from_file(file: &VocabularyFile) -> Vocabulary {
        let mut v = Vocabulary::default();
        for (measure, units) in &file.units {
            for u in units {
                v.units.insert(u.clone(), measure.clone());
            }
        }
        for (place, words) in &file.qualifiers {
            for w in words {
                v.qualifiers.insert(w.clone(), *place);
            }
        }
        v.subjects = file.subjects.clone();
        v
    }

    /// The words an article may use for the subject of a fact with this key.
    pub fn subjects(&self, key: &str) -> &[String] {
        self.subjects.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether a name is one of the words of a keyed subject (地区生产总值, 财政总收入).
    pub fn names_a_subject(&self, name: &str) -> bool {
        self.subjects.values().flatten().any(|w| w == name)
    }

    /// What a unit measures (`money`, `people`, `count` …), if the unit is known.
    pub fn measure(&self, unit: &str) -> Option<&str> {
        self.units.get(unit).map(String::as_str)
    }

    pub fn qualifier_place(&self, word: &str) -> Option<QualifierPlace> {
        self.qualifiers.get(word).copied()
    }

    /// Every unit, longest first (a reader of text wants 万亩 before 亩).
    pub fn units(&self) -> Vec<&str> {
        let mut u: Vec<&str> = self.units.keys().map(String::as_str).collect();
        u.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        u
    }

    /// Every qualifier with its place, longest first (超过 before 超).
    pub fn qualifiers(&self) -> Vec<(&str, QualifierPlace)> {
        let mut q: Vec<(&str, QualifierPlace)> = self
            .qualifiers
            .iter()
            .map(|(w, p)| (w.as_str(), *p))
            .collect();
        q.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(b.0))
        });
        q
    }

    /// Units that are close to `unit` in spelling, for a hint.
    pub fn closest_units(&self, unit: &str) -> Vec<&str> {
        let mut scored: Vec<(f64, &str)> = self
            .units
            .keys()
            .map(|u| (strsim::normalized_levenshtein(unit, u), u.as_str()))
            .filter(|(s, _)| *s > 0.3)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(3).map(|(_, u)| u).collect()
    }

    /// The qualifiers of one place, as a hint lists them.
    pub fn words_at(&self, place: QualifierPlace) -> Vec<&str> {
        self.qualifiers
            .iter()
            .filter(|(_, p)| **p == place)
            .map(|(w, _)| w.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_covers_chinese_statistical_units() {
        let v = Vocabulary::builtin();
        for (unit, measure) in [
            ("亿元", "money"),
            ("万美元", "money"),
            ("万人次", "people"),
            ("台", "count"),
            ("栋", "count"),
            ("公里", "length"),
            ("平方公里", "area"),
            ("万吨", "weight"),
            ("%", "share"),
            ("个百分点", "ratio"),
            ("小时", "time"),
        ] {
            assert_eq!(v.measure(unit), Some(measure), "{unit}");
        }
        assert_eq!(v.measure("斤两"), None);
    }

    #[test]
    fn qualifiers_have_places() {
        let v = Vocabulary::builtin();
        assert_eq!(v.qualifier_place("余"), Some(QualifierPlace::Between));
        assert_eq!(v.qualifier_place("左右"), Some(QualifierPlace::After));
        assert_eq!(v.qualifier_place("预计"), Some(QualifierPlace::Before));
        assert_eq!(v.qualifier_place("超过"), Some(QualifierPlace::Before));
        assert_eq!(v.qualifier_place("大约"), None);
        assert_eq!(v.qualifiers()[0].0.chars().count(), 2);
    }
}
