//! Rules of Chinese figures found wanting on a county's 统计公报 and a report of its first
//! three quarters (tests/fixtures/county-gx): each test holds one rule, with sentences of our
//! own making.

use super::tests::{read, shown};
use super::Role;

#[test]
fn the_head_after_a_lists_last_item_is_every_items() {
    let r = read("纺织、新型建材产业产值分别增长8.2%、11.6%。");
    assert_eq!(
        shown(&r),
        [
            "8.2% Change [纺织产业产值] ",
            "11.6% Change [新型建材产业产值] "
        ]
    );
    // Modifiers of one kind (市级, 县级) share what follows the last one's.
    let r = read("市级、县级示范合作社分别达到12家、35家。");
    assert_eq!(
        shown(&r),
        [
            "达到12家 Main [市级示范合作社] ",
            "35家 Main [县级示范合作社] "
        ]
    );
}

#[test]
fn counts_listed_after_a_respectively_are_changes_in_their_own_unit() {
    let r = read("年末专精特新、科技型中小企业数分别达到14家、52家，分别比上年末增加3家、9家。");
    let s = shown(&r);
    assert_eq!(
        s[..2],
        [
            "达到14家 Main [专精特新企业数] ",
            "52家 Main [科技型中小企业数] "
        ],
        "{s:?}"
    );
    // Each change is its own item's, by position.
    let of: Vec<Option<usize>> = r.items.iter().map(|it| it.of).collect();
    assert_eq!(of, [None, None, Some(0), Some(1)], "{s:?}");
    assert_eq!(r.items[3].role, Role::Change);
}
