//! What text may hold: ids, names and strings free of invisible and control characters, shown
//! safely in messages; and a quick look at whether a file needs the raw YAML pass.

/// Whether `text` could hold what [`Checker::raw`] looks for: a tag, a null, an empty value or
/// a number not in plain decimal. A plain scan of the text, so that the YAML is parsed a
/// second time (for its scalars) only for a file that may need it; when in doubt, yes.
pub fn may_hide_raw_problems(text: &str) -> bool {
    const CONTAINERS: &[&str] = &[
        "facts",
        "growth",
        "base",
        "aliases",
        "audiences",
        "units",
        "qualifiers",
        "subjects",
    ];
    if text.bytes().any(|b| matches!(b, b'!' | b'~' | b'&' | b'*'))
        || text.contains("null")
        || text.contains("Null")
        || text.contains("NULL")
    {
        return true;
    }
    for line in text.lines() {
        let code = line.split(" #").next().unwrap_or(line).trim_end();
        if let Some(key) = code.strip_suffix(':') {
            let key = key.trim_start().trim_start_matches("- ").trim();
            if !CONTAINERS.contains(&key) {
                return true;
            }
        }
        // A quoted key (`"value": 1.5e3`, `'year': 0x7E6`, `{"value": 1e1}`), an explicit key
        // (`? value`) or a colon on a line of its own: the key is not what the scan below
        // looks for, so the scalars are read.
        let lead = code.trim_start().trim_start_matches("- ").trim_start();
        if lead.starts_with(['?', ':']) || odd_line(code) {
            return true;
        }
    }
    false
}

/// Whether a line holds a quoted key (`":`, `':`, `" :`, `' :`), a comment right after a
/// colon (`: #`, `:#`) or a trailing comma in a flow mapping (`, }`, `,}`), or a `value:`,
/// `year:` or `from_year:` (anywhere, as in `x_value:`) whose value is not a plain decimal.
/// One pass over the line's bytes: these are all ASCII, which no byte of another UTF-8
/// character equals.
fn odd_line(code: &str) -> bool {
    let b = code.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let quote = |c: Option<u8>| matches!(c, Some(b'"' | b'\''));
    for (i, &c) in b.iter().enumerate() {
        match c {
            b':' => {
                let before = i.checked_sub(1).and_then(at);
                let before2 = i.checked_sub(2).and_then(at);
                if quote(before)
                    || (before == Some(b' ') && quote(before2))
                    || at(i + 1) == Some(b'#')
                    || (at(i + 1) == Some(b' ') && at(i + 2) == Some(b'#'))
                {
                    return true;
                }
                let key = &b[..i];
                if (key.ends_with(b"value") || key.ends_with(b"year"))
                    && !is_decimal(figure_after(&code[i + 1..]))
                {
                    return true;
                }
            }
            b',' if at(i + 1) == Some(b'}')
                || (at(i + 1) == Some(b' ') && at(i + 2) == Some(b'}')) =>
            {
                return true
            }
            _ => {}
        }
    }
    false
}

/// The value written after a key's colon: up to a comma, brace, bracket or space.
fn figure_after(after: &str) -> &str {
    let rest = after.trim_start();
    let end = rest.find([',', '}', ' ', ']']).unwrap_or(rest.len());
    &rest[..end]
}

/// `142`, `23.12`, `-3`: what an article prints; not `0x7E6`, `1e3`, `.5` or `+5`.
pub(super) fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// A value quoted in a message: control and invisible characters escaped, long text cut, so
/// that a message never replays a whole line of whatever file was read.
pub fn shown(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        if c.is_control() || is_invisible(c) {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Characters that change how text around them shows without showing themselves: bidi
/// controls (a name ending in U+202E prints the rest of the line reversed) and zero-width
/// characters (two names that look the same but differ).
pub fn is_invisible(c: char) -> bool {
    let n = c as u32;
    matches!(
        c,
        // Unicode's default-ignorable code points: bidi controls, zero-width characters,
        // joiners, fillers, variation selectors, tags …
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
            // private use, which no bundled font draws and no reader can read
            | '\u{E000}'..='\u{F8FF}'
            | '\u{F0000}'..='\u{10FFFF}'
            // noncharacters
            | '\u{FDD0}'..='\u{FDEF}'
    ) || n & 0xFFFE == 0xFFFE
}

/// Spaces other than the full-width one (U+3000): between Chinese characters they print a gap
/// as an ASCII space does.
fn is_other_space(c: char) -> bool {
    c == ' ' || (c.is_whitespace() && c != '\n' && c != '\u{3000}')
}

/// Why `text` cannot be printed, with a hint; `None` when it can.
pub fn text_problem(text: &str) -> Option<(String, &'static str)> {
    let chars: Vec<char> = text.chars().collect();
    if let Some(w) = chars
        .windows(3)
        .find(|w| is_cjk(w[0]) && is_other_space(w[1]) && is_cjk(w[2]))
    {
        return Some((
            format!(
                "a space between Chinese characters (\"{}\") prints as a gap",
                w.iter().collect::<String>()
            ),
            "remove it, or use a full-width space (　) where the gap is meant",
        ));
    }
    if let Some(c) = text
        .chars()
        .find(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return Some((
            format!("text contains the control character U+{:04X}", c as u32),
            "remove it; only printable characters and line breaks reach the page",
        ));
    }
    if let Some(c) = text.chars().find(|c| is_invisible(*c)) {
        return Some((
            format!(
                "text contains the invisible character U+{:04X} (a direction mark or zero-width character)",
                c as u32
            ),
            "remove it: it changes how the text around it prints, or makes two names look alike",
        ));
    }
    None
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

/// A source id: short ASCII the user chooses (`luxi-2022`); older fact bases used the
/// article's file name (`000_28e65a739679cad6.txt`), which stays valid.
pub fn is_valid_source_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !id.starts_with(['-', '.'])
}

pub fn is_valid_name(name: &str) -> bool {
    !name.trim().is_empty()
        && name.trim() == name
        && !name.starts_with('-')
        && !name
            .chars()
            .any(|c| c.is_control() || c == '/' || c == '\\')
        && !name.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The line scan as it was written first, one search per pattern: the one-pass scan must
    /// answer as it does.
    fn odd_line_by_search(code: &str) -> bool {
        if code.contains("\":")
            || code.contains("':")
            || code.contains("\" :")
            || code.contains("' :")
            || code.contains(": #")
            || code.contains(":#")
            || code.contains(", }")
            || code.contains(",}")
        {
            return true;
        }
        for field in ["value:", "year:", "from_year:"] {
            let mut rest = code;
            while let Some(i) = rest.find(field) {
                let after = &rest[i + field.len()..];
                let token: String = after
                    .trim_start()
                    .chars()
                    .take_while(|c| !matches!(c, ',' | '}' | ' ' | ']'))
                    .collect();
                if !is_decimal(&token) {
                    return true;
                }
                rest = after;
            }
        }
        false
    }

    proptest! {
        #[test]
        fn the_one_pass_line_scan_answers_as_the_searches(
            code in "((value|year|from_year|x_value|[:,'\" #}\\]\\[{.0-9e-]|芦溪|\u{3000})){0,24}"
        ) {
            prop_assert_eq!(odd_line(&code), odd_line_by_search(&code), "{:?}", code);
        }
    }

    #[test]
    fn lines_the_scan_reads_further() {
        for odd in [
            "\"value\": 1",
            "'year' : 2022",
            "a: # c",
            "{a: 1, }",
            "  value: 1e3",
            "  from_year: 0x7E6",
            "  x_value: .5",
            "  value:",
        ] {
            assert!(odd_line(odd), "{odd}");
        }
        for plain in ["  value: 142", "  year: 2022, unit: 亿元", "{value: -3.5}"] {
            assert!(!odd_line(plain), "{plain}");
        }
    }
}
