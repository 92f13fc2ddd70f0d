//! Passes over the sentences of a paragraph: a period said once, the region named once and
//! then left out or said 全县, and a subject given back to a sentence that would read as
//! another's.

use super::{is_year, opens_with_a_part, Sentence, Writer};

impl Writer<'_> {
    /// Words without 全县 at their head, unless what follows needs it: a figure (全县1988项…)
    /// or a stock (全县有…), which would read as the thing's before it.
    fn without_subject<'t>(&self, words: &'t str) -> &'t str {
        match words.strip_prefix(self.subject()) {
            Some(rest) if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '有') => rest,
            _ => words,
        }
    }

    /// A named thing at the head of two sentences in a row of one article (滨海科创新城规划面积
    /// 12平方公里，已完成路网建设。滨海科创新城首批入驻…): one sentence, the thing said once.
    pub fn thing_once(&self, sentences: &mut Vec<Sentence>) {
        let mut i = 1;
        while i < sentences.len() {
            let joined = match self.thing_at_head(&sentences[i - 1].text) {
                Some(t) if sentences[i].source == sentences[i - 1].source => sentences[i]
                    .text
                    .strip_prefix(t)
                    .filter(|rest| rest.chars().count() >= 4)
                    .map(|rest| format!("{}；{rest}", sentences[i - 1].text)),
                _ => None,
            };
            match joined {
                Some(text) if text.chars().count() <= 120 => {
                    sentences[i - 1].text = text;
                    let also = sentences.remove(i).also;
                    sentences[i - 1].also.extend(also);
                }
                _ => i += 1,
            }
        }
    }

    /// The named thing a sentence opens with: its words up to a word of `things` (滨海科创新城,
    /// 航空零部件产业园), at least three characters.
    pub(crate) fn thing_at_head<'t>(&self, text: &'t str) -> Option<&'t str> {
        let head: String = text.chars().take(16).collect();
        self.phrases()
            .things
            .iter()
            .filter_map(|t| head.find(t.as_str()).map(|i| i + t.len()))
            .min()
            .map(|end| &text[..end])
            .filter(|t| t.chars().count() >= 3 && !t.starts_with(self.region.name.as_str()))
    }

    /// A sentence that opens with the year already said in its paragraph (a note between
    /// them keeps it) says it no more, nor the region after it: 2022年，芦溪县…。全县… →
    /// 2022年，芦溪县…。…
    pub fn same_year(&self, sentences: &mut [Sentence]) {
        let mut current: Option<String> = None;
        let mut last_head: Option<String> = None;
        // Whether the sentence before is of a thing or a part (产业园常年用工…): then 全县 stays.
        let mut after_other = false;
        for s in sentences.iter_mut() {
            let other = {
                let at = period_head(&s.text).map_or(0, |h| h.len() + '，'.len_utf8());
                self.thing_at_head(&s.text[at..]).is_some() || opens_with_a_part(&s.text[at..])
            };
            let keep = std::mem::replace(&mut after_other, other);
            let without_subject = |r: &'_ str| -> String {
                if keep {
                    r.to_string()
                } else {
                    self.without_subject(r).to_string()
                }
            };
            // The same period again (中秋国庆假期，… 1—9月，… after 2024年1—9月，…): said once.
            if let Some(h) = period_head(&s.text).map(str::to_string) {
                let again = last_head
                    .as_deref()
                    .is_some_and(|l| l == h || (l.ends_with(h.as_str()) && !is_year(&h)));
                if again {
                    let rest = &s.text[h.len() + '，'.len_utf8()..];
                    let rest = without_subject(rest);
                    if !rest.is_empty() {
                        s.text = rest.to_string();
                    }
                    continue;
                }
                last_head = Some(h);
            }
            let Some(this) = opening_year(&s.text) else {
                // A period of another kind (“十四五”以来，前三季度，…): the year after it is said
                // again, or its figures would read as the period's.
                if period_head(&s.text).is_some() {
                    current = None;
                }
                continue;
            };
            // 2022年上半年，…: a part of the year. A sentence after it that is of the whole
            // year keeps its 2022年, or it would read as the half-year's.
            let part = s.text.starts_with(this.as_str()) && !s.text[this.len()..].starts_with('，');
            let was = current.replace(if part { String::new() } else { this.clone() });
            if was.as_deref() != Some(this.as_str()) || !s.text.starts_with(this.as_str()) {
                continue;
            }
            let after = &s.text[this.len()..];
            // 2022年上半年，… keeps its period: 上半年，…
            let rest = match after.strip_prefix('，') {
                Some(r) => without_subject(r),
                None => after.to_string(),
            };
            if !rest.is_empty() {
                s.text = rest;
            }
        }
    }

    /// The region's name opening sentence after sentence reads as a list: after the first, a
    /// sentence that opens with it goes on without it, one that opens with its period says 全县.
    /// After a subject of two (芦溪县与湘东区先后获评…), the next sentence names it again.
    pub fn vary_subject(&self, sentences: &mut [Sentence]) {
        let name = self.region.name.as_str();
        let mut named = false;
        for s in sentences.iter_mut() {
            // The name at the head, or right after a period head (2022年，芦溪县…).
            let at = if s.text.starts_with(name) {
                Some(0)
            } else {
                s.text
                    .split_once('，')
                    .filter(|(h, rest)| h.chars().count() <= 12 && rest.starts_with(name))
                    .map(|(h, _)| h.len() + '，'.len_utf8())
            };
            let Some(at) = at else {
                continue;
            };
            let after = &s.text[at + name.len()..];
            // 芦溪县与湘东区…, 芦溪县的…, 上栗县桐木镇…: the name is not the subject alone;
            // 芦溪县提出，… says whose words follow, and keeps it.
            let alone = !after.starts_with(JOINT) && !opens_with_a_part(after);
            if self.set_out(&s.text[at..]).is_some() {
                named = true;
                continue;
            }
            // A sentence does not open with a figure (1988项…): the name stays before it.
            let figure = after.starts_with(|c: char| c.is_ascii_digit());
            // Nor with 有 (有与…合作项目4个) or an adverb that leans on a subject (还完成…, 也…):
            // without one it reads as a fragment, so it says 全县.
            let leans = after.starts_with(['有', '还', '也', '并', '又']);
            // 是 needs its subject by name: 萍乡市是全省唯一…的设区市 (not 是…, nor 全市是…).
            let copula = after.starts_with('是');
            if named && alone && !(at == 0 && figure) && !copula {
                // Without a period before it the sentence goes on without a subject; after one,
                // 全县.
                let subject = if at == 0 && !leans {
                    ""
                } else {
                    self.subject()
                };
                s.text = format!("{}{}{}", &s.text[..at], subject, after);
            }
            named = alone;
        }
    }

    /// The head that says a goal was set out, where a text opens with one: the region's name
    /// and the words of `target_head` (芦溪县提出，) or `target_past_head` (芦溪县于2022年提
    /// 出，) up to the comma that ends them.
    fn set_out<'t>(&self, text: &'t str) -> Option<&'t str> {
        let p = self.phrases();
        let after = text.strip_prefix(self.region.name.as_str())?;
        let words = |pattern: &str| -> Option<String> {
            let rest = pattern.strip_prefix("{place}")?;
            let end = rest.find('{').unwrap_or(rest.len());
            Some(rest[..end].to_string()).filter(|w| !w.is_empty())
        };
        let opens = [&p.target_head, &p.target_past_head]
            .into_iter()
            .filter_map(|t| words(t))
            .any(|w| after.starts_with(w.as_str()));
        let comma = after.find('，').map(|i| i + '，'.len_utf8())?;
        opens.then(|| &text[..self.region.name.len() + comma])
    }

    /// A long official name (鉴例高新技术产业开发区) is said in full once, in the 摘要 and on
    /// the masthead; the pages say its short name (鉴例高新区), as a writer abbreviates a
    /// name after its first mention.
    pub fn short_name(&self, paragraphs: &mut [Vec<Sentence>]) {
        let (name, short) = (&self.region.name, &self.region.short);
        if name.chars().count() < 8 || short.chars().count() < 3 || short == name {
            return;
        }
        for s in paragraphs.iter_mut().flatten() {
            s.text = s.text.replace(name.as_str(), short);
        }
    }

    /// Goals of two periods one after another (芦溪县提出，2024年，…。芦溪县提出，2025年，…)
    /// are one sentence, whose set-out is said once: …；2025年，….
    pub fn goals_once(&self, sentences: &mut Vec<Sentence>) {
        let mut i = 1;
        while i < sentences.len() {
            let said = self.set_out(&sentences[i].text);
            let next = said.map(|h| sentences[i].text[h.len()..].to_string());
            match next {
                Some(rest)
                    if said.is_some_and(|h| sentences[i - 1].text.starts_with(h))
                        && sentences[i].source == sentences[i - 1].source =>
                {
                    sentences[i - 1].text = format!("{}；{rest}", sentences[i - 1].text);
                    let also = sentences.remove(i).also;
                    sentences[i - 1].also.extend(also);
                }
                _ => i += 1,
            }
        }
    }

    /// 全县 at the head of sentence after sentence (after its period or not), across the
    /// paragraphs of a section: the third in a row goes on without it, where what follows
    /// does not need it (a figure, a stock).
    pub fn whole_not_thrice(&self, paragraphs: &mut [Vec<Sentence>]) {
        let subject = self.subject();
        let mut run = 0;
        for s in paragraphs.iter_mut().flatten() {
            let at = period_head(&s.text).map_or(0, |h| h.len() + '，'.len_utf8());
            let Some(rest) = s.text[at..].strip_prefix(subject) else {
                run = 0;
                continue;
            };
            run += 1;
            if run >= 3 && !subject_needed(rest) {
                s.text = format!("{}{rest}", &s.text[..at]);
                run = 0;
            }
        }
    }

    /// In the 摘要, after the sentence that places the region: 全县 at the head of the first
    /// sentence of figures, none at the head of those after it.
    pub fn subject_once(&self, sentences: &mut [Sentence]) {
        let mut named = false;
        // After a sentence of a thing or a part (产业园常年用工…, 石桥镇…), 全县 stays: without
        // it the figure would read as theirs.
        let mut after_other = false;
        for s in sentences.iter_mut() {
            let other = self.thing_at_head(&s.text).is_some() || opens_with_a_part(&s.text);
            // 2022年，全县…: named after its period.
            if period_head(&s.text)
                .is_some_and(|h| s.text[h.len() + '，'.len_utf8()..].starts_with(self.subject()))
            {
                named = true;
                after_other = other;
                continue;
            }
            if let Some(rest) = s.text.strip_prefix(self.subject()) {
                if named && !after_other && !subject_needed(rest) {
                    s.text = rest.to_string();
                }
                named = true;
            }
            after_other = other;
        }
    }

    /// A sentence without a subject of its own (a note that opens with its verb: 加速推进…)
    /// after one whose subject is another (萍乡野生动物园在芦溪县开工建设) would be read as
    /// that one's: it takes the region's name.
    pub fn restore_subject(&self, sentences: &mut [Sentence]) {
        let mut other = false;
        for s in sentences.iter_mut() {
            let at = period_head(&s.text).map_or(0, |h| h.len() + '，'.len_utf8());
            let body = &s.text[at..];
            let name = self.region.name.as_str();
            let short = self.region.short.as_str();
            let named_by = body.strip_prefix(name).or_else(|| body.strip_prefix(short));
            let of_a_part = named_by.is_some_and(|after| {
                // 上栗县桐木镇…, 上栗县桐木片区…工程与…, 芦溪信诚现代农业产业园是…: the
                // subject is a part or a thing.
                let clause = after.split('，').next().unwrap_or(after);
                opens_with_a_part(after)
                    || (!self.opens_with_a_verb(after)
                        && self
                            .phrases()
                            .things
                            .iter()
                            .any(|t| clause.contains(t.as_str())))
            });
            let goal = body.contains("提出，");
            if body.strip_prefix(name).is_some_and(pair_of_regions) || of_a_part || goal {
                // 芦溪县与湘东区先后获评…: what follows is not said of both; after 东岚区提出，
                // …, what follows without a subject would read as part of what was set out.
                other = true;
            } else if self.names_place(body) || body.starts_with(self.subject()) {
                other = false;
            } else if self.opens_with_a_verb(body) {
                if other {
                    let named = if at == 0 {
                        self.region.name.as_str()
                    } else {
                        self.subject()
                    };
                    s.text = format!("{}{named}{body}", &s.text[..at]);
                    other = false;
                }
            } else {
                other = true;
            }
        }
    }

    /// Whether words open with a verb or adverb, as a clause without a subject does.
    fn opens_with_a_verb(&self, body: &str) -> bool {
        let p = self.phrases();
        p.verbs
            .iter()
            .chain(p.openers.iter())
            .any(|v| body.starts_with(v.as_str()))
    }
}

/// Whether 全县 must stay before the words that follow it: a figure (全县1988项…) or a stock
/// (全区有…), which would read as the thing's before it; a name it is one of a pair with
/// (全县与…); or a comma.
fn subject_needed(rest: &str) -> bool {
    rest.starts_with(|c: char| c.is_ascii_digit())
        || rest.starts_with(['有', '是', '，'])
        || rest.starts_with(JOINT)
}

/// Words after a name that make it one of a pair or a possessor, not the subject alone.
const JOINT: [char; 7] = ['与', '和', '的', '、', '及', '同', '跟'];

/// Whether the words after a region's name make it one of two regions that are the subject
/// together (芦溪县与湘东区先后获评…), not one that acts with another (萍乡市与中南大学洽谈…).
fn pair_of_regions(rest: &str) -> bool {
    let Some(other) = rest.strip_prefix(['与', '和', '及', '同', '、']) else {
        return false;
    };
    let head: Vec<char> = other.chars().take(7).collect();
    (1..head.len()).any(|i| {
        matches!(head[i], '县' | '区' | '市' | '省' | '州' | '旗') && head.get(i + 1) != Some(&'的')
    })
}

/// The period a sentence opens with, before its first comma (2022年, 十年来, “十三五”期间).
fn period_head(text: &str) -> Option<&str> {
    let (h, _) = text.split_once('，')?;
    let n = h.chars().count();
    let ends = [
        "底",
        "末",
        "假期",
        "年",
        "来",
        "间",
        "期间",
        "以来",
        "季度",
        "月",
        "末期",
        "上半年",
        "下半年",
    ];
    (n <= 12 && ends.iter().any(|e| h.ends_with(e)) && !h.contains(['。', '；'])).then_some(h)
}

/// The year a sentence opens with (2022年，…), or says right after the clause that places
/// the region (芦溪县位于江西省萍乡市，2022年…).
fn opening_year(text: &str) -> Option<String> {
    let candidates = [Some(text), text.split_once('，').map(|(_, rest)| rest)];
    for t in candidates.into_iter().flatten() {
        let head: String = t.chars().take(5).collect();
        if is_year(&head) {
            return Some(head);
        }
    }
    None
}
