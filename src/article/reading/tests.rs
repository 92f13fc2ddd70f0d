use super::words::content_words;
use super::*;

pub(super) fn read(text: &str) -> Reading {
    let period = Period {
        first: Some(2023),
        last: Some(2023),
        now: Some(2023),
        part: None,
        holiday: None,
    };
    Reading::new(text, &Vocabulary::builtin(), period)
}

/// The figures a fact would carry, as printed.
pub(super) fn figures(text: &str) -> Vec<String> {
    let r = read(text);
    (0..r.items.len())
        .filter(|&i| r.items[i].figure)
        .map(|i| r.fig(i).display(&r.article))
        .collect()
}

/// Each item as `figure role subject year`.
pub(super) fn shown(r: &Reading) -> Vec<String> {
    (0..r.items.len())
        .map(|i| {
            let it = &r.items[i];
            let of = it
                .of
                .map(|m| format!(" of {}", r.fig(m).display(&r.article)))
                .unwrap_or_default();
            format!(
                "{} {:?}{of} [{}] {}",
                r.fig(i).display(&r.article),
                it.role,
                content_words(&r.subject_text(i)),
                it.year.map(|y| y.to_string()).unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn a_clause_without_a_subject_continues_the_one_before() {
    let r = read("初步核算，全年全县地区生产总值1313.70亿元，按不变价格计算，比上年增长18.0%。其中，第一产业增加值131.40亿元，增长4.1%；第二产业增加值521.36 亿元，增长9.8%。");
    assert_eq!(
        shown(&r),
        [
            "1313.70亿元 Main [地区生产总值] 2023",
            "18.0% Change of 1313.70亿元 [地区生产总值] 2023",
            "131.40亿元 Main [第一产业增加值] ",
            "4.1% Change of 131.40亿元 [第一产业增加值] ",
            "521.36亿元 Main [第二产业增加值] ",
            "9.8% Change of 521.36亿元 [第二产业增加值] ",
        ]
    );
}

#[test]
fn enumerations_pair_by_position() {
    let r = read("规模以上工业增加值、固定资产投资年均增长9%、13%。");
    assert_eq!(
        shown(&r),
        [
            "9% Change [规模以上工业增加值] ",
            "13% Change [固定资产投资] "
        ]
    );
    let r = read("早稻、晚稻产量分别为38.6万吨和55.2万吨，分别增长1.8%、3.5%。其中，工业投资、基础设施投资、民间投资分别增长21.5%、6.4%和9.0%。");
    assert_eq!(
        shown(&r),
        [
            "38.6万吨 Main [早稻产量] ",
            "55.2万吨 Main [晚稻产量] ",
            "1.8% Change of 38.6万吨 [早稻产量] ",
            "3.5% Change of 55.2万吨 [晚稻产量] ",
            "21.5% Change [工业投资] ",
            "6.4% Change [基础设施投资] ",
            "9.0% Change [民间投资] ",
        ]
    );
}

#[test]
fn a_change_with_a_subject_of_its_own_stands_alone() {
    let r = read("全年全县规模以上工业增加值比上年增长12.4%。年末规模以上工业企业达到312家，比上年末增加27家。");
    assert_eq!(
        shown(&r),
        [
            "12.4% Change [规模以上工业增加值] 2023",
            "达到312家 Main [规模以上工业企业] ",
            "27家 Change of 达到312家 [规模以上工业企业] ",
        ]
    );
}

#[test]
fn the_year_is_the_sentences_never_a_neighbours() {
    let r = read("2020年，全县接待游客100万人次。全县培训833人次，办理367件。2021年，农村居民人均可支配收入达22862元，较2012年的9999.5元增长128.63%。城镇化率较2016年提高17.7个百分点。");
    let years: Vec<Option<i64>> = r.items.iter().map(|i| i.year).collect();
    assert_eq!(
        years,
        [
            Some(2020),
            None,
            None,
            Some(2021),
            Some(2012),
            Some(2021),
            None
        ]
    );
    assert_eq!(r.items[4].role, Role::Base);
    assert_eq!(r.items[6].role, Role::Change);
}

#[test]
fn numerals_in_words_are_no_figures() {
    let r = read("汽车零部件产业加快发展。三次产业结构比为10.0:39.7:50.3。建成两个产业园，开展“五个一流”行动，连续五年获评先进。");
    let figures: Vec<String> = (0..r.items.len())
        .filter(|&i| r.items[i].figure)
        .map(|i| r.fig(i).display(&r.article))
        .collect();
    // The ratio itself is no figure; the shares it states are written out after it.
    assert_eq!(figures, ["10.0%", "39.7%", "50.3%", "2个", "5年"]);
}

#[test]
fn a_change_before_its_figure() {
    let r = read("十年间，农业新型经营主体增长2.13倍，达6532个，培育职业农民14248人。");
    assert_eq!(
        shown(&r),
        [
            "10年 Main [间] ",
            "2.13倍 Change of 达6532个 [农业新型经营主体] ",
            "达6532个 Main [农业新型经营主体] ",
            "14248人 Main [培育职业农民] ",
        ]
    );
}

#[test]
fn a_conversion_belongs_to_its_figure() {
    let r = read("粮食种植面积17.8公顷(267亩)，比上年增加0.3公顷。");
    assert_eq!(
        shown(&r),
        [
            "17.8公顷 Main [粮食种植面积] ",
            "267亩 Conversion of 17.8公顷 [粮食种植面积] ",
            "0.3公顷 Change of 17.8公顷 [粮食种植面积] ",
        ]
    );
}

#[test]
fn a_bulletins_table_reads_as_its_sentences() {
    let r = read("表1  主要产品产量\n\n指标名称\t单位\t绝对数\t比上年增长(%)\n发电量\t亿千瓦时\t18.36\t4.2\n水泥\t万吨\t426.8\t-3.5\n");
    assert_eq!(
        shown(&r),
        [
            "18.36亿千瓦时 Main [发电量] ",
            "4.2% Change of 18.36亿千瓦时 [发电量] ",
            "426.8万吨 Main [水泥] ",
            "3.5% Change of 426.8万吨 [水泥] ",
        ]
    );
    assert!(r.items[3].decline);
}
