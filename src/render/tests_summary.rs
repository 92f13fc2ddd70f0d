//! The 摘要: whose figures it says first; where the region is.

use super::tests::{aud, fact, fixture, rd, region};
use crate::facts::Kind;

#[test]
fn a_summary_speaks_of_the_region_before_a_thing_in_it() {
    let mut facts = Vec::new();
    // The policy reader's lead of 民生 comes before its lead of 乡村振兴; here 民生's figures
    // are an 产业园's, 乡村振兴's the county's own.
    for (name, v, unit) in [
        ("产业园务工人员人均月收入", 3000.0, "元"),
        ("产业园常年用工", 200.0, "人"),
    ] {
        facts.push(fact(Kind::Livelihood, name, Some(v), unit));
    }
    for (name, v, unit) in [
        ("全县食用菌综合产值", 45.0, "亿元"),
        ("全县食用菌年产量", 38.0, "万吨"),
    ] {
        facts.push(fact(Kind::Agriculture, name, Some(v), unit));
    }
    let base = fixture(vec![region("a", None, facts)]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let said = super::summary::summary(&w, rd(aud("policy")), &[]);
    let text: String = said.iter().map(|s| s.text.as_str()).collect();
    let (region, thing) = (text.find("食用菌综合产值"), text.find("产业园"));
    assert!(
        region.is_some() && thing.is_some() && region < thing,
        "the county's figures first: {text}"
    );
}

#[test]
fn a_summary_says_an_amount_before_a_change_alone_and_joins_what_is_short() {
    let mut facts = Vec::new();
    // The investor's lead of 经济 (money): a change alone of tourism against an amount.
    let mut tourism = fact(Kind::Indicator, "旅游收入", None, "");
    tourism.growth = serde_yaml::from_str("{value: 18.2, unit: \"%\"}").unwrap();
    facts.push(tourism);
    facts.push(fact(
        Kind::Indicator,
        "规模以上工业总产值",
        Some(132.5),
        "亿元",
    ));
    // Short figures of two other leads: each alone would be a sentence of a few characters.
    facts.push(fact(Kind::Project, "签约资金", Some(126.0), "亿元"));
    facts.push(fact(Kind::Industry, "马铃薯产业产值", Some(52.3), "亿元"));
    // More of the first lead's kind, for a second round.
    facts.push(fact(Kind::Indicator, "批发业销售额", Some(48.7), "亿元"));
    facts.push(fact(Kind::Indicator, "建筑业总产值", Some(61.2), "亿元"));
    let base = fixture(vec![region("a", None, facts)]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let said = super::summary::summary(&w, rd(aud("investor")), &[]);
    let text: String = said.iter().map(|s| format!("{}。", s.text)).collect();
    let (amount, change) = (text.find("132.5亿元"), text.find("旅游收入"));
    assert!(
        amount.is_some() && amount < change.or(Some(usize::MAX)),
        "the amount leads: {text}"
    );
    // A figure of a few characters (签约资金126亿元) is joined to the sentence before it, and
    // the 摘要 takes more figures to have three sentences.
    assert!(
        said.iter().all(|s| !s.text.starts_with("签约资金")),
        "a sentence too short: {text}"
    );
    assert!(said.len() >= 3, "{text}");
}

#[test]
fn a_place_whose_name_holds_its_city_names_the_city_once() {
    let mut city = region("baita", None, Vec::new());
    city.name = "白塔市".into();
    city.province = Some("内蒙古自治区".into());
    let mut district = region("songchuan", Some("baita"), Vec::new());
    district.name = "白塔市松川区".into();
    let mut other = region("qiao", Some("baita"), Vec::new());
    other.name = "桥东区".into();
    let base = fixture(vec![city, district, other]);
    let full = |i: usize| {
        let ctx = crate::render::BriefContext::new(
            &base,
            &base.regions[i],
            rd(aud("investor")),
            super::tests::DATE,
        );
        ctx.frame.full
    };
    assert_eq!(full(1), "内蒙古自治区白塔市松川区");
    assert_eq!(full(2), "内蒙古自治区白塔市桥东区");
}

#[test]
fn a_figure_without_a_key_is_a_leads_by_its_name_whatever_its_kind() {
    // A new article's facts carry no key, and their kinds are a guess: 签约资金 as a fund.
    let mut facts = vec![
        fact(Kind::Indicator, "全县地区生产总值", Some(186.4), "亿元"),
        fact(Kind::Project, "新签约项目", Some(27.0), "个"),
        fact(Kind::Fund, "签约资金", Some(136.0), "亿元"),
        fact(Kind::Fund, "产业发展专项资金", Some(2.0), "亿元"),
    ];
    for (n, v, u) in [
        ("茶园面积", 12.6, "万亩"),
        ("干茶产量", 1.9, "万吨"),
        ("茶产业综合产值", 52.0, "亿元"),
    ] {
        facts.push(fact(Kind::Industry, n, Some(v), u));
    }
    let base = fixture(vec![region("a", None, facts)]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let said = super::summary::summary(&w, rd(aud("investor")), &[]);
    let text: String = said.iter().map(|s| format!("{}。", s.text)).collect();
    // The 摘要 says the signing as a writer does, count and money in one clause.
    assert!(text.contains("新签约项目27个，签约资金136亿元"), "{text}");
    // And 签约资金 stands in 招商, not under the funds of 营商环境.
    let s = super::plan::sections(&w, rd(aud("investor")), &[]);
    let host = s
        .iter()
        .find(|x| {
            x.before
                .iter()
                .chain(&x.after)
                .flatten()
                .any(|t| t.text.contains("签约资金"))
        })
        .map(|x| x.heading.as_str());
    assert!(host.is_some_and(|h| h.contains("招商引资")), "{host:?}");
}

#[test]
fn a_summary_without_a_profile_names_the_region_by_its_province_and_city() {
    let facts = vec![
        fact(Kind::Indicator, "地区生产总值", Some(186.5), "亿元"),
        fact(Kind::Indicator, "一般公共预算收入", Some(12.1), "亿元"),
        fact(Kind::Project, "签约资金", Some(126.0), "亿元"),
        fact(Kind::Industry, "茶叶产业产值", Some(52.3), "亿元"),
    ];
    let mut city = region("c", None, Vec::new());
    city.name = "青榕市".into();
    city.level = serde_yaml::from_str("市").unwrap();
    city.province = Some("广西壮族自治区".into());
    let base = fixture(vec![city, region("a", Some("c"), facts)]);
    let w = crate::render::Writer::new(&base, &base.regions[1]);
    let said = super::summary::summary(&w, rd(aud("investor")), &[]);
    let first = &said[0].text;
    assert!(
        first.contains("广西壮族自治区青榕市a县地区生产总值"),
        "the first sentence places the region: {said:?}"
    );
    let text: String = said.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(text.matches("青榕市").count(), 1, "{text}");
}

#[test]
fn a_summary_takes_the_figures_its_reader_looks_for_next_before_others() {
    let mut facts = Vec::new();
    for (name, v) in [
        ("地区生产总值", 286.4),
        ("邮政行业业务总量", 62.4),
        ("金融机构存款余额", 486.3),
        ("固定资产投资", 91.2),
    ] {
        let mut f = fact(Kind::Indicator, name, Some(v), "亿元");
        f.growth = serde_yaml::from_str("{value: 6.1, unit: \"%\"}").unwrap();
        facts.push(f);
    }
    facts.push(fact(Kind::Project, "签约资金", Some(126.0), "亿元"));
    let base = fixture(vec![region("a", None, facts)]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let said = super::summary::summary(&w, rd(aud("investor")), &[]);
    let text: String = said.iter().map(|s| format!("{}。", s.text)).collect();
    // The investor's lead of 经济 names 固定资产投资 among what follows its headline: it is
    // taken before figures of its kind the reader does not look for first.
    let at = |n: &str| text.find(n).unwrap_or(usize::MAX);
    assert!(at("固定资产投资") < at("邮政行业业务总量"), "{text}");
    assert!(at("固定资产投资") < at("金融机构存款余额"), "{text}");
}
