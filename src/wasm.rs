//! The only boundary with JavaScript.
//!
//! Everything crosses as plain data: options in (read by hand, [`options_from`]), serde
//! DTOs out as plain JS objects through `serde_wasm_bindgen`, and every failure through one
//! funnel, [`into_error`], as a JS `Error` whose message a user can read. Core types know
//! nothing of wasm-bindgen.

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

/// Reads the options object by hand rather than through serde, whose type errors format
/// numbers with `<f64 as Display>` (14 KB of wasm). Accepts what `serde_wasm_bindgen`
/// accepted: `undefined`, `null` or any object; each option is read as a property (own or
/// inherited, as `obj[key]` reads it), a missing one (`undefined` and not `in` the object)
/// keeps its default, and a present one must have its type. Errors keep serde's wording,
/// with numbers as JavaScript prints them.
fn options_from(value: JsValue) -> Result<CompareOptions, JsValue> {
    let mut options = CompareOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    if !value.is_object() {
        return Err(invalid_type(&value, "struct CompareOptions"));
    }
    for (key, flag) in [
        ("ignoreWhitespace", &mut options.ignore_whitespace),
        ("foldWidth", &mut options.fold_width),
        ("ignorePunctuation", &mut options.ignore_punctuation),
        ("foldNumerals", &mut options.fold_numerals),
    ] {
        if let Some(field) = option_field(&value, key)? {
            *flag = field
                .as_bool()
                .ok_or_else(|| invalid_type(&field, "a boolean"))?;
        }
    }
    if let Some(field) = option_field(&value, "timeBudgetMs")? {
        let ms = field.as_f64().ok_or_else(|| invalid_type(&field, "u32"))?;
        // -0 is a whole number too, as it was for serde.
        if ms.trunc() != ms || !(0.0..=f64::from(u32::MAX)).contains(&ms) {
            return Err(options_error(format!(
                "invalid value: {}, expected u32",
                describe(&field)
            )));
        }
        options.time_budget_ms = ms as u32;
    }
    Ok(options)
}

/// `object[key]`, or `None` when the key is missing (`undefined` and not `key in object`).
fn option_field(object: &JsValue, key: &str) -> Result<Option<JsValue>, JsValue> {
    let key = JsValue::from_str(key);
    let field = js_sys::Reflect::get(object, &key)?;
    if field.is_undefined() && !js_sys::Reflect::has(object, &key)? {
        return Ok(None);
    }
    Ok(Some(field))
}

/// serde's "invalid type" message, describing the value as JavaScript prints it.
fn invalid_type(value: &JsValue, expected: &str) -> JsValue {
    options_error(format!(
        "invalid type: {}, expected {expected}",
        describe(value)
    ))
}

/// An options error, worded as serde_wasm_bindgen's were: they were JS errors turned into
/// strings, hence the "Error: " in the message.
fn options_error(message: String) -> JsValue {
    into_error(format!("Error: {message}"))
}

fn describe(value: &JsValue) -> String {
    if value.is_undefined() || value.is_null() {
        "unit value".to_owned()
    } else if let Some(text) = value.as_string() {
        format!("string {}", js_json(value).unwrap_or(text))
    } else if value.as_bool().is_some() {
        format!("boolean `{}`", js_string(value))
    } else if value.as_f64().is_some() {
        format!("number `{}`", js_string(value))
    } else {
        format!("JsValue({})", js_string(value))
    }
}

/// `String(value)`, or a placeholder when the value's own `toString` throws.
fn js_string(value: &JsValue) -> String {
    js_string_of(value).unwrap_or_else(|_| "?".to_owned())
}

/// `JSON.stringify(value)`: a string with quotes and escapes, as serde showed it.
fn js_json(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value).ok()?.as_string()
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = String)]
    fn js_string_of(value: &JsValue) -> Result<String, JsValue>;
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
