//! The catalog in a compact binary form (postcard) for the residents' app.
//!
//! Why: the app reads its catalog at every start. Read from JSON, each of
//! its many types carries serde_json's code that matches field names; a
//! positional format reads the fields in order, with no names, so the
//! residents' wasm is smaller and the read quicker (issue 14). The JSON
//! catalog stays the public API and what the server's pages use.
//!
//! A positional format cannot skip a field: the JSON writers leave out
//! empty fields (`skip_serializing_if`), so the catalog's types skip
//! through [`none`] and [`empty`], which skip only outside [`write`].
//! [`LAYOUT`] opens the bytes: a copy written with another layout is
//! refused, never read wrongly.

use std::cell::Cell;

use crate::catalog::{Catalog, CATALOG_FORMAT};

/// The layout of the compact bytes. Bumped whenever a type the catalog
/// holds gains, loses or reorders a field (`tests::the_layout_is_pinned`
/// fails until it is), so that the app refuses a copy of the old layout.
pub const LAYOUT: u32 = 1;

thread_local! {
    static WRITING: Cell<bool> = const { Cell::new(false) };
}

fn writing() -> bool {
    WRITING.with(Cell::get)
}

/// `skip_serializing_if` for an optional field: absent in JSON when empty,
/// always present in the compact form.
pub fn none<T>(value: &Option<T>) -> bool {
    value.is_none() && !writing()
}

/// `skip_serializing_if` for a list: absent in JSON when empty, always
/// present in the compact form.
pub fn empty<T>(value: &[T]) -> bool {
    value.is_empty() && !writing()
}

/// Positions (`#[serde(with = "crate::catalog_compact::position")]`): a
/// number in JSON; in the compact form millionths of a degree when that
/// gives back the very same float (every coordinate of the national data
/// has at most six decimals), else the float itself. Why: a float's eight
/// bytes barely compress — the compact catalog of the Gers was 40.0 KB
/// brotli with them, against 31.4 KB for the JSON, which writes the digits.
pub mod position {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// A position as the compact form writes it.
    #[derive(Serialize, Deserialize)]
    pub(super) enum Compact {
        Millionths(i64),
        Float(f64),
    }

    const SCALE: f64 = 1e6;
    /// Integers a float holds exactly.
    const EXACT: f64 = 9_007_199_254_740_992.0;

    pub(super) fn encode(value: f64) -> Compact {
        let millionths = (value * SCALE).round();
        // Kept only if it decodes to the very bits (-0.0 and NaN do not).
        if millionths.abs() < EXACT && decode(Compact::Millionths(millionths as i64)).to_bits() == value.to_bits() {
            Compact::Millionths(millionths as i64)
        } else {
            Compact::Float(value)
        }
    }

    pub(super) fn decode(compact: Compact) -> f64 {
        match compact {
            Compact::Millionths(millionths) => millionths as f64 / SCALE,
            Compact::Float(value) => value,
        }
    }

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_f64(*value)
        } else {
            encode(*value).serialize(serializer)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        if deserializer.is_human_readable() {
            f64::deserialize(deserializer)
        } else {
            Compact::deserialize(deserializer).map(decode)
        }
    }
}

/// An optional position, as [`position`].
pub mod optional_position {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::position::{decode, encode, Compact};

    pub fn serialize<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            value.serialize(serializer)
        } else {
            value.map(encode).serialize(serializer)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
        if deserializer.is_human_readable() {
            Option::<f64>::deserialize(deserializer)
        } else {
            Option::<Compact>::deserialize(deserializer).map(|compact| compact.map(decode))
        }
    }
}

/// The compact bytes of `catalog`: [`LAYOUT`], then the catalog.
pub fn write(catalog: &Catalog) -> Vec<u8> {
    struct Writing;
    impl Drop for Writing {
        fn drop(&mut self) {
            WRITING.with(|w| w.set(false));
        }
    }
    WRITING.with(|w| w.set(true));
    let _reset = Writing;
    // Writing to memory fails only on types postcard cannot write, which
    // the tests would show for the catalog's.
    postcard::to_allocvec(&(LAYOUT, catalog)).expect("the catalog's types are all postcard's")
}

/// Why compact bytes were not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Written with another layout or catalog format: fetch a new copy.
    Stale,
    /// Not a catalog of this layout (damaged, truncated).
    Unreadable(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Stale => f.write_str("catalogue d'un autre format"),
            ReadError::Unreadable(why) => write!(f, "catalogue illisible : {why}"),
        }
    }
}

/// Reads [`write`]'s bytes, all of them.
pub fn read(bytes: &[u8]) -> Result<Catalog, ReadError> {
    let (layout, rest) = postcard::take_from_bytes::<u32>(bytes).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    if layout != LAYOUT {
        return Err(ReadError::Stale);
    }
    let (catalog, rest) = postcard::take_from_bytes::<Catalog>(rest).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    if !rest.is_empty() {
        return Err(ReadError::Unreadable(format!("{} octets en trop", rest.len())));
    }
    if catalog.format != CATALOG_FORMAT {
        return Err(ReadError::Stale);
    }
    Ok(catalog)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::Block;

    /// A small catalog whose places, workshops, guide, communes, calendar
    /// and stop fill the fields of every type the catalog holds.
    fn sample() -> Catalog {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/catalogue-echantillon.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn reads_back_the_catalog_it_wrote() {
        let catalog = sample();
        assert!(!catalog.arrets.is_empty() && !catalog.horaires.is_empty());
        assert_eq!(read(&write(&catalog)), Ok(catalog));
    }

    #[test]
    fn the_json_still_leaves_empty_fields_out() {
        let catalog = sample();
        let before = serde_json::to_string(&catalog).unwrap();
        write(&catalog);
        assert_eq!(serde_json::to_string(&catalog).unwrap(), before, "the compact writer leaves JSON as it was");
        assert!(!before.contains("null"), "absent fields are left out, not null");
        let blocks = [Block::Paragraphe("Un".into()), Block::Liste(vec!["a".into(), "b".into()])];
        assert_eq!(serde_json::to_string(&blocks).unwrap(), r#"[{"type":"paragraphe","texte":"Un"},{"type":"liste","texte":["a","b"]}]"#);
    }

    #[test]
    fn another_layout_or_format_is_stale_and_damage_unreadable() {
        let catalog = sample();
        let bytes = write(&catalog);
        let mut other_layout = postcard::to_allocvec(&(LAYOUT + 1, &catalog)).unwrap();
        assert_eq!(read(&other_layout), Err(ReadError::Stale));
        let mut older = catalog.clone();
        older.format = CATALOG_FORMAT - 1;
        assert_eq!(read(&write(&older)), Err(ReadError::Stale));
        assert!(matches!(read(&bytes[..bytes.len() / 2]), Err(ReadError::Unreadable(_))));
        other_layout.clear();
        assert!(matches!(read(&other_layout), Err(ReadError::Unreadable(_))));
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(read(&longer), Err(ReadError::Unreadable("1 octets en trop".into())));
    }

    #[test]
    fn positions_come_back_bit_for_bit() {
        for value in [43.372095, 0.885301, -0.261025, 43.7186, 0.1 + 0.2, 1e-7, -123.456789, f64::MAX, 0.0, -0.0, f64::NAN] {
            let back = position::decode(position::encode(value));
            assert_eq!(back.to_bits(), value.to_bits(), "{value}");
        }
        assert!(matches!(position::encode(43.372095), position::Compact::Millionths(43_372_095)));
        assert!(matches!(position::encode(0.1 + 0.2), position::Compact::Float(_)));
    }

    /// Pins the layout: a field added, removed or moved in any type the
    /// catalog holds changes these bytes. Then bump `LAYOUT` (the app
    /// refuses copies of the old layout) and write the new figures here.
    #[test]
    fn the_layout_is_pinned() {
        let bytes = write(&sample());
        // FNV-1a, 64 bits: a fingerprint, not a defence against anyone.
        let fingerprint = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
        assert_eq!((LAYOUT, bytes.len(), fingerprint), (1, 4607, 0xaa54_1a7e_3036_11e6), "the compact layout changed: bump LAYOUT");
    }
}
