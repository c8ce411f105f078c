//! The wasm build, tested where it runs: in headless Chromium (wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use notice_diff::{Comparison, PairKind, SCHEMA_VERSION};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GUANGYUAN: &str = include_str!("fixtures/seeds/guangyuan-2016-gonghui-7th.txt");
const DALIAN: &str = include_str!("fixtures/seeds/dalian-2020-gonghui-17th.txt");

fn compare(left: &str, right: &str, options: JsValue) -> Comparison {
    let value = notice_diff::wasm::compare(left, right, options).expect("compare succeeds");
    serde_wasm_bindgen::from_value(value).expect("the result decodes into the Rust DTO")
}

#[wasm_bindgen_test]
fn compare_returns_the_native_comparison() {
    let from_js = compare(GUANGYUAN, DALIAN, JsValue::UNDEFINED);
    let native = notice_diff::compare(GUANGYUAN, DALIAN, &Default::default());
    assert_eq!(from_js.schema, SCHEMA_VERSION);
    assert_eq!(from_js.pairs, native.pairs);
    assert_eq!(from_js.similarity, native.similarity);
}

#[wasm_bindgen_test]
fn identical_notices_compare_identical() {
    let comparison = compare(DALIAN, DALIAN, JsValue::NULL);
    assert_eq!(comparison.similarity, 1.0);
    assert!(comparison
        .pairs
        .iter()
        .all(|pair| pair.kind == PairKind::Identical));
}

#[wasm_bindgen_test]
fn bad_options_are_a_readable_error() {
    let options = serde_wasm_bindgen::to_value(&"not an options object").unwrap();
    let error = notice_diff::wasm::compare("甲", "乙", options).unwrap_err();
    let error: js_sys::Error = error.into();
    assert!(!String::from(error.message()).is_empty());
}

/// In the browser, GBK is decoded by the browser's TextDecoder (src/read/charset.rs), not
/// by encoding_rs as natively: the same bytes must give the same text.
#[wasm_bindgen_test]
fn gbk_files_read_in_the_browser_as_natively() {
    let gbk = include_bytes!("fixtures/formats/guangyuan-2016-gonghui-7th.gbk.txt");
    let value = notice_diff::wasm::read_file(gbk, Some("广元.txt".into())).expect("GBK reads");
    let document: serde_json::Value = serde_wasm_bindgen::from_value(value).unwrap();
    assert_eq!(document["encoding"], "GB18030");
    assert_eq!(document["text"], GUANGYUAN);

    let html = include_bytes!("fixtures/formats/wujin-2018-gonghui-17th.gbk.html");
    let value = notice_diff::wasm::read_file(html, Some("wujin.html".into())).unwrap();
    let document: serde_json::Value = serde_wasm_bindgen::from_value(value).unwrap();
    assert_eq!(document["encoding"], "GBK");
    assert!(document["text"].as_str().unwrap().contains("武进区总工会"));
}

#[wasm_bindgen_test]
fn unreadable_files_are_errors_with_a_code() {
    let error = notice_diff::wasm::read_file(b"%PDF-1.7\n...", Some("a.txt".into())).unwrap_err();
    let code = js_sys::Reflect::get(&error, &"code".into()).unwrap();
    assert_eq!(code.as_string().as_deref(), Some("unsupported_format"));
    let kind = js_sys::Reflect::get(&error, &"kind".into()).unwrap();
    assert_eq!(kind.as_string().as_deref(), Some("pdf"));
}

/// Options as the page sends them: a plain object.
fn options(json: serde_json::Value) -> JsValue {
    use serde::Serialize;
    json.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

/// The time budget works in the browser build: similar's deadlines need its
/// `wasm32_web_time` feature there, and the differ checks the clock between regions. The
/// five seed notices end to end, with edits throughout, cannot be diffed in 1 ms, so the
/// comparison must come back marked approximate; without a budget it is exact.
#[wasm_bindgen_test]
fn the_time_budget_applies_in_the_browser() {
    let left = [
        DALIAN,
        GUANGYUAN,
        include_str!("fixtures/seeds/fangshan-2019-beijing-14th.txt"),
        include_str!("fixtures/seeds/quzhou-2018-speech-17th.txt"),
        include_str!("fixtures/seeds/wujin-2018-gonghui-17th.txt"),
    ]
    .concat();
    let right = left.replace("工会", "工人").replace("学习", "研习");
    let hurried = compare(
        &left,
        &right,
        options(serde_json::json!({ "timeBudgetMs": 1 })),
    );
    assert!(
        hurried.approximate,
        "1 ms cannot cover {} bytes",
        left.len()
    );
    let unhurried = compare(
        &left,
        &right,
        options(serde_json::json!({ "timeBudgetMs": 0 })),
    );
    assert!(!unhurried.approximate);
    assert!(unhurried.similarity > hurried.similarity);
}

/// The options are read by hand (src/wasm.rs), with serde_wasm_bindgen's rules: any object,
/// properties as `obj[key]` reads them (inherited ones too), types checked.
#[wasm_bindgen_test]
fn options_are_read_with_serdes_rules() {
    let set = |object: &js_sys::Object, key: &str, value: JsValue| {
        js_sys::Reflect::set(object, &key.into(), &value).unwrap();
    };
    let message = |options: JsValue| {
        let error = notice_diff::wasm::compare("甲", "乙", options).unwrap_err();
        String::from(js_sys::Error::from(error).message())
    };
    assert!(message(JsValue::from_f64(5.0)).contains("expected struct CompareOptions"));
    let wrong = js_sys::Object::new();
    set(&wrong, "foldWidth", JsValue::from_f64(1.0));
    assert!(message(wrong.into()).contains("expected a boolean"));
    for ms in [-1.0, 1.5, 4_294_967_296.0, f64::NAN] {
        let wrong = js_sys::Object::new();
        set(&wrong, "timeBudgetMs", JsValue::from_f64(ms));
        assert!(message(wrong.into()).contains("expected u32"), "{ms}");
    }
    let present_but_undefined = js_sys::Object::new();
    set(
        &present_but_undefined,
        "ignorePunctuation",
        JsValue::UNDEFINED,
    );
    assert!(message(present_but_undefined.into()).contains("expected a boolean"));

    // An inherited option counts, as it did for serde: punctuation ignored, so equal.
    let proto = js_sys::Object::new();
    set(&proto, "ignorePunctuation", JsValue::TRUE);
    let options: JsValue = js_sys::Object::create(&proto).into();
    assert_eq!(compare("一、甲，乙。", "一、甲乙", options).similarity, 1.0);
    assert!(compare("一、甲，乙。", "一、甲乙", JsValue::UNDEFINED).similarity < 1.0);
}
