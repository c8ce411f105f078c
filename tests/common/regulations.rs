//! Pairs of different regulations on one subject (files in tests/fixtures/regulations/,
//! without `.txt`): much in common, much rewritten, the hard case for alignment. Shared by
//! tests/align.rs and tests/symmetry.rs (included with `#[path]`).

pub const RELATED_REGULATIONS: &[(&str, &str)] = &[
    (
        "henan_laodong_baozhang_jiancha_2010",
        "qingdao_laodong_baozhang_jiancha_2022",
    ),
    (
        "shandong_laodong_baozhang_jiancha_2020",
        "zhejiang_laodong_baozhang_jiancha_2020",
    ),
    ("henan_gonghui_tiaoli_2004", "chongqing_gonghui_tiaoli_2011"),
    (
        "zhengzhou_shishi_gonghuifa_banfa_1994",
        "beijing_shishi_gonghuifa_banfa",
    ),
];
