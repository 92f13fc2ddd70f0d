use super::*;

#[test]
fn chinese_numerals() {
    assert_eq!(parse_chinese("两"), Some(2.0));
    assert_eq!(parse_chinese("十"), Some(10.0));
    assert_eq!(parse_chinese("十二"), Some(12.0));
    assert_eq!(parse_chinese("一百二十"), Some(120.0));
    assert_eq!(parse_chinese("三万五千"), Some(35000.0));
    assert_eq!(parse_chinese("一千零五"), Some(1005.0));
    assert_eq!(parse_chinese("二〇二二"), Some(2022.0));
    assert_eq!(parse_chinese("十三五"), None);
    assert_eq!(parse_chinese("三三"), None);
    assert_eq!(parse_chinese("百"), None);
    assert_eq!(parse_chinese("二十"), Some(20.0));
}
