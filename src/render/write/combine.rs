//! Clauses into sentences: clauses of one topic chunked together, a topic said once for
//! names that share it, changes of one verb said once with 分别.

use super::{Fact, Said};
use crate::facts::Kind;

/// Changes alone side by side with one verb, said once: 规模以上工业增加值、固定资产投资年均
/// 分别增长9%、13%.
/// `ends`: characters that end a word (phrases.yaml's `word_ends`), kept with the heads.
pub(super) fn together(chunk: &[(&Fact, Said)], bodies: Vec<String>, ends: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chunk.len() {
        let Some((_, verb, _)) = &chunk[i].1.change_only else {
            out.push(bodies[i].clone());
            i += 1;
            continue;
        };
        // A name said again is no second thing but a range's other bound (增长5.5%、6%): it
        // ends the run, and the bounds are joined as a range.
        // A name with a 、 of its own (电力、热力、燃气及水生产和供应业增加值) is no item of a
        // list joined by 、: it is said alone.
        let listed = |n: &str| !n.is_empty() && !n.contains('、');
        let mut j = i + 1;
        while j < chunk.len()
            && listed(chunk[i].1.change_only.as_ref().map_or("", |c| c.0.as_str()))
            && chunk[j].1.change_only.as_ref().is_some_and(|(n, v, _)| {
                v == verb && chunk[i..j].iter().all(|(f, _)| f.name != chunk[j].0.name) && listed(n)
            })
        {
            j += 1;
        }
        if j - i >= 2 {
            let run: Vec<&(String, String, String)> = chunk[i..j]
                .iter()
                .filter_map(|(_, s)| s.change_only.as_ref())
                .collect();
            let names: Vec<&str> = run.iter().map(|(n, _, _)| n.as_str()).collect();
            let amounts: Vec<&str> = run.iter().map(|(_, _, a)| a.as_str()).collect();
            // The period stays before 分别, the verb after it: 年均 分别 增长; a tail the names
            // share is said once: 装备制造业、新材料产业增加值.
            let (per, v) = split_verb(verb);
            let tail = shared_tail(&names, ends);
            let heads: Vec<&str> = names.iter().map(|n| &n[..n.len() - tail.len()]).collect();
            out.push(format!(
                "{}{tail}{per}分别{v}{}",
                heads.join("、"),
                amounts.join("、")
            ));
        } else {
            out.push(bodies[i].clone());
        }
        i = j;
    }
    out
}

/// Amounts of one measure side by side, said once with 分别: 苹果、核桃、中药材产业面积分别为
/// 18.5万亩、12.3万亩、6.8万亩 (not three clauses that each repeat 产业面积). A clause takes
/// part when it is its name and figure alone (`plain`, no change, no qualifier before the
/// figure), in the unit of the one before, and the names share a tail of their own.
/// `ends`: characters that end a word (phrases.yaml's `word_ends`), kept with the heads.
pub(super) fn together_amounts(
    chunk: &[(&Fact, Said)],
    bodies: Vec<String>,
    ends: &str,
    plain: impl Fn(usize) -> bool,
) -> Vec<String> {
    // The figure of clause `i` when its body is its name and the figure: 18.5万亩.
    let amount = |i: usize| -> Option<(&str, &str)> {
        let name = chunk[i].1.name.as_deref()?;
        let figure = bodies[i].strip_prefix(name)?;
        (plain(i)
            && !name.contains('、')
            && figure.starts_with(|c: char| c.is_ascii_digit())
            && !figure.contains(['，', '、', '；']))
        .then_some((name, figure))
    };
    let mut out = Vec::new();
    // The heads and tail of the list said last: a second list of the same heads names them
    // once (苹果、核桃、中药材产业面积分别为…，综合产值分别为…).
    let mut last: Option<(Vec<&str>, &str)> = None;
    let mut i = 0;
    while i < chunk.len() {
        let mut j = i + 1;
        if amount(i).is_some() {
            while j < chunk.len()
                && amount(j).is_some()
                && chunk[j].0.unit == chunk[i].0.unit
                && chunk[i..j].iter().all(|(f, _)| f.name != chunk[j].0.name)
            {
                j += 1;
            }
        }
        // The longest run from i whose names share a tail.
        let mut said = false;
        while j - i >= 2 {
            let run: Vec<(&str, &str)> = (i..j).filter_map(amount).collect();
            let names: Vec<&str> = run.iter().map(|(n, _)| *n).collect();
            let tail = shared_tail(&names, ends);
            let heads: Vec<&str> = names.iter().map(|n| &n[..n.len() - tail.len()]).collect();
            // A head that ends another is the whole of which the other is part (专利, 发明专利:
            // 专利授权量1023件，其中…): no list of alike things.
            let part = heads
                .iter()
                .any(|h| heads.iter().any(|o| o != h && o.ends_with(h)));
            if !tail.is_empty() && !part {
                let figures: Vec<&str> = run.iter().map(|(_, f)| *f).collect();
                let again = last
                    .as_ref()
                    .filter(|(h, _)| *h == heads)
                    .map(|(_, t)| own_part(t, tail));
                out.push(match again {
                    Some(own) => format!("{own}分别为{}", figures.join("、")),
                    None => format!("{}{tail}分别为{}", heads.join("、"), figures.join("、")),
                });
                last = Some((heads, tail));
                said = true;
                break;
            }
            j -= 1;
        }
        if !said {
            out.push(bodies[i].clone());
            last = None;
            j = i + 1;
        }
        i = j;
    }
    out
}

/// What a tail says after the one before it, their common opening dropped where two
/// characters are left (产业面积, 产业综合产值 → 综合产值).
fn own_part<'a>(before: &str, tail: &'a str) -> &'a str {
    let common: usize = before
        .chars()
        .zip(tail.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let own = &tail[common..];
    if own.chars().count() >= 2 {
        own
    } else {
        tail
    }
}

/// The end several names share, when each keeps two characters of its own before it:
/// 装备制造业增加值, 新材料产业增加值 → 增加值.
fn shared_tail<'a>(names: &[&'a str], ends: &str) -> &'a str {
    let first = names[0];
    let mut len = 0;
    for (i, c) in first.char_indices().rev() {
        let tail = &first[i..];
        if names
            .iter()
            .all(|n| n.ends_with(tail) && n[..n.len() - tail.len()].chars().count() >= 2)
        {
            len = first.len() - i;
        } else {
            break;
        }
        let _ = c;
    }
    let mut tail = &first[first.len() - len..];
    // A character that ends a word (业 of 工业, 企业, 产业: one of `ends`) stays with the
    // heads: 规模以上工业、国有控股企业增加值, not 规模以上工、国有控股企业增加值.
    while let Some(c) = tail.chars().next() {
        if !ends.contains(c) {
            break;
        }
        tail = &tail[c.len_utf8()..];
    }
    // A tail of two characters (投资) would leave heads that name something else (固定资产、
    // 工业投资): each name is said whole.
    if tail.chars().count() >= 3 {
        tail
    } else {
        ""
    }
}

/// 近三年年均增长 → (近三年年均, 增长): a verb of change is its last two characters.
fn split_verb(verb: &str) -> (&str, &str) {
    let cut = verb.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
    (&verb[..cut], &verb[cut..])
}

/// The head two names share, ending at a word of `things` (航空零部件产业园), if it is long
/// enough to stand for both.
fn shared_head<'a>(things: &[String], a: &'a str, b: &str) -> Option<&'a str> {
    let mut common = 0;
    for ((i, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            break;
        }
        common = i + x.len_utf8();
    }
    let head = &a[..common];
    let thing = things
        .iter()
        .filter_map(|t| head.rfind(t.as_str()).map(|i| i + t.len()))
        .max()
        .map(|end| &a[..end])
        // 产业园常年用工…，旺季用工…: a thing's word alone (产业园, 合作社) is head enough.
        .filter(|h| h.chars().count() >= 3);
    // Else a topic of four characters or more that both go on from (政府采购规模…，节约财政
    // 资金…; 一般公共预算收入…，支出…), each keeping two of its own.
    // The longer of the two: 合作社成立时入社农户7户，大棚12个 (not …，成立时大棚12个).
    let rest = |n: &str| n.chars().count() - head.chars().count();
    let topic =
        (head.chars().count() >= 4 && rest(a) >= 2 && rest(b) >= 2 && !head.ends_with('的'))
            .then_some(head);
    match (thing, topic) {
        (Some(t), Some(h)) => Some(if h.len() > t.len() { h } else { t }),
        (t, h) => t.or(h),
    }
}

/// The clauses of a sentence, a head that repeats the one before it said once: 规模以上工业企业
/// 168家，营业收入602.80亿元 (not 规模以上工业企业营业收入); 第五届海鲜美食节吸引游客36万人次，
/// 带动消费2.1亿元.
/// A head is not elided where what is left is a thing counted alone (规模以上工业增加值…，企业
/// 168家): `stock` words stand with their head; nor where it is a `bound` term (增加值).
pub(super) fn elide_topic(
    things: &[String],
    stock: &[String],
    bound: &[String],
    chunk: &[(&Fact, Said)],
) -> Vec<String> {
    let mut topic: Option<String> = None;
    let mut prev: Option<&str> = None;
    let mut prev_thing: Option<&str> = None;
    let mut out = Vec::new();
    for (i, (f, s)) in chunk.iter().enumerate() {
        let mut body = s.body.clone();
        // After changes that `together` makes one clause of (A、B分别增长…), a clause of B's
        // keeps its name: elided, it would read as A's and B's.
        let verb = |j: usize| chunk[j].1.change_only.as_ref().map(|(_, v, _)| v);
        if i >= 2 && verb(i - 1).is_some() && verb(i - 1) == verb(i - 2) {
            prev = None;
            topic = None;
        }
        // Figures of one named thing side by side (星衡…项目年产值…，年税收…): the thing once.
        let thing = f.measure.as_ref().map(|_| f.name.as_str());
        if let (Some(t), Some(p)) = (thing, prev_thing) {
            if t == p && body.starts_with(t) && body.len() > t.len() {
                body = body[t.len()..].to_string();
                out.push(body);
                prev = s.name.as_deref();
                continue;
            }
        }
        prev_thing = thing;
        let Some(name) = s.name.as_deref() else {
            topic = None;
            prev = None;
            out.push(body);
            continue;
        };
        let head = topic
            .clone()
            .filter(|t| name.starts_with(t.as_str()))
            .or_else(|| prev.filter(|p| name.starts_with(p)).map(str::to_string))
            .or_else(|| {
                prev.and_then(|p| shared_head(things, p, name))
                    .map(str::to_string)
            });
        match head {
            Some(t)
                if name[t.len()..].chars().count() >= 2
                    && !stock.iter().any(|w| *w == name[t.len()..])
                    && !bound
                        .iter()
                        .any(|w| name[t.len()..].starts_with(w.as_str())) =>
            {
                body = body[t.len()..].to_string();
                topic = Some(t);
            }
            _ => topic = None,
        }
        prev = Some(name);
        out.push(body);
    }
    out
}

/// One figure given by two articles (its name, value, unit, period, change and aim alike) is
/// said once: the later clause folds into the first, which records the other article, so that
/// its sentence carries both markers.
pub(super) fn once(said: Vec<(&Fact, Said)>) -> Vec<(&Fact, Said)> {
    let figure = |f: &Fact| Fact {
        source: String::new(),
        note: None,
        remark: None,
        reviewed: None,
        audiences: None,
        key: None,
        label: None,
        ..f.clone()
    };
    let mut out: Vec<(&Fact, Said)> = Vec::new();
    for (f, s) in said {
        let mine = figure(f);
        let first = out
            .iter_mut()
            .find(|(g, _)| g.source != f.source && figure(g) == mine);
        match first {
            Some((_, kept)) if f.note.is_none() => {
                if !kept.also.contains(&f.source) {
                    kept.also.push(f.source.clone());
                }
            }
            _ => out.push((f, s)),
        }
    }
    out
}

/// Groups of clauses (one article and one period each) with the region's figures before a
/// project's: in a group, the region's clauses first (2025年，全县签约资金126亿元。5G基站建设
/// 项目完成投资1.2亿元), and a group of projects alone after the next group of its article that
/// has the region's, so that a paragraph does not end on the region after its projects. Goals
/// keep their place.
pub(super) type Groups<'a> = Vec<((String, Option<String>), Vec<(&'a Fact, Said)>)>;
pub(super) fn region_first(groups: &mut Groups, named: impl Fn(&Fact) -> bool) {
    let goals = |g: &[(&Fact, Said)]| g.iter().all(|(f, _)| f.target);
    // A named project's figure is not the region's: 2025年，全县签约资金…。5G基站建设项目….
    let project = |(f, s): &(&Fact, Said)| named(f) && !s.regions;
    let of_region = |g: &[(&Fact, Said)]| g.iter().any(|(_, s)| s.regions);
    for (_, g) in groups.iter_mut().filter(|(_, g)| !goals(g) && of_region(g)) {
        g.sort_by_key(project);
    }
    let things = |g: &[(&Fact, Said)]| g.iter().all(project);
    for i in 1..groups.len() {
        let mut j = i;
        while j > 0
            && groups[j - 1].0 .0 == groups[j].0 .0
            && things(&groups[j - 1].1)
            && of_region(&groups[j].1)
            && !goals(&groups[j].1)
        {
            groups.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Clauses in sentences of at most `per`; with `notes`, a clause whose fact has a note ends
/// its sentence, so that the note (其中国家级2家) follows the clause it speaks of; and the
/// region's figures and a named thing's are not in one sentence. `plain` and `measure` tell
/// two topics apart: the characters any name may have, and what a fact's unit measures.
pub(super) fn chunks<'a, 'b>(
    clauses: &'b [(&'a Fact, Said)],
    per: usize,
    notes: bool,
    headline: impl Fn(&Fact) -> bool,
    thing: impl Fn(&Fact) -> Option<&str>,
    stock: impl Fn(&Fact, &Said) -> bool,
    (plain, measure): (&str, impl Fn(&Fact) -> Option<String>),
) -> Vec<&'b [(&'a Fact, Said)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..clauses.len() {
        // A list of like things (第一、第二、第三产业增加值) may run two clauses longer; amounts
        // whose names share a tail (苹果、核桃、中药材产业面积), said once with 分别, count once.
        let like = |j: usize| {
            let (a, b) = (clauses[j - 1].0, clauses[j].0);
            a.unit == b.unit
                && a.value.is_some()
                && b.value.is_some()
                && a.growth.is_none()
                && b.growth.is_none()
                && !shared_tail(&[a.name.as_str(), b.name.as_str()], "").is_empty()
        };
        let n = i + 1 - start - (start + 1..=i).filter(|&j| like(j)).count();
        let stocks = |j: usize| clauses.get(j).is_some_and(|(f, s)| stock(f, s));
        // Things the region has (普通高中5所、初中22所、小学67所) are one list.
        let alike = clauses
            .get(i + 1)
            .is_some_and(|next| related(&clauses[i].0.name, &next.0.name))
            || (stocks(i) && stocks(i + 1));
        let full = n >= per.max(1) && !(alike && n < per.max(1) + 2);
        let noted = notes && clauses[i].0.note.is_some();
        // A sentence holds one topic: after two clauses, one that shares no word with the
        // clause before it begins a new sentence (新签约项目 and 签约资金 stay together; 预算支出
        // and 固定资产投资 do not).
        // After one clause, one that shares not even a character of substance with it begins
        // a new sentence too (实际使用外资, 一般公共预算收入; 一般公共预算支出 and a change of
        // 规模以上工业增加值); 接待游客 and 旅游收入, 完成造林 and
        // 森林覆盖率, two figures of one topic (空气质量优良率, PM2.5平均浓度: ecology) stay
        // together, as do two headline figures (地区生产总值, 财政总收入), and the one that
        // opens the paragraph takes the next with it. Two of one kind stay together, but for a
        // count of things beside an amount of money (农民专业合作社1136个, 林业增加值9.14亿元)
        // or either beside a share (城镇居民人均可支配收入, 农村自来水普及率): those say two
        // things.
        let apart = clauses.get(i + 1).is_some_and(|next| {
            let (a, b) = (clauses[i].0, next.0);
            !(related(&a.name, &b.name) || (stocks(i) && stocks(i + 1)))
                && (i + 1 - start >= 2
                    || ((a.value.is_some() || a.growth.is_some())
                        && (b.value.is_some() || b.growth.is_some())
                        // Two changes alone are one clause (A、B分别增长…).
                        && (a.value.is_some() || b.value.is_some())
                        && !(headline(a) && (i == 0 || headline(b)))
                        && !(a.kind == b.kind
                            && a.kind != Kind::Indicator
                            && !unlike(measure(a), measure(b)))
                        && !akin(&a.name, &b.name, plain)))
        });
        // A figure of the region does not follow one of a named thing in one sentence, which
        // would make it the thing's.
        let turn = clauses
            .get(i + 1)
            .is_some_and(|next| next.1.regions != clauses[i].1.regions);
        // Nor does one named thing's figure follow another's (…项目年产能10万吨，冰雪小镇项目
        // 计划总投资…): each thing is the subject of a sentence of its own.
        let turn = turn
            || clauses.get(i + 1).is_some_and(|next| {
                let (a, b) = (thing(clauses[i].0), thing(next.0));
                a.is_some() && b.is_some() && a != b
            });
        // A list of two or more things had is a sentence of its own, which says 有 before it
        // (民生支出41.35亿元。全县有普通高中5所、初中22所、小学67所, not …，普通高中5所).
        // A clause of one of them (在建重大文旅项目54个，总投资413.8亿元) stays with it.
        let kin = |j: usize| {
            clauses
                .get(j + 1)
                .is_some_and(|next| related(&clauses[j].0.name, &next.0.name))
        };
        let opens = !stocks(i) && stocks(i + 1) && stocks(i + 2);
        let closes = i > start && stocks(i - 1) && stocks(i) && !stocks(i + 1);
        let turn = turn || opens || (closes && i + 1 < clauses.len() && !kin(i));
        // 其中… says part of the clause before it: never the head of a sentence.
        let part = clauses
            .get(i + 1)
            .is_some_and(|next| next.1.body.starts_with("其中"));
        if ((full || noted || turn || apart) && !part) || i + 1 == clauses.len() {
            out.push(&clauses[start..=i]);
            start = i + 1;
        }
    }
    out
}

/// Whether two figures measure unlike amounts: two of money, count and share that differ
/// (a quantity of goods, a concentration, a length beside another measure may be one topic:
/// 发电量 and 水泥产量, 空气质量优良天数比例 and PM2.5平均浓度).
fn unlike(a: Option<String>, b: Option<String>) -> bool {
    const AMOUNTS: [&str; 3] = ["money", "count", "share"];
    match (a, b) {
        (Some(a), Some(b)) => {
            a != b && AMOUNTS.contains(&a.as_str()) && AMOUNTS.contains(&b.as_str())
        }
        _ => false,
    }
}

/// Whether two names share a word: two characters in a row (签约, 居民, 稻产, 学校…).
fn related(a: &str, b: &str) -> bool {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().filter(|c| !c.is_ascii_punctuation()).collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let pa = pairs(a);
    pairs(b).iter().any(|p| pa.contains(p))
}

/// Whether two names share a character of substance (游 of 接待游客 and 旅游收入), not one
/// every figure's name may have (全, 新, 增, 总, 率…: phrases.yaml's `plain_chars`).
fn akin(a: &str, b: &str, plain: &str) -> bool {
    let substance = |c: &char| !c.is_ascii() && !plain.contains(*c);
    a.chars().filter(substance).any(|c| b.contains(c))
}

/// Items grouped by a key, groups in the order of their first item, items in order.
pub(crate) fn group<T, K: PartialEq>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<(K, Vec<T>)> {
    let mut out: Vec<(K, Vec<T>)> = Vec::new();
    for item in items {
        let k = key(&item);
        match out.iter_mut().find(|(x, _)| *x == k) {
            Some((_, v)) => v.push(item),
            None => out.push((k, vec![item])),
        }
    }
    out
}
