//! Typst escaping: every value a template prints reaches Typst as literal text.

use super::*;

/// Escapes text for Typst markup so that it prints literally.
///
/// Every ASCII character with a meaning in markup gets a backslash; a line feed becomes a
/// `#linebreak()`; other control characters are dropped (`brief check` rejects them in facts).
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            // Typst also breaks lines at U+0085, U+2028 and U+2029.
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("#linebreak();"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '#' | '$' | '*' | '_' | '`' | '<' | '>' | '@' | '[' | ']' | '{' | '}' | '='
            | '-' | '+' | '/' | '~' | '"' | '\'' | ':' => {
                out.push('\\');
                out.push(c);
            }
            // `1.` opens a numbered list and `...` is an ellipsis; a lone full stop is plain.
            '.' if chars.get(i + 1) == Some(&'.')
                || (i > 0
                    && chars[..i].iter().all(|d| d.is_ascii_digit())
                    && chars.get(i + 1).is_none_or(|n| n.is_whitespace())) =>
            {
                out.push_str("\\.");
            }
            // A span of years (2012—2022年) is not broken at its dash: word joiners either side.
            // A range (5%—6%) likewise.
            '—' if i > 0
                && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '%')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit) =>
            {
                out.push_str("\u{2060}—\u{2060}");
            }
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal (with its quotes) holding `text`.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The minijinja formatter for `.typ.j2` templates: escape everything not marked safe,
/// and refuse to print a missing value rather than write "none".
pub fn typst_formatter(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "the template printed a missing value (none); guard it with `{% if … %}`",
        ));
    }
    let escape = matches!(state.auto_escape(), AutoEscape::Custom("typst"));
    if value.is_safe() || !escape {
        write!(out, "{value}").map_err(Error::from)
    } else if let Some(s) = value.as_str() {
        out.write_str(&escape_markup(s)).map_err(Error::from)
    } else if let Ok(n) = f64::try_from(value.clone()) {
        out.write_str(&escape_markup(&format_number(n)))
            .map_err(Error::from)
    } else {
        out.write_str(&escape_markup(&value.to_string()))
            .map_err(Error::from)
    }
}
