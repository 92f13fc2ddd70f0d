//! A figure as the fact base writes it: the text of the YAML scalar, which is what a briefing
//! prints (`1313.70` stays 1313.70, `18.0` stays 18.0, `244394` stays 244394), with its value
//! for arithmetic (charts, sorting, comparing with an article).
//!
//! The rules are those of a figure an article prints, whatever the YAML around it: an
//! optional minus, digits with no leading zero, optionally grouped by commas in threes
//! (`22,862`, as some articles print long figures), and an optional decimal part
//! (`1313.70`). Not `1.5e3`, `0x7E6`, `.5`, `+5`, `5.`, `1_000` or `007`, and not more than
//! [`MAX_DIGITS`] digits: such a value could not be compared or ranked exactly, so it is
//! refused rather than printed one way and counted another. Years take plain digits only.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The most digits a figure may have: an f64 holds fifteen decimal digits exactly.
pub const MAX_DIGITS: usize = 15;

/// A figure: its text as written, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    text: String,
    value: f64,
}

/// Why a text is not a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not digits as an article prints them: `1.5e3`, `0x7E6`, `.5`, `+5`, `abc`.
    NotDecimal,
    /// `007`: a leading zero.
    LeadingZero,
    /// `22,86`, `1,2345`: commas that do not group three digits.
    Grouping,
    /// More than [`MAX_DIGITS`] digits.
    TooLong(usize),
}

impl NumberError {
    /// The message, for the value quoted as `shown`.
    pub fn message(&self, shown: &str) -> String {
        match self {
            NumberError::NotDecimal => {
                format!("`{shown}` is not a number as an article prints it")
            }
            NumberError::LeadingZero => format!("`{shown}` begins with a zero"),
            NumberError::Grouping => {
                format!("`{shown}` has commas that do not group three digits")
            }
            NumberError::TooLong(n) => format!(
                "`{shown}` has {n} digits, more than the {MAX_DIGITS} a figure can keep exactly"
            ),
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            NumberError::Grouping => {
                "write the digits as the article prints them: 22862 or 22,862 (commas every three digits)"
            }
            NumberError::TooLong(_) => {
                "a figure of more digits cannot be compared or ranked exactly; write it in a larger unit (亿元 rather than 元)"
            }
            _ => "write the digits as the article prints them, without quotes: 142, 23.12, 1313.70, 22,862",
        }
    }
}

impl Number {
    /// Reads a figure as written; see the module's rules.
    pub fn parse(text: &str) -> Result<Number, NumberError> {
        let body = text.strip_prefix('-').unwrap_or(text);
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        if int.is_empty() || frac.is_some_and(str::is_empty) {
            return Err(NumberError::NotDecimal);
        }
        let ascii_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !ascii_digits(&int.replace(',', "")) || frac.is_some_and(|f| !ascii_digits(f)) {
            return Err(NumberError::NotDecimal);
        }
        if int.contains(',') {
            let mut groups = int.split(',');
            let head = groups.next().unwrap_or_default();
            if head.is_empty() || head.len() > 3 || groups.any(|g| g.len() != 3) {
                return Err(NumberError::Grouping);
            }
        }
        let plain_int = int.replace(',', "");
        if plain_int.len() > 1 && plain_int.starts_with('0') {
            return Err(NumberError::LeadingZero);
        }
        // Every digit written counts, but the single zero of `0.5`.
        let digits = plain_int.trim_start_matches('0').len() + frac.map_or(0, str::len);
        if digits > MAX_DIGITS {
            return Err(NumberError::TooLong(digits));
        }
        let sign = if text.starts_with('-') { "-" } else { "" };
        let value: f64 = format!("{sign}{plain_int}.{}", frac.unwrap_or("0"))
            .parse()
            .map_err(|_| NumberError::NotDecimal)?;
        Ok(Number {
            text: text.to_string(),
            value,
        })
    }

    /// The shortest text of `v` (`142`, `23.12`): for a figure read from Chinese numerals,
    /// which have no digits of their own to keep, and for tests.
    pub fn from_f64(v: f64) -> Number {
        let text = if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        };
        Number { text, value: v }
    }

    /// The figure as written: `1313.70`, `-2.1`, `22,862`.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its value, for arithmetic.
    pub fn value(&self) -> f64 {
        self.value
    }

    pub fn is_negative(&self) -> bool {
        self.text.starts_with('-')
    }

    /// The figure without its sign, as written: a change prints as 下降2.1%.
    pub fn magnitude(&self) -> &str {
        self.text.strip_prefix('-').unwrap_or(&self.text)
    }

    /// The same figure below zero: a change after a word of decline (下降2.1% → -2.1).
    pub fn negated(&self) -> Number {
        match self.text.strip_prefix('-') {
            Some(rest) => Number {
                text: rest.to_string(),
                value: -self.value,
            },
            None => Number {
                text: format!("-{}", self.text),
                value: -self.value,
            },
        }
    }

    /// The digits and decimal point without grouping commas: `22862`, `1313.70`.
    pub fn digits(&self) -> String {
        self.magnitude().replace(',', "")
    }

    /// How many decimal places it is written with: 2 for `1313.70`, 0 for `142`.
    pub fn decimals(&self) -> usize {
        self.text.split_once('.').map_or(0, |(_, f)| f.len())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A figure serialises as its value (a template or a JSON reader computes with it); the
/// text is what is printed, through the formatting of `render`.
impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value)
    }
}

/// Reads the scalar's text, whatever YAML would make of it, so that `1313.70` keeps its zero
/// and `1.5e3` is refused by the same rule under quoted and plain keys alike. The rule is
/// applied inside the visitor, so that an error points at the scalar itself.
struct ScalarText<T>(fn(&str) -> Result<T, String>);

impl<T> Visitor<'_> for ScalarText<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number as an article prints it")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        self.visit_str(Number::from_f64(v).text())
    }
}

/// A value quoted in a message: cut short, control characters escaped.
fn shown(s: &str) -> String {
    super::check::shown(s)
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        d.deserialize_str(ScalarText(|text| {
            Number::parse(text)
                .map_err(|e| format!("{}; hint: {}", e.message(&shown(text)), e.hint()))
        }))
    }
}

/// A year as written: plain digits (`2022`), or a minus and digits, which `check` then finds
/// out of range. Not `0x7E6`, `2022.0` or `2e3`.
pub fn parse_year(text: &str) -> Option<i64> {
    let body = text.strip_prefix('-').unwrap_or(text);
    if body.is_empty()
        || body.len() > 9
        || !body.bytes().all(|b| b.is_ascii_digit())
        || (body.len() > 1 && body.starts_with('0'))
    {
        return None;
    }
    text.parse().ok()
}

struct Year(i64);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Year, D::Error> {
        d.deserialize_str(ScalarText(|text| {
            parse_year(text).map(Year).ok_or_else(|| {
                format!(
                    "`{}` is not a year as an article prints it; hint: write the year in full, without quotes: 2022",
                    shown(text)
                )
            })
        }))
    }
}

/// For `#[serde(deserialize_with)]` on an optional year.
pub fn year<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<Year>::deserialize(d)?.map(|y| y.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_kept() {
        for (text, value) in [
            ("1313.70", 1313.7),
            ("18.0", 18.0),
            ("244394", 244394.0),
            ("22,862", 22862.0),
            ("1,234,567.5", 1234567.5),
            ("-2.1", -2.1),
            ("0.5", 0.5),
            ("0", 0.0),
            ("100.10", 100.1),
            ("999999999999999", 999999999999999.0),
        ] {
            let n = Number::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(n.text(), text);
            assert_eq!(n.value(), value, "{text}");
        }
        assert_eq!(Number::parse("-2.1").unwrap().magnitude(), "2.1");
        assert_eq!(Number::parse("22,862").unwrap().digits(), "22862");
        assert_eq!(Number::parse("1313.70").unwrap().decimals(), 2);
    }

    #[test]
    fn what_is_no_figure_is_refused() {
        use NumberError::*;
        for (text, why) in [
            ("1.5e3", NotDecimal),
            ("0x7E6", NotDecimal),
            ("1e1", NotDecimal),
            (".5", NotDecimal),
            ("+5", NotDecimal),
            ("5.", NotDecimal),
            ("1_000", NotDecimal),
            ("", NotDecimal),
            ("-", NotDecimal),
            ("inf", NotDecimal),
            ("NaN", NotDecimal),
            ("１２", NotDecimal),
            ("007", LeadingZero),
            ("0,123", LeadingZero),
            ("22,86", Grouping),
            ("1,2345", Grouping),
            (",123", Grouping),
            ("1234,567", Grouping),
            ("1234567890123456789", TooLong(19)),
            ("100000000000000000000", TooLong(21)),
        ] {
            assert_eq!(Number::parse(text), Err(why), "{text}");
        }
        let tiny = format!("0.{}1", "0".repeat(400));
        assert_eq!(Number::parse(&tiny), Err(TooLong(401)));
    }

    #[test]
    fn years_are_plain_digits() {
        assert_eq!(parse_year("2022"), Some(2022));
        assert_eq!(parse_year("-3"), Some(-3));
        for bad in ["0x7E6", "2022.0", "2e3", "02022", "", "+2022", "二〇二二"] {
            assert_eq!(parse_year(bad), None, "{bad}");
        }
    }

    #[test]
    fn yaml_scalars_keep_their_digits_whatever_the_key_quoting() {
        #[derive(Deserialize)]
        struct V {
            value: Number,
            #[serde(default, deserialize_with = "year")]
            year: Option<i64>,
        }
        let v: V = serde_yaml::from_str("value: 1313.70\nyear: 2022\n").unwrap();
        assert_eq!((v.value.text(), v.year), ("1313.70", Some(2022)));
        let v: V = serde_yaml::from_str("{\"value\": 18.0}").unwrap();
        assert_eq!((v.value.text(), v.year), ("18.0", None));
        let v: V = serde_yaml::from_str("value: 22,862\n").unwrap();
        assert_eq!(v.value.text(), "22,862");
        for bad in [
            "\"value\": 1.5e3\n",
            "{\"value\": 1e1}",
            "value: 5\n'year': 0x7E6\n",
            "value: .inf\n",
        ] {
            let e = serde_yaml::from_str::<V>(bad).err().expect(bad);
            assert!(e.to_string().contains("hint:"), "{bad}: {e}");
        }
    }
}
