//! How one figure is said: the verb of its change, and the pattern of `phrases.yaml` (or its
//! own `say:`, or a goal's) that says it.

use super::words::{aimed, is_year, opens_with_a_part, streak};
use super::Writer;
use crate::facts::phrases::{fill, Phrases};
use crate::facts::Fact;
use crate::render::audiences::bare_name;
use crate::render::format::{format_quantity, format_when, what};

impl Writer<'_> {
    /// The fact's change, with its verb: 增长5%左右, 下降3%, 提高2个百分点.
    pub(super) fn change(&self, f: &Fact) -> Option<(String, String)> {
        let g = f.growth.as_ref()?;
        let c = &self.phrases().change;
        // A rate (%, ‰, 倍, 成) grows; a count or an amount (27家, 168.45亿元) increases; a share
        // in points rises.
        let measure = self.base.vocab.measure(&g.unit);
        let kind = if g.unit == "个百分点" {
            2
        // A level per unit (28微克/立方米) falls and rises, as a rate does.
        } else if matches!(measure, Some("share"))
            || g.unit == "倍"
            || g.unit == "成"
            || g.unit.contains('/')
        {
            0
        } else {
            1
        };
        let price = c.prices.iter().any(|w| f.name.contains(w.as_str()));
        let verb = match (kind, g.value.is_negative()) {
            (0, false) if price => &c.price_up,
            (0, false) => &c.up,
            (0, true) => &c.down,
            (1, false) => &c.more,
            (1, true) => &c.less,
            (_, false) => &c.points_up,
            (_, true) => &c.points_down,
        };
        // A change expected or striven for (预计, 力争) says so before its verb: 预计增长9%,
        // not 增长预计9%.
        let ahead = g
            .qualifier
            .as_deref()
            .filter(|q| Phrases::holds(&self.phrases().ahead, Some(q)));
        let amount = format_quantity(
            &self.base.vocab,
            g.value.magnitude(),
            &g.unit,
            if ahead.is_some() {
                None
            } else {
                g.qualifier.as_deref()
            },
        );
        Some((format!("{}{verb}", ahead.unwrap_or_default()), amount))
    }

    /// The pattern a figure is said by: its own `say:`, a goal's, or the first rule of
    /// `phrases.yaml` that fits it; with the name's stem where the rule says the figure by it.
    pub(super) fn pattern(&self, f: &Fact) -> Option<(String, Option<String>)> {
        let p = self.phrases();
        let measure = f.unit.as_deref().and_then(|u| self.base.vocab.measure(u));
        // The name's stem, where a rule says the figure by it (民生支出占公共财政支出的89.3%).
        let mut stem_said: Option<String> = None;
        // A goal with its period at the head (芦溪县提出，2024年) says no more that it is one;
        // one without says it in its clause (力争达到).
        let headed = f.target && format_when(f).is_some_and(|w| !w.ends_with('后'));
        // A goal's name without the word 目标, which its verb says.
        let goal = f
            .name
            .strip_suffix("目标")
            .filter(|n| n.chars().count() >= 2)
            .unwrap_or(&f.name);
        // A goal that is a share of something (占本级支出约1%) or an estimate (约, 左右) is
        // set, not striven for: it is said as any figure is, without 力争.
        let set =
            f.target && (f.name.contains('占') || Phrases::holds(&p.rough, f.qualifier.as_deref()));
        let pattern: String = match (&f.say, f.target && !set) {
            (Some(s), _) => s.clone(),
            // A goal of change alone: 地区生产总值增长6.5%左右.
            (None, true) if f.value.is_none() && f.growth.is_some() => {
                let name = what(f);
                let stem = p
                    .change_verbs
                    .iter()
                    .chain(&p.change_nouns)
                    .find_map(|w| name.strip_suffix(w.as_str()))
                    .unwrap_or(&name);
                // 拟例县提出，2024年，地区生产总值预期增长6.5%左右: a goal, not a result.
                // A change that says its own aim (预计增长9%) takes neither.
                let own = f
                    .growth
                    .as_ref()
                    .is_some_and(|g| Phrases::holds(&p.ahead, g.qualifier.as_deref()));
                let goal = match (own, headed) {
                    (true, _) => "",
                    (false, true) => "预期",
                    (false, false) => "力争",
                };
                format!("{stem}{goal}{{change}}")
            }
            // A ceiling (城镇调查失业率5.5%以内): 控制在….
            (None, true)
                if f.qualifier
                    .as_deref()
                    .is_some_and(|q| p.within.iter().any(|w| w == q)) =>
            {
                p.target_within.clone()
            }
            // A goal that is something done (新建幼儿园3所) needs no 达到.
            // A goal with its change (预算1860万元、下降5%), or a budget (一般公共预算支出预算
            // 43.5亿元), says the amount plainly: it is set, not striven for.
            (None, true) if headed && (f.growth.is_some() || f.name.ends_with("预算")) => {
                "{name}{value}".to_string()
            }
            // A goal that is something to be done (石桥镇新建智能化大棚, 200座): 力争 before
            // its verb, no 达到; the verb opens the name or follows a place (…镇, …开发区).
            (None, true) => match self.verb_at(goal) {
                Some(at) => {
                    // A verb of aim (计划实施, 争取) needs no 力争 before it.
                    let own_aim = aimed(p, f) && f.qualifier.as_deref() != Some("力争");
                    let aim =
                        if own_aim || p.aims.iter().any(|a| goal[at..].starts_with(a.as_str())) {
                            ""
                        } else {
                            "力争"
                        };
                    format!("{}{aim}{}{{value}}", &goal[..at], &goal[at..])
                }
                // A name that says its aim (全年计划实施重点项目) takes its figure plainly.
                None if Phrases::mentions(&p.aims, goal) => "{name}{value}".to_string(),
                None if headed => p.target.clone(),
                None => p.target_open.clone(),
            },
            // A streak (县级财力用于民生的比重连续保持在八成以上, 5年): its years stand after
            // 连续, as a writer puts them (连续5年保持在八成以上).
            (None, false) if streak(f) => {
                let (before, after) = f.name.split_once("连续").unwrap_or((&f.name, ""));
                format!("{before}连续{{value}}{after}")
            }
            // A change alone (占地区生产总值的比重提高0.8个百分点) is said by its whole name: a
            // rule's words around the figure (…的{value}) would stand without one.
            (None, false) if f.value.is_none() => "{name}{value}".to_string(),
            // A goal set (城镇化率52%左右) still says what is to be reached: 城镇化率达到52%左右;
            // one with a verb of its own (新建保障性住房500套左右) or a share (占…) says it plainly.
            (None, false)
                if set
                    && f.value.is_some()
                    && !f.name.contains('占')
                    && self.verb_at(goal).is_none() =>
            {
                p.target_set.clone()
            }
            (None, false) => {
                let verbal = f
                    .qualifier
                    .as_deref()
                    .is_some_and(|q| p.verbal.iter().any(|v| v == q));
                let rule = p.rule(f.key.as_deref(), f.kind, measure, &f.name, verbal)?;
                let stem = Phrases::stem(rule, &f.name);
                let say = rule.say.as_deref()?;
                if let Some((said, rest)) = scoped_rank(&p.scopes, stem, say) {
                    return Some((said, Some(rest)));
                }
                if say.starts_with("{stem}") {
                    stem_said = Some(stem.to_string());
                }
                say.replace("{stem}", stem)
            }
        };
        Some((pattern, stem_said))
    }

    /// Whether a name's stem names one project (光伏储能一体化项目), not a class of them (重点项目,
    /// 新开工项目, 10亿元以上项目: a word of `project_classes`), whose 总投资 is a year's.
    pub(super) fn named_project(&self, stem: &str) -> bool {
        let p = self.phrases();
        stem.strip_suffix("项目")
            .is_some_and(|n| n.chars().count() >= 4 && !Phrases::mentions(&p.project_classes, n))
    }

    /// The one project a figure's name is of (年产30万吨马铃薯全粉项目 of …项目占地面积), where
    /// the name goes on after it with what the project lastingly is (a word of `lasting`): the
    /// project, not the region, is the figure's subject. A name that opens with a verb
    /// (累计引进…项目) is the region's doing.
    pub(crate) fn project_of<'n>(&self, name: &'n str) -> Option<&'n str> {
        let p = self.phrases();
        let stem = p.lasting_stem(name)?;
        let opens_with_verb = p.verbs.iter().any(|v| name.starts_with(v.as_str()));
        (!opens_with_verb && self.named_project(stem)).then_some(stem)
    }

    /// The year a fact's article was published (else the last year of the period it reports).
    fn article_year(&self, f: &Fact) -> Option<i64> {
        let s = self.base.source(&f.source)?;
        crate::render::view::last_year(s.date.as_deref().unwrap_or(&s.period))
    }

    /// Where a goal's name has its verb (新建…, 石桥镇新建…): at its head, or after the place
    /// that is its subject (石桥镇, 全县, or a word of `goal_places`: 开发区); before a word that
    /// only says town or country (two of `where_chars`), which is part of the figure's name
    /// (城镇新增就业: 力争城镇新增就业…, not 城镇力争新增就业…).
    pub(super) fn verb_at(&self, goal: &str) -> Option<usize> {
        let p = self.phrases();
        // A word that says where, not which place (城镇, 农村, 城乡), is part of the predicate:
        // the goal's verb stands before it.
        let where_ = |before: &str| {
            before.chars().count() == 2 && before.chars().all(|c| p.where_chars.contains(c))
        };
        let place = |before: &str| {
            p.goal_places.iter().any(|w| before.ends_with(w.as_str()))
                || before.ends_with(['镇', '乡', '县', '市', '区'])
        };
        p.verbs
            .iter()
            .filter(|v| v.chars().count() >= 2)
            .filter_map(|v| goal.find(v.as_str()))
            .filter_map(|at| match &goal[..at] {
                "" => Some(0),
                before if where_(before) => Some(0),
                before if place(before) => Some(at),
                _ => None,
            })
            .min()
    }

    /// A figure's head (its period, or for a goal what the region set out: 芦溪县提出，2025年)
    /// and the period that is part of its change (年均), which stands before its verb.
    pub(super) fn head_of(&self, f: &Fact) -> (Option<String>, String) {
        let p = self.phrases();
        // A period that is part of the change (年均) stands before its verb, not at the head.
        let (period, per) = match f.period.as_deref() {
            Some(per) if per.ends_with("年均") => (None, per.to_string()),
            other => (other.map(str::to_string), String::new()),
        };
        let when = format_when(&Fact {
            period,
            ..f.clone()
        });
        // A named thing's lasting figure (项目总投资, 占地面积) is what the thing is, not what a
        // year did: it is said without its year.
        let lasting = !f.target
            && f.say.is_none()
            && p.lasting_stem(&f.name).is_some_and(|stem| {
                f.measure.is_some()
                    || self.thing_at_head(&f.name).is_some()
                    || self.named_project(stem)
                    // The region's own area (总面积, 全县总面积) is no year's either.
                    || bare_name(&f.name, self.region, &p.glued_chars) == &f.name[stem.len()..]
            });
        let when = when.filter(|w| !(lasting && is_year(w)));
        // A figure striven for (力争改造…3200户) is a goal whether or not the fact says so.
        let striven = f.target || Phrases::holds(&p.striven, f.qualifier.as_deref());
        // A goal for a year beyond the next of its article (a plan of 2026 for 2030) is what is
        // to be reached by then: 到2030年; one for the year ahead is that year's (2026年).
        let when = match (when, f.year, self.article_year(f)) {
            (Some(w), Some(y), Some(at))
                if striven && is_year(&w) && f.from_year.is_none() && y > at + 1 =>
            {
                Some(fill(&p.target_by, &[("when", &w)]))
            }
            (w, _, _) => w,
        };
        let head = match (when, striven) {
            // 芦溪县提出，2025年…, but 全部达产后 as it is.
            // A part's or a thing's goal (石桥镇食用菌产值…) is not the region's to set out.
            (Some(w), true)
                if f.say.is_none()
                    && !w.ends_with('后')
                    && !opens_with_a_part(&f.name)
                    && self.thing_at_head(&f.name).is_none() =>
            {
                // A goal whose year has passed at the briefing's date, or is the date's own, was
                // set, in its article's year (萍乡市于2022年提出，到2025年，…): in the year it is
                // due a reader cannot take it for what is still ahead, nor for what was reached.
                let set = self.article_year(f).filter(|at| {
                    f.year
                        .zip(self.today)
                        .is_some_and(|(y, today)| y < today || (y == today && *at < today))
                });
                Some(match set {
                    // Set for the year it was set in: 于2024年提出，当年….
                    Some(set) => fill(
                        &p.target_past_head,
                        &[
                            ("when", &w.replacen(&format!("{set}年"), &p.same_year, 1)),
                            ("place", &self.region.name),
                            ("set", &set.to_string()),
                        ],
                    ),
                    None => fill(
                        &p.target_head,
                        &[("when", &w), ("place", &self.region.name)],
                    ),
                })
            }
            (w, _) => w,
        };
        (head, per)
    }
}

/// A rank whose name opens with its scope (全省县域经济综合排名, 第28位) is said with the scope
/// after 居 (县域经济综合居全省第28位): the pattern and the name's stem it opens with.
fn scoped_rank(scopes: &[String], stem: &str, say: &str) -> Option<(String, String)> {
    let (scope, rest) = scopes
        .iter()
        .find_map(|w| stem.strip_prefix(w.as_str()).map(|rest| (w.as_str(), rest)))?;
    (rest.chars().count() >= 2 && say == "{stem}居{value}")
        .then(|| (format!("{rest}居{scope}{{value}}"), rest.to_string()))
}
