//! Rules of Chinese figures found wanting on a city's 统计公报 and a 高新区's press conference
//! written blind to the rules: each test holds one rule, with sentences of our own making.

use super::tests::{read, shown};
use super::time::period_in;
use crate::article::Article;

#[test]
fn counts_written_before_their_items_are_each_of_the_item_named_after_them() {
    let r = read("全县拥有3个省级、12个市级重点实验室，建成9所公办、4所民办幼儿园。");
    assert_eq!(
        shown(&r),
        [
            "3个 Main [拥有省级重点实验室] ",
            "12个 Main [市级重点实验室] ",
            "9所 Main [建成公办幼儿园] ",
            "4所 Main [民办幼儿园] ",
        ]
    );
    // A list of figures each with a thing of its own keeps them apart.
    let r = read("设立3000万元中小企业发展专项资金、1000万元科技创新专项资金。");
    assert_eq!(
        shown(&r),
        [
            "3000万元 Main [设立中小企业发展专项资金] ",
            "1000万元 Main [科技创新专项资金] ",
        ]
    );
}

#[test]
fn a_span_of_months_and_the_end_of_one_are_periods() {
    let period = |t: &str| {
        let a = Article::parse(t);
        period_in(&a, 0, a.chars.len())
    };
    assert_eq!(period("1—9月，").as_deref(), Some("1—9月"));
    assert_eq!(period("1-8月份，").as_deref(), Some("1-8月"));
    assert_eq!(period("截至9月底，").as_deref(), Some("截至9月底"));
    assert_eq!(period("9月，全县").as_deref(), None);
    assert_eq!(period("2024年10月").as_deref(), None);
}
