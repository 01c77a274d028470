//! Reads postcard's wire format (the compact catalog) through serde with an
//! error type that cannot exist, so that the catalog's derived readers have
//! no error paths.
//!
//! Why: read by postcard's own deserializer, each of the catalog's fields
//! could fail, and every failure had to drop what the partly read value
//! already held: 12.7 KiB of the residents' wasm (brotli) went to reading
//! the catalog, most of it those paths (issue 14). Here nothing fails
//! while reading: bytes that cannot be what the writer wrote (cut short, a
//! length past the end, a tag or a variant out of range, text that is not
//! UTF-8) mark the reader [`damaged`](Reader::finish) and read as zeros
//! and empty values until the end, and the caller throws the value away.
//! The checks a type makes itself (a date's text, a tagged record's
//! fields) still call the error type, which panics: `catalog_compact`
//! verifies the bytes' checksum first, so they only meet what the writer
//! wrote from valid values, and the layout tests pin writer and reader
//! together.
//!
//! The format, as postcard 1 writes it: integers as LEB128 varints (signed
//! ones zigzagged), `u8`/`i8` as one byte, floats as little-endian bytes,
//! text and bytes as a varint length then the bytes, options as a 0/1 tag,
//! sequences and maps as a varint length then the items, structs and tuples
//! as their fields in order, enums as a varint variant index then the
//! variant's content.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// The error of a read that cannot fail.
#[derive(Debug)]
pub enum Never {}

impl fmt::Display for Never {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

impl std::error::Error for Never {}

impl de::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        // A type's own check refused bytes the checksum verified: writer and
        // reader disagree (see the module's comment).
        panic!("catalogue compact : le lecteur et l'écrivain ne sont pas d'accord")
    }
}

/// Reads values from postcard's bytes; see [`Reader::finish`].
pub struct Reader<'de> {
    input: &'de [u8],
    damaged: bool,
}

impl<'de> Reader<'de> {
    pub fn new(input: &'de [u8]) -> Self {
        Reader { input, damaged: false }
    }

    /// Whether everything read was what a writer could have written, and
    /// nothing is left over.
    pub fn finish(self) -> bool {
        !self.damaged && self.input.is_empty()
    }

    /// Whether something read so far could not have been written.
    pub fn damaged(&self) -> bool {
        self.damaged
    }

    fn damage(&mut self) {
        self.damaged = true;
        self.input = &[];
    }

    fn take(&mut self, count: usize) -> &'de [u8] {
        if count > self.input.len() {
            self.damage();
            return &[];
        }
        let (taken, rest) = self.input.split_at(count);
        self.input = rest;
        taken
    }

    fn byte(&mut self) -> u8 {
        match self.input.split_first() {
            Some((&byte, rest)) => {
                self.input = rest;
                byte
            }
            None => {
                self.damage();
                0
            }
        }
    }

    fn array<const N: usize>(&mut self) -> [u8; N] {
        self.take(N).try_into().unwrap_or([0; N])
    }

    fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte();
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return value;
            }
        }
        self.damage();
        0
    }

    /// An unsigned varint that must fit in `T`.
    fn unsigned<T: TryFrom<u64> + Default>(&mut self) -> T {
        let value = self.varint();
        T::try_from(value).unwrap_or_else(|_| {
            self.damage();
            T::default()
        })
    }

    /// A zigzagged varint that must fit in `T`.
    fn signed<T: TryFrom<i64> + Default>(&mut self) -> T {
        let raw = self.varint();
        let value = (raw >> 1) as i64 ^ -((raw & 1) as i64);
        T::try_from(value).unwrap_or_else(|_| {
            self.damage();
            T::default()
        })
    }

    /// A length, which cannot exceed the bytes left: every item takes at
    /// least one byte (this also bounds what a damaged length allocates).
    fn length(&mut self) -> usize {
        let length = self.varint();
        if length > self.input.len() as u64 {
            self.damage();
            return 0;
        }
        length as usize
    }

    fn text(&mut self) -> &'de str {
        let length = self.length();
        let bytes = self.take(length);
        std::str::from_utf8(bytes).unwrap_or_else(|_| {
            self.damage();
            ""
        })
    }
}

/// The items of a sequence, tuple, struct or map.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Never;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Never> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Never;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Never> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Never> {
        seed.deserialize(&mut *self.reader)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// An enum's variant: its index, then its content.
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
    count: usize,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Never;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Never> {
        let mut index: u32 = self.reader.unsigned();
        // Out of range, the derived reader would refuse it through the error
        // type: read the first variant instead, the reader marked damaged.
        if index as usize >= self.count {
            self.reader.damage();
            index = 0;
        }
        let value = seed.deserialize(IntoDeserializer::<Never>::into_deserializer(index))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Never;

    fn unit_variant(self) -> Result<(), Never> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Never> {
        seed.deserialize(self.reader)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_seq(Items { reader: self.reader, left: len })
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, Never> {
        visitor.visit_seq(Items { reader: self.reader, left: fields.len() })
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Never;

    /// postcard cannot say what comes next either: no catalog type asks
    /// (the writer's round-trip tests would fail first).
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Never> {
        panic!("catalogue compact : un type demande un format auto-descriptif")
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        self.deserialize_any(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        let byte = self.byte();
        if byte > 1 {
            self.damage();
        }
        visitor.visit_bool(byte == 1)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_i8(self.byte() as i8)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_i16(self.signed())
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_i32(self.signed())
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_i64(self.signed())
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_u8(self.byte())
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_u16(self.unsigned())
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_u32(self.unsigned())
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_u64(self.varint())
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_f32(f32::from_le_bytes(self.array()))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_f64(f64::from_le_bytes(self.array()))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        let mut chars = self.text().chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            self.damage();
            return visitor.visit_char('\0');
        };
        visitor.visit_char(c)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_borrowed_str(self.text())
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        let length = self.length();
        visitor.visit_borrowed_bytes(self.take(length))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        match self.byte() {
            1 => visitor.visit_some(self),
            0 => visitor.visit_none(),
            _ => {
                self.damage();
                visitor.visit_none()
            }
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        let left = self.length();
        visitor.visit_seq(Items { reader: self, left })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_seq(Items { reader: self, left: len })
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, len: usize, visitor: V) -> Result<V::Value, Never> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        let left = self.length();
        visitor.visit_map(Items { reader: self, left })
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], visitor: V) -> Result<V::Value, Never> {
        self.deserialize_tuple(fields.len(), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _: &'static str, variants: &'static [&'static str], visitor: V) -> Result<V::Value, Never> {
        visitor.visit_enum(Variant { reader: self, count: variants.len() })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        self.deserialize_u32(visitor)
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}

/// Reads one `T` from all of `bytes`; `None` when they are not what
/// postcard writes for a `T` (see the module's comment for what panics).
pub fn from_bytes<'de, T: serde::Deserialize<'de>>(bytes: &'de [u8]) -> Option<T> {
    let mut reader = Reader::new(bytes);
    let Ok(value) = T::deserialize(&mut reader);
    reader.finish().then_some(value)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    use super::from_bytes;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Shape {
        Point,
        Circle(f64),
        Pair(i16, u8),
        Named { label: String, sides: u32 },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Everything {
        yes: bool,
        small: i8,
        negative: i64,
        large: u64,
        byte: u8,
        float: f32,
        letter: char,
        text: String,
        maybe: Option<String>,
        nothing: Option<u32>,
        list: Vec<Shape>,
        map: BTreeMap<String, Vec<u16>>,
        tuple: (u32, String),
        unit: (),
    }

    fn everything() -> Everything {
        Everything {
            yes: true,
            small: -7,
            negative: -1_234_567_890_123,
            large: u64::MAX,
            byte: 200,
            float: 1.5,
            letter: 'é',
            text: "Lectoure, médiathèque".into(),
            maybe: Some("oui".into()),
            nothing: None,
            list: vec![Shape::Point, Shape::Circle(-2.25), Shape::Pair(-300, 9), Shape::Named { label: "carré".into(), sides: 4 }],
            map: BTreeMap::from([("a".to_string(), vec![1, 300, 65535]), ("b".to_string(), vec![])]),
            tuple: (70_000, "x".into()),
            unit: (),
        }
    }

    #[test]
    fn reads_what_postcard_writes() {
        let bytes = postcard::to_allocvec(&everything()).unwrap();
        assert_eq!(from_bytes::<Everything>(&bytes), Some(everything()));
    }

    #[test]
    fn refuses_every_cut_and_anything_left_over() {
        let bytes = postcard::to_allocvec(&everything()).unwrap();
        for end in 0..bytes.len() {
            assert_eq!(from_bytes::<Everything>(&bytes[..end]), None, "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(from_bytes::<Everything>(&longer), None);
    }

    #[test]
    fn refuses_out_of_range_values_without_panicking() {
        // A bool, an option tag, a variant index, an integer too large for its type.
        assert_eq!(from_bytes::<bool>(&[2]), None);
        assert_eq!(from_bytes::<Option<u8>>(&[2, 1]), None);
        assert_eq!(from_bytes::<Shape>(&[4]), None);
        assert_eq!(from_bytes::<u16>(&postcard::to_allocvec(&70_000u32).unwrap()), None);
        assert_eq!(from_bytes::<i16>(&postcard::to_allocvec(&-40_000i32).unwrap()), None);
        // A varint longer than ten bytes, text that is not UTF-8, a char of two.
        assert_eq!(from_bytes::<u64>(&[0xff; 11]), None);
        assert_eq!(from_bytes::<String>(&[2, 0xc3, 0x28]), None);
        assert_eq!(from_bytes::<char>(&postcard::to_allocvec("ab").unwrap()), None);
        // A length past the end allocates nothing and is refused.
        assert_eq!(from_bytes::<Vec<u8>>(&postcard::to_allocvec(&(u64::MAX / 2)).unwrap()), None);
    }
}
