//! Rules of Chinese figures found wanting on two more genres written blind to the rules (a
//! county's 政府工作报告 with its goals, a 文旅局's holiday release): each test holds one
//! rule, with sentences of our own making.

use super::tests::{figures, read, shown};

#[test]
fn thousands_set_apart_by_a_space_are_one_figure() {
    assert_eq!(
        figures("改造棚户区1 650户，安置群众12 480 人，新增绿地3 200平方米。"),
        ["1650户", "12480人", "3200平方米"]
    );
    // Not a group of three, or a year before its unit: two numbers, or none.
    assert_eq!(
        figures("全年 8 个项目开工，投资 2.5 亿元，2024 年新增 36 家。"),
        ["8个", "2.5亿元", "36家"]
    );
}

#[test]
fn both_bounds_of_a_range_of_growth_are_changes() {
    let r = read("预期目标：地区生产总值增长5.5%—6%，居民收入增长6%至7%。");
    assert_eq!(
        shown(&r),
        [
            "5.5% Change [地区生产总值] ",
            "6% Change [地区生产总值] ",
            "6% Change [居民收入] ",
            "7% Change [居民收入至] ",
        ]
    );
}

#[test]
fn a_bound_written_chao_n_de_before_the_thing_counted_is_no_figure() {
    assert_eq!(
        figures("新签约项目24个，其中投资超5亿元的项目6个、投资不足1亿元的项目9个。"),
        ["24个", "6个", "9个"]
    );
    // A share of the things counted is the figure: 超80%的企业.
    assert_eq!(
        figures("超过60%的企业、40%以上的合作社完成了数字化改造。"),
        ["超过60%", "40%以上"]
    );
}

#[test]
fn verbs_listed_ahead_of_a_list_are_every_items() {
    let r = read("新建、改扩建卫生院和村卫生室分别为4所、23所。");
    assert_eq!(
        shown(&r),
        [
            "4所 Main [新建改扩建卫生院] ",
            "23所 Main [新建改扩建村卫生室] "
        ]
    );
    // Items that are not short words stay split at 、 (国有企业、外商及港澳台商投资企业).
    let r = read("国有企业、外商及港澳台商投资企业分别新增12家、8家。");
    assert_eq!(
        shown(&r),
        [
            "12家 Main [国有企业] ",
            "8家 Main [外商及港澳台商投资企业] "
        ]
    );
}

#[test]
fn changes_of_a_town_and_country_pair_share_their_clause() {
    let r = read("2021年以来，城乡居民收入年均分别增长6.1%和8.3%。");
    assert_eq!(
        shown(&r),
        [
            "6.1% Change [城乡居民收入以来] ",
            "8.3% Change [城乡居民收入以来] "
        ]
    );
    // Shared: neither may claim the clause over the other; verify pins 城镇 to the first.
    assert!(r.items.iter().all(|it| it.shared), "{:?}", r.items);
}
