//! Built-in TOML files parsed at compile time (the segmenter's `rules/lang/en.toml`; rule and
//! check files are typed statics, `rules::file::Static`): `build.rs` turns the file into a
//! static [`Value`] tree, and serde reads the same structs from it as from the TOML text, without
//! parsing anything at start-up.
//!
//! A built-in file that does not read back (never the case for a file that passes the tests) is
//! parsed from its TOML text instead, so that errors name line, column and key as for any file.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// A TOML value as `build.rs` writes it: every string is in the binary's read-only data.
#[derive(Debug)]
pub enum Value {
    Str(&'static str),
    Int(i64),
    Float(f64),
    Bool(bool),
    Array(&'static [Value]),
    /// Keys in the order `build.rs` wrote them (sorted).
    Table(&'static [(&'static str, Value)]),
}

/// Why a [`Value`] does not fit the struct asked for.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Reads a `T` from a built-in file's tree.
pub fn read<T: Deserialize<'static>>(value: &'static Value) -> Result<T, Error> {
    T::deserialize(value)
}

impl<'de> IntoDeserializer<'de, Error> for &'static Value {
    type Deserializer = &'static Value;
    fn into_deserializer(self) -> Self::Deserializer {
        self
    }
}

impl<'de> de::Deserializer<'de> for &'static Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Str(s) => visitor.visit_str(s),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(x) => visitor.visit_f64(*x),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.iter());
                let v = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(v)
            }
            Value::Table(entries) => {
                let mut map = MapDeserializer::new(entries.iter().map(|(k, v)| (*k, v)));
                let v = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(v)
            }
        }
    }

    /// A key that is present holds a value (TOML has no null).
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    /// Unit variants are written as strings (`kind = "pattern"`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Str(s) => visitor.visit_enum((*s).into_deserializer()),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct Sample {
        name: String,
        count: Option<usize>,
        ratio: f64,
        on: bool,
        kind: Kind,
        #[serde(default)]
        words: Vec<String>,
        lists: BTreeMap<String, Vec<String>>,
        #[serde(rename = "test")]
        tests: Vec<Case>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        SourcePhrase,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Case {
        text: String,
    }

    static SAMPLE: Value = Value::Table(&[
        ("count", Value::Int(3)),
        ("kind", Value::Str("source-phrase")),
        (
            "lists",
            Value::Table(&[("a", Value::Array(&[Value::Str("x")]))]),
        ),
        ("name", Value::Str("n")),
        ("on", Value::Bool(true)),
        ("ratio", Value::Int(2)),
        (
            "test",
            Value::Array(&[Value::Table(&[("text", Value::Str("t"))])]),
        ),
    ]);

    #[test]
    fn reads_structs_like_toml() {
        let got: Sample = read(&SAMPLE).unwrap();
        let toml_text = "name = 'n'\ncount = 3\nratio = 2\non = true\nkind = 'source-phrase'\n\
                         [lists]\na = ['x']\n[[test]]\ntext = 't'\n";
        let want: Sample = toml::from_str(toml_text).unwrap();
        assert_eq!(got, want);
        assert_eq!(got.ratio, 2.0);
    }

    #[test]
    fn mismatches_are_errors() {
        static UNKNOWN: Value = Value::Table(&[("nmae", Value::Str("n"))]);
        assert!(read::<Sample>(&UNKNOWN).is_err());
        static BAD_ENUM: Value = Value::Str("phrase");
        assert!(read::<Kind>(&BAD_ENUM).is_err());
        static NEGATIVE: Value = Value::Int(-1);
        assert!(read::<usize>(&NEGATIVE).is_err());
    }
}
