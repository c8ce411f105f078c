//! DTOs to JS values in two steps: serde writes a flat tape of tokens (generic, so its code
//! is copied for every type, but each copy only pushes to a `Vec`), and one non-generic
//! function builds the JS objects from the tape.
//!
//! `serde_wasm_bindgen`'s serializer built the JS values directly, so every type's copy
//! carried the calls into JavaScript; this gives the same values — plain objects with the
//! fields in declaration order, arrays, numbers (`f32` widened exactly as before), strings,
//! booleans, `undefined` for `None` — with less code.

use serde::ser::{self, Serialize};
use std::fmt;
use wasm_bindgen::JsValue;

/// Serialises `value` into JS values, as `serde_wasm_bindgen` with default settings did.
pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let mut tape = Tape::default();
    value
        .serialize(&mut tape)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.0)))?;
    let keys: Vec<JsValue> = tape.keys.iter().map(|&k| JsValue::from_str(k)).collect();
    let mut tokens = tape.tokens.iter();
    build(&mut tokens, &keys)
}

enum Token {
    Undefined,
    Bool(bool),
    Number(f64),
    Str(String),
    /// An array of the next `n` values.
    Array(u32),
    /// An object of the next `n` (key, value) pairs.
    Object(u32),
    /// A field name: an index into `Tape::keys`.
    Key(u32),
}

#[derive(Default)]
struct Tape {
    tokens: Vec<Token>,
    /// Field names, each once: their JS strings are made once per call.
    keys: Vec<&'static str>,
}

impl Tape {
    fn key(&mut self, key: &'static str) {
        let id = match self
            .keys
            .iter()
            .position(|&k| std::ptr::eq(k, key) || k == key)
        {
            Some(id) => id,
            None => {
                self.keys.push(key);
                self.keys.len() - 1
            }
        };
        self.tokens.push(Token::Key(id as u32));
    }

    /// Starts an array or object whose size is counted as its items come.
    fn open(&mut self, object: bool) -> Compound<'_> {
        let at = self.tokens.len();
        self.tokens.push(if object {
            Token::Object(0)
        } else {
            Token::Array(0)
        });
        Compound {
            tape: self,
            at,
            n: 0,
        }
    }

    fn number(&mut self, v: f64) -> Result<(), Error> {
        self.tokens.push(Token::Number(v));
        Ok(())
    }
}

fn build(tokens: &mut std::slice::Iter<'_, Token>, keys: &[JsValue]) -> Result<JsValue, JsValue> {
    Ok(match tokens.next() {
        None | Some(Token::Undefined) | Some(Token::Key(_)) => JsValue::UNDEFINED,
        Some(Token::Bool(b)) => JsValue::from_bool(*b),
        Some(Token::Number(v)) => JsValue::from_f64(*v),
        Some(Token::Str(s)) => JsValue::from_str(s),
        Some(Token::Array(n)) => {
            let array = js_sys::Array::new();
            for _ in 0..*n {
                array.push(&build(tokens, keys)?);
            }
            array.into()
        }
        Some(Token::Object(n)) => {
            let object = js_sys::Object::new();
            for _ in 0..*n {
                let key = match tokens.next() {
                    Some(Token::Key(id)) => keys.get(*id as usize),
                    _ => None,
                };
                let value = build(tokens, keys)?;
                if let Some(key) = key {
                    js_sys::Reflect::set(&object, key, &value)?;
                }
            }
            object.into()
        }
    })
}

/// A serialisation failure: a type the DTOs never use.
#[derive(Debug)]
pub(super) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn unsupported<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!("cannot serialise {what} for JavaScript")))
}

/// An array or object being written; `end` records how many items it got.
pub(super) struct Compound<'a> {
    tape: &'a mut Tape,
    at: usize,
    n: u32,
}

impl Compound<'_> {
    fn item<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.n += 1;
        value.serialize(&mut *self.tape)
    }

    fn end(self) -> Result<(), Error> {
        if let Some(Token::Array(n) | Token::Object(n)) = self.tape.tokens.get_mut(self.at) {
            *n = self.n;
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.tape.key(key);
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// The compound kinds the DTOs never use.
pub(super) enum Never {}

macro_rules! never {
    ($trait:ident, $($method:ident($($arg:ident: $ty:ty),*)),*) => {
        impl ser::$trait for Never {
            type Ok = ();
            type Error = Error;
            $(fn $method<T: ?Sized + Serialize>(&mut self, $($arg: $ty),*) -> Result<(), Error> {
                let _ = ($($arg),*);
                match *self {}
            })*
            fn end(self) -> Result<(), Error> {
                match self {}
            }
        }
    };
}

never!(SerializeTupleVariant, serialize_field(value: &T));
never!(SerializeStructVariant, serialize_field(key: &'static str, value: &T));

impl ser::SerializeMap for Never {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, _: &T) -> Result<(), Error> {
        match *self {}
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, _: &T) -> Result<(), Error> {
        match *self {}
    }
    fn end(self) -> Result<(), Error> {
        match self {}
    }
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Never;
    type SerializeMap = Never;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Never;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.tokens.push(Token::Bool(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.number(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.number(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.number(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        // As serde_wasm_bindgen: a number when exact, an error beyond 2^53.
        const SAFE: i64 = (1 << 53) - 1;
        if (-SAFE..=SAFE).contains(&v) {
            self.number(v as f64)
        } else {
            unsupported("an integer beyond 2^53")
        }
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.number(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.number(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.number(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        if v < 1 << 53 {
            self.number(v as f64)
        } else {
            unsupported("an integer beyond 2^53")
        }
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.number(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.tokens.push(Token::Str(v.to_string()));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.tokens.push(Token::Str(v.to_owned()));
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.tokens.push(Token::Undefined);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.tokens.push(Token::Undefined);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        unsupported("an enum variant with data")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(false))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(false))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(false))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Never, Error> {
        unsupported("an enum variant with data")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Never, Error> {
        unsupported("a map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(true))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Never, Error> {
        unsupported("an enum variant with data")
    }
}
