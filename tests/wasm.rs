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

#[wasm_bindgen_test]
fn read_errors_carry_a_code_for_the_page_to_word() {
    let error =
        notice_diff::wasm::read_file(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", Some("scan.pdf".into()))
            .expect_err("a PDF is refused");
    let field = |name: &str| {
        js_sys::Reflect::get(&error, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    assert!(wasm_bindgen::JsCast::is_instance_of::<js_sys::Error>(
        &error
    ));
    assert_eq!(field("code").as_deref(), Some("unsupported_format"));
    assert_eq!(field("kind").as_deref(), Some("pdf"));
    assert!(field("message").is_some_and(|m| m.contains("PDF")));
}
