//! Rules of Chinese figures found wanting on a county's 年鉴 entry and a 农业农村局's 年度工作
//! 总结 written blind to the rules: each test holds one rule, with sentences of our own making.

use super::tests::{read, shown};

#[test]
fn the_upper_bound_of_a_range_of_changes_is_no_change_of_a_figure_before() {
    let r = read("总产量达到20万吨；农业总产值增长3%—4%。");
    let changes: Vec<Option<usize>> = r.items.iter().map(|it| it.of).collect();
    assert_eq!(changes, [None, None, None], "{:?}", shown(&r));
    assert_eq!(r.items[0].change, None);
}

#[test]
fn a_list_naming_only_its_measure_is_of_the_items_listed_before() {
    let r =
        read("其中，普通高中4所、初中19所、小学58所，在校生分别为0.92万人、1.64万人、2.87万人。");
    let s = shown(&r);
    assert_eq!(
        s[3..],
        [
            "0.92万人 Main [普通高中在校生] ",
            "1.64万人 Main [初中在校生] ",
            "2.87万人 Main [小学在校生] ",
        ],
        "{s:?}"
    );
}
