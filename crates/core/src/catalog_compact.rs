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
//! refused, never read wrongly. A checksum closes them: the app reads
//! with [`crate::compact_read`], which has no error paths and trusts a
//! type's own checks to hold, so damaged bytes must be refused before.

use std::cell::Cell;

use crate::catalog::{Catalog, CATALOG_FORMAT};

/// The layout of the compact bytes. Bumped whenever a type the catalog
/// holds gains, loses or reorders a field (`tests::the_layout_is_pinned`
/// fails until it is), so that the app refuses a copy of the old layout.
/// 2: the checksum at the end. 3: the communes in columns ([`communes`]).
pub const LAYOUT: u32 = 3;

/// FNV-1a, 64 bits, of `bytes`: the compact form's checksum. It catches
/// damage on the device or on the way, not anyone forging a catalog (who
/// could as well forge the app).
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

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

/// The communes (`#[serde(with = "crate::catalog_compact::communes")]`):
/// a list in JSON; in the compact form one column per field, each position
/// written as its difference from the one before in its column. Why: the
/// communes are most of the catalog (1 084 for the Gers and its border,
/// about 19 of its 30.3 KiB brotli when written row by row), and brotli
/// finds more to share in a column of names, then one of postal codes,
/// then small numbers, than in rows that mix them all: the Gers catalog
/// went from 30 995 to 27 818 bytes brotli.
pub mod communes {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::position::{decode, encode, Compact};
    use crate::communes::Commune;

    /// The communes' fields, one list each, in the communes' order.
    #[derive(Serialize, Deserialize)]
    struct Columns {
        code_insee: Vec<String>,
        nom: Vec<String>,
        departement: Vec<String>,
        codes_postaux: Vec<Vec<String>>,
        population: Vec<u32>,
        latitude: Vec<Step>,
        longitude: Vec<Step>,
    }

    /// One coordinate in its column.
    #[derive(Serialize, Deserialize)]
    enum Step {
        Absent,
        /// Millionths of a degree, minus those of the last `Step::Delta`
        /// of the column (zero for the first).
        Delta(i64),
        /// A coordinate millionths cannot give back bit for bit.
        Float(f64),
    }

    fn steps(coordinates: impl Iterator<Item = Option<f64>>) -> Vec<Step> {
        let mut last = 0_i64;
        coordinates
            .map(|coordinate| match coordinate.map(encode) {
                None => Step::Absent,
                Some(Compact::Float(value)) => Step::Float(value),
                Some(Compact::Millionths(millionths)) => {
                    let step = Step::Delta(millionths.wrapping_sub(last));
                    last = millionths;
                    step
                }
            })
            .collect()
    }

    fn coordinates(steps: Vec<Step>) -> impl Iterator<Item = Option<f64>> {
        steps.into_iter().scan(0_i64, |last, step| {
            Some(match step {
                Step::Absent => None,
                Step::Float(value) => Some(value),
                Step::Delta(delta) => {
                    *last = last.wrapping_add(delta);
                    Some(decode(Compact::Millionths(*last)))
                }
            })
        })
    }

    pub fn serialize<S: Serializer>(communes: &[Commune], serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return communes.serialize(serializer);
        }
        let column = |field: fn(&Commune) -> String| communes.iter().map(field).collect();
        Columns {
            code_insee: column(|c| c.code_insee.clone()),
            nom: column(|c| c.nom.clone()),
            departement: column(|c| c.departement.clone()),
            codes_postaux: communes.iter().map(|c| c.codes_postaux.clone()).collect(),
            population: communes.iter().map(|c| c.population).collect(),
            latitude: steps(communes.iter().map(|c| c.latitude)),
            longitude: steps(communes.iter().map(|c| c.longitude)),
        }
        .serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Commune>, D::Error> {
        if deserializer.is_human_readable() {
            return Vec::<Commune>::deserialize(deserializer);
        }
        let Columns { code_insee, nom, departement, codes_postaux, population, latitude, longitude } = Columns::deserialize(deserializer)?;
        // `serialize` writes columns of one length, and the checksum
        // refuses bytes it did not write; should a writer ever differ,
        // the shortest column decides, and nothing panics.
        Ok(code_insee
            .into_iter()
            .zip(nom)
            .zip(departement)
            .zip(codes_postaux)
            .zip(population)
            .zip(coordinates(latitude).zip(coordinates(longitude)))
            .map(|(((((code_insee, nom), departement), codes_postaux), population), (latitude, longitude))| Commune {
                code_insee,
                nom,
                departement,
                codes_postaux,
                population,
                latitude,
                longitude,
            })
            .collect())
    }
}

/// The compact bytes of `catalog`: [`LAYOUT`], the catalog, then the
/// [`checksum`] of both (8 bytes, little-endian).
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
    let mut bytes = postcard::to_allocvec(&(LAYOUT, catalog)).expect("the catalog's types are all postcard's");
    bytes.extend_from_slice(&checksum(&bytes).to_le_bytes());
    bytes
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
    let Some((body, sum)) = bytes.split_last_chunk::<8>() else {
        return Err(ReadError::Unreadable("trop court".into()));
    };
    // The layout first, by the same reader: a copy of another layout is
    // stale, not damaged (layout 1 had no checksum).
    let mut reader = crate::compact_read::Reader::new(body);
    let Ok(layout) = <u32 as serde::Deserialize>::deserialize(&mut reader);
    if reader.damaged() {
        return Err(ReadError::Unreadable("vide ou coupé".into()));
    }
    if layout != LAYOUT {
        return Err(ReadError::Stale);
    }
    if checksum(body) != u64::from_le_bytes(*sum) {
        return Err(ReadError::Unreadable("somme de contrôle fausse".into()));
    }
    let Ok(catalog) = <Catalog as serde::Deserialize>::deserialize(&mut reader);
    if !reader.finish() {
        return Err(ReadError::Unreadable("contenu incohérent".into()));
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
        assert!(matches!(read(&longer), Err(ReadError::Unreadable(_))));
        // A copy of layout 1, which had no checksum.
        assert_eq!(read(&postcard::to_allocvec(&(1u32, &catalog)).unwrap()), Err(ReadError::Stale));
    }

    #[test]
    fn any_damaged_byte_is_refused_before_reading() {
        let bytes = write(&sample());
        for at in (1..bytes.len()).step_by(37).chain([bytes.len() - 1]) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            assert_eq!(read(&damaged), Err(ReadError::Unreadable("somme de contrôle fausse".into())), "byte {at}");
        }
    }

    /// The app's reader against postcard's own, on every type the
    /// catalog holds.
    #[test]
    fn the_app_reads_what_postcard_reads() {
        let bytes = write(&sample());
        let body = &bytes[..bytes.len() - 8];
        let by_postcard: (u32, Catalog) = postcard::from_bytes(body).unwrap();
        assert_eq!(crate::compact_read::from_bytes::<(u32, Catalog)>(body), Some(by_postcard));
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

    /// The communes' columns give back each commune, in order: without a
    /// position, with one millionths cannot hold, and steps back and forth.
    #[test]
    fn communes_come_back_from_their_columns() {
        let commune = |code: &str, latitude: Option<f64>, longitude: Option<f64>| crate::communes::Commune {
            code_insee: code.into(),
            nom: format!("Commune {code}"),
            departement: code[..2].into(),
            codes_postaux: vec![format!("{code}0"), "32000".into()],
            population: code.parse().unwrap(),
            latitude,
            longitude,
        };
        let mut catalog = sample();
        catalog.communes = vec![
            commune("32013", Some(43.646_5), Some(0.585_5)),
            commune("32107", None, None),
            commune("31001", Some(43.372_095), Some(0.1 + 0.2)),
            commune("65440", Some(-0.000_001), Some(-179.999_999)),
            commune("82121", Some(44.017_5), None),
        ];
        let back = read(&write(&catalog)).unwrap();
        assert_eq!(back.communes, catalog.communes);
        for (a, b) in back.communes.iter().zip(&catalog.communes) {
            assert_eq!(a.latitude.map(f64::to_bits), b.latitude.map(f64::to_bits));
            assert_eq!(a.longitude.map(f64::to_bits), b.longitude.map(f64::to_bits));
        }
        catalog.communes.clear();
        assert_eq!(read(&write(&catalog)).unwrap().communes, vec![]);
    }

    /// Pins the layout: a field added, removed or moved in any type the
    /// catalog holds changes these bytes. Then bump `LAYOUT` (the app
    /// refuses copies of the old layout) and write the new figures here.
    #[test]
    fn the_layout_is_pinned() {
        let bytes = write(&sample());
        assert_eq!((LAYOUT, bytes.len(), checksum(&bytes)), (3, 4202, 0x624d_82e5_2b18_b2b2), "the compact layout changed: bump LAYOUT");
    }
}
