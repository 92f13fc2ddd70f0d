use super::figure::{figures, growth_word_before, Figure};
use super::numeral::parse_chinese;
use super::period::{current_year, years_in, Period};
use super::*;
use crate::facts::{FactBase, Source, Vocabulary};

fn figs(text: &str) -> Vec<Figure> {
    let a = Article::parse(text);
    figures(&a, &Vocabulary::builtin())
}

/// The figures of a text with a unit, as the fact base would print them.
fn shown(text: &str) -> Vec<String> {
    let a = Article::parse(text);
    figures(&a, &Vocabulary::builtin())
        .iter()
        .filter(|f| f.unit.is_some() && !f.year)
        .map(|f| f.display(&a))
        .collect()
}

#[test]
fn chinese_numerals() {
    assert_eq!(parse_chinese("两"), Some(2.0));
    assert_eq!(parse_chinese("十"), Some(10.0));
    assert_eq!(parse_chinese("十二"), Some(12.0));
    assert_eq!(parse_chinese("二十"), Some(20.0));
    assert_eq!(parse_chinese("一百二十"), Some(120.0));
    assert_eq!(parse_chinese("三万五千"), Some(35000.0));
    assert_eq!(parse_chinese("一千零五"), Some(1005.0));
    assert_eq!(parse_chinese("二〇二二"), Some(2022.0));
    assert_eq!(parse_chinese("十三五"), None);
    assert_eq!(parse_chinese("三三"), None);
    assert_eq!(parse_chinese("百"), None);
    assert_eq!(parse_chinese("万"), None);
}

#[test]
fn chinese_numerals_are_exact_or_refused() {
    assert_eq!(parse_chinese("零点五"), Some(0.5));
    assert_eq!(parse_chinese("一点二"), Some(1.2));
    assert_eq!(parse_chinese("十二点零五"), Some(12.05));
    // Too large to keep exactly: no number, never a wrapped or rounded one.
    assert_eq!(parse_chinese("一亿亿亿亿"), None);
    assert_eq!(parse_chinese("一亿亿"), None);
    assert_eq!(parse_chinese("九千九百九十九万亿"), None);
    assert_eq!(parse_chinese("九千万亿"), None);
    assert_eq!(parse_chinese("九千九百万"), Some(99_000_000.0));
    assert_eq!(shown("投资零点五亿元。"), ["0.5亿元"]);
    assert_eq!(shown("投资一点二亿元。"), ["1.2亿元"]);
    assert!(shown("投资一亿亿亿亿元。").is_empty());
    // Twenty digits or more are no figure a fact can keep.
    let a = Article::parse("投资100000000000000000000元。");
    let f = figures(&a, &Vocabulary::builtin());
    assert!(f.iter().all(|f| f.number.figure(&a).is_none()), "{f:?}");
}

#[test]
fn figure_phrases() {
    assert_eq!(shown("实现产值约142亿元。"), ["约142亿元"]);
    assert_eq!(shown("改革1300余项。"), ["1300余项"]);
    assert_eq!(shown("占比75%以上。"), ["75%以上"]);
    assert_eq!(shown("收入达22,862元。"), ["达22,862元"]);
    assert_eq!(shown("收入1313.70亿元。"), ["1313.70亿元"]);
    assert_eq!(shown("企业１２０家。"), ["120家"]);
    assert_eq!(shown("打造两个百亿产业。"), ["2个"]);
    assert_eq!(shown("游客三成以上来自省外。"), ["3成以上"]);
    assert_eq!(shown("进入全国十强。"), ["10强"]);
    assert_eq!(shown("建成一百二十个站点。"), ["120个"]);
    assert_eq!(shown("销往40多个国家。"), ["40多个"]);
    // The unit stays the article's: 1.2万人 is 1.2 万人, never 12000 人.
    assert_eq!(shown("吸纳1.2万人就业。"), ["1.2万人"]);
    assert_eq!(shown("吸纳三万人就业。"), ["3万人"]);
    assert_eq!(shown("吸纳1.2万人次。"), ["1.2万人次"]);
    // No unit, no figure; a year is no figure; 百亿 is an order of magnitude.
    assert!(shown("推进“1+2+N”体系，PM2.5浓度下降。").is_empty());
    assert!(shown("2022年以来，打造百亿产业。").is_empty());
    let f = &figs("2022年")[0];
    assert!(f.year);
}

#[test]
fn ranks_are_ordinals() {
    let f = figs("总分排全省第三。");
    assert_eq!(f.len(), 1);
    assert!(f[0].ordinal && f[0].unit.is_none() && f[0].value() == 3.0);
}

#[test]
fn sentences_join_lines_the_layout_broke() {
    let a = Article::parse(
        "标题\n\n全县持续做优特色产业，新建高标准农田，种植面\n\n积达1.1万亩。第二句。\n",
    );
    let texts: Vec<String> = a.sentences.iter().map(|s| a.text(*s)).collect();
    assert_eq!(
        texts,
        [
            "标题",
            "全县持续做优特色产业，新建高标准农田，种植面积达1.1万亩。",
            "第二句。"
        ]
    );
    assert_eq!(a.paragraphs.len(), 2);
}

#[test]
fn relative_years() {
    let a = Article::parse("今年前三季度产值150亿元，去年120亿元，2021年100亿元。");
    let ys: Vec<i64> = years_in(
        &a,
        0,
        a.chars.len(),
        Period {
            first: Some(2023),
            last: Some(2023),
            now: Some(2023),
            part: None,
            holiday: None,
        },
    )
    .iter()
    .map(|y| y.0)
    .collect();
    // 今年前三季度 names one year.
    assert_eq!(ys, [2023, 2022, 2021]);
}

#[test]
fn growth_words() {
    let a = Article::parse("收入23亿元，下降8.3%，产值增长5%。");
    let f = figures(&a, &Vocabulary::builtin());
    let pct: Vec<&Figure> = f
        .iter()
        .filter(|f| f.unit.as_deref() == Some("%"))
        .collect();
    assert_eq!(growth_word_before(&a, pct[0].number.start), Some("下降"));
    assert_eq!(growth_word_before(&a, pct[1].number.start), Some("增长"));
    assert_eq!(growth_word_before(&a, f[0].number.start), None);
}

#[test]
fn current_year_from_date_or_period() {
    let mut s = Source {
        id: "x".into(),
        title: "t".into(),
        outlet: None,
        date: None,
        period: "2012～2022年".into(),
        url: None,
        file: None,
    };
    assert_eq!(current_year(&s), Some(2022));
    s.date = Some("2023-01-05".into());
    assert_eq!(current_year(&s), Some(2023));
}

/// The fixture article against the fixture fact base, read through the library.
#[test]
fn fixture_article_verifies() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = FactBase::load(&root.join("tests/fixtures/verify-data")).expect("fixture loads");
    let report = verify::run(
        &base,
        &root.join("tests/fixtures/articles"),
        &verify::Filter::default(),
    );
    assert_eq!(report.unverified, 0, "{}", report.lines.join("\n"));
    assert_eq!(report.verified, 14);
    assert_eq!(report.reviewed, 1);
}

#[test]
fn a_run_of_latin_letters_and_digits_is_one_word_of_a_name() {
    assert_eq!(bigrams("5A级景区"), ["5A级", "级景", "景区"]);
    assert_ne!(bigrams("5A级景区"), bigrams("4A级景区"));
    assert_eq!(bigrams("A级"), ["A级"]);
}
