//! The 摘要: whose figures it says first.

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
