//! 三次产业结构为15.4∶38.2∶46.4: the structure of the three industries (三次产业), written as a
//! ratio of their shares of the 地区生产总值. A ratio has no unit, so it is no figure a fact
//! could carry; what it states is three shares, each an industry's, in percent. Where its
//! terms add up to a hundred (they are shares, as rounded), the ratio is written out after
//! itself as the sentence a bulletin would use for them: 第一、二、三产业增加值占比分别为15.4%、
//! 38.2%、46.4%. A ratio that does not add up to a hundred (1∶4∶5) states no shares and is left
//! as it is; so is the structure a change started from (由16.1∶37.5∶46.4调整为…).

/// The word that names a ratio of the three industries.
const STRUCTURE: &str = "产业结构";

/// How far after the word its ratio may begin (为, 比为, 调整为, 优化为).
const REACH: usize = 10;

/// The signs between a ratio's terms: ∶ (the ratio sign), the colons a writer types for it.
fn is_ratio_sign(c: char) -> bool {
    matches!(c, '∶' | ':' | '：')
}

/// A number of the ratio at `at`: its end and value.
fn number_at(cs: &[char], at: usize) -> Option<(usize, f64)> {
    let n = cs[at..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == '.' || matches!(c, '０'..='９' | '．'))
        .count();
    if n == 0 {
        return None;
    }
    let text: String = cs[at..at + n]
        .iter()
        .map(|&c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .collect();
    text.parse().ok().map(|v| (at + n, v))
}

/// The ratio of three terms starting at `at`: its end and terms as written.
fn ratio_at(cs: &[char], at: usize) -> Option<(usize, Vec<String>)> {
    let mut terms = Vec::new();
    let mut values = Vec::new();
    let mut i = at;
    loop {
        let (end, v) = number_at(cs, i)?;
        terms.push(cs[i..end].iter().collect::<String>());
        values.push(v);
        i = end;
        if terms.len() == 3 {
            break;
        }
        if !cs.get(i).copied().is_some_and(is_ratio_sign) {
            return None;
        }
        i += 1;
    }
    // A fourth term: no ratio of the three industries.
    if cs.get(i).copied().is_some_and(is_ratio_sign) {
        return None;
    }
    let sum: f64 = values.iter().sum();
    ((sum - 100.0).abs() <= 0.5).then_some((i, terms))
}

/// `line` with each ratio of the three industries' shares followed by the shares it states.
pub fn spell_out(line: &str) -> String {
    if !line.contains(STRUCTURE) {
        return line.to_string();
    }
    let cs: Vec<char> = line.chars().collect();
    let word: Vec<char> = STRUCTURE.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    // Where the last word of structure ended, while its sentence goes on.
    let mut after_word: Option<usize> = None;
    while i < cs.len() {
        if cs[i..].starts_with(&word) {
            after_word = Some(i + word.len());
        }
        if matches!(cs[i], '。' | '；' | '！' | '？') {
            after_word = None;
        }
        let near = after_word.is_some_and(|w| i >= w && i - w <= REACH);
        let starts = i == 0 || !(cs[i - 1].is_ascii_digit() || cs[i - 1] == '.');
        if let (true, true, Some((end, terms))) = (near, starts, ratio_at(&cs, i)) {
            out.extend(
                cs[i..end]
                    .iter()
                    .map(|&c| if is_ratio_sign(c) { '∶' } else { c }),
            );
            // 由16.1∶37.5∶46.4调整为…: the structure it started from.
            let from = i >= 1 && matches!(cs[i - 1], '由' | '从');
            if !from {
                out.push_str(&format!(
                    "，第一、二、三产业增加值占比分别为{}%、{}%、{}%",
                    terms[0], terms[1], terms[2]
                ));
            }
            i = end;
            // The structure it was changed to follows the one it started from.
            after_word = from.then_some(end);
            continue;
        }
        out.push(cs[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::spell_out;

    #[test]
    fn a_structure_of_three_shares_is_written_out_as_them() {
        assert_eq!(
            spell_out("三次产业结构为15.4∶38.2∶46.4。人均地区生产总值5.31万元。"),
            "三次产业结构为15.4∶38.2∶46.4，第一、二、三产业增加值占比分别为15.4%、38.2%、46.4%。人均地区生产总值5.31万元。"
        );
        // Typed with colons: the ratio stays one clause.
        assert_eq!(
            spell_out("三次产业结构比为10.0:39.7:50.3。"),
            "三次产业结构比为10.0∶39.7∶50.3，第一、二、三产业增加值占比分别为10.0%、39.7%、50.3%。"
        );
    }

    #[test]
    fn a_ratio_that_states_no_shares_is_left_alone() {
        // Not a hundred: no shares.
        let s = "三次产业结构为1∶4∶5。";
        assert_eq!(spell_out(s), s);
        // Far from the word, or of no structure: no ratio of the industries.
        let s = "产业结构不断优化，全年接待游客与本地人口之比为20∶30∶50。";
        assert_eq!(spell_out(s), s);
        // The structure a change started from states the earlier year's shares.
        assert_eq!(
            spell_out("三次产业结构由16.1∶37.5∶46.4调整为15.4∶38.2∶46.4。"),
            "三次产业结构由16.1∶37.5∶46.4调整为15.4∶38.2∶46.4，第一、二、三产业增加值占比分别为15.4%、38.2%、46.4%。"
        );
    }
}
