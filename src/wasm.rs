//! The only boundary with JavaScript.
//!
//! Everything crosses as plain serde data (`serde-wasm-bindgen`): options in, DTOs out, and
//! every failure through one funnel, [`into_error`], as a JS `Error` whose message a user
//! can read. Core types know nothing of wasm-bindgen.

use crate::options::CompareOptions;
use crate::read::{read, ReadError, ReadOptions};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** See docs/schema.md for the full shape. */
export interface CompareOptions {
  ignoreWhitespace?: boolean;
  foldWidth?: boolean;
  ignorePunctuation?: boolean;
  foldNumerals?: boolean;
  timeBudgetMs?: number;
}
"#;

fn into_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// A read failure as a JS `Error` that also carries the stable `code` (and, for unsupported
/// files, the detected `kind`), so the UI can word its own message in the page's language.
fn into_read_error(error: ReadError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code().into());
    if let Some(kind) = error.file_kind() {
        let _ = js_sys::Reflect::set(&js, &"kind".into(), &kind.code().into());
    }
    for (key, value) in [("size", error.size()), ("limit", error.limit())] {
        if let Some(value) = value {
            let _ = js_sys::Reflect::set(&js, &key.into(), &(value as f64).into());
        }
    }
    js.into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Plain objects, not ES `Map`s, so the page can read fields directly.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(into_error)
}

fn options_from(value: JsValue) -> Result<CompareOptions, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(CompareOptions::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(into_error)
}

/// The version of the [`crate::Comparison`] shape this build returns.
#[wasm_bindgen(js_name = schemaVersion)]
pub fn schema_version() -> u32 {
    crate::compare::SCHEMA_VERSION
}

/// Compares two texts; returns a `Comparison` (docs/schema.md).
#[wasm_bindgen]
pub fn compare(left: &str, right: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let options = options_from(options)?;
    to_js(&crate::compare::compare(left, right, &options))
}

/// The outline of one text.
#[wasm_bindgen]
pub fn outline(text: &str) -> Result<JsValue, JsValue> {
    to_js(&crate::outline::outline(text))
}

/// Reads a file's bytes as a notice's text; returns `{ text, format, encoding }` or throws
/// an `Error` whose message says what the file is and what is accepted, with a stable
/// `code` property (`empty`, `too_large`, `unsupported_format`, `undecodable`, `bad_docx`,
/// `zip_bomb`) and, for unsupported files, `kind` (`pdf`, `png`, …).
#[wasm_bindgen(js_name = readFile)]
pub fn read_file(bytes: &[u8], file_name: Option<String>) -> Result<JsValue, JsValue> {
    let document =
        read(bytes, file_name.as_deref(), &ReadOptions::default()).map_err(into_read_error)?;
    to_js(&document)
}
