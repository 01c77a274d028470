//! Whether a new version of a national place file may replace the places it
//! covers: a file that would make more than a set share of a département's
//! places disappear is refused, because a half-published or filtered export
//! looks exactly like that, and residents would lose places that still exist.
//!
//! Places are compared as residents see them, duplicates merged: a place
//! stays when the new file has the same record (same id) or the same place
//! under another id (same coordinates and same street address, the rule of
//! `merge_duplicates`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::merge::{merge_duplicates, position_key, street_key};
use crate::place::Place;

/// The share of a département's places a sync may remove, unless told otherwise.
pub const DEFAULT_MAX_REMOVED_PERCENT: u32 = 20;

/// What a new file does to one département.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerritoryChange {
    pub departement: String,
    /// Places shown before and after, duplicates merged.
    pub before: usize,
    pub after: usize,
    /// Names of the places that would disappear, sorted.
    pub removed: Vec<String>,
}

impl TerritoryChange {
    /// Removed places, in whole percent of those shown before (rounded up,
    /// so that 20.5 % reads as more than 20 %).
    pub fn removed_percent(&self) -> u32 {
        if self.before == 0 {
            return 0;
        }
        (self.removed.len() * 100).div_ceil(self.before) as u32
    }
}

impl fmt::Display for TerritoryChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "département {} : {} lieux avant, {} après, {} retirés", self.departement, self.before, self.after, self.removed.len())?;
        if !self.removed.is_empty() {
            write!(f, " ({} %)", self.removed_percent())?;
        }
        Ok(())
    }
}

/// A file refused because it removes too much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyRemovals {
    /// The départements over the limit.
    pub over: Vec<TerritoryChange>,
    pub max_percent: u32,
}

impl fmt::Display for TooManyRemovals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<String> = self
            .over
            .iter()
            .map(|c| format!("{} des {} lieux du département {} ({} %)", c.removed.len(), c.before, c.departement, c.removed_percent()))
            .collect();
        write!(f, "le fichier retirerait {}, plus que les {} % permis", list.join(", "), self.max_percent)
    }
}

/// Compares what is shown today (`before`, the records the file would
/// replace) with the file (`after`), département by département. `Ok` gives
/// every département's change, sorted by code; `Err` names those where more
/// than `max_percent` of the places would disappear.
pub fn check_removals(before: &[Place], after: &[Place], max_percent: u32) -> Result<Vec<TerritoryChange>, TooManyRemovals> {
    let before = by_departement(before);
    let after = by_departement(after);
    let codes: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let empty = Vec::new();
    let changes: Vec<TerritoryChange> = codes
        .into_iter()
        .map(|code| {
            let (old, new) = (before.get(code).unwrap_or(&empty), after.get(code).unwrap_or(&empty));
            let identities = Identities::of(new);
            let mut removed: Vec<String> = old.iter().filter(|p| !identities.contains(p)).map(|p| p.nom.clone()).collect();
            removed.sort();
            TerritoryChange { departement: code.clone(), before: old.len(), after: new.len(), removed }
        })
        .collect();
    let over: Vec<TerritoryChange> = changes.iter().filter(|c| c.removed.len() * 100 > c.before * max_percent as usize).cloned().collect();
    if over.is_empty() {
        Ok(changes)
    } else {
        Err(TooManyRemovals { over, max_percent })
    }
}

/// Places merged, grouped by département (places without one are left out:
/// no territory shows them).
fn by_departement(places: &[Place]) -> BTreeMap<String, Vec<Place>> {
    let mut out: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for place in merge_duplicates(places.to_vec()).places {
        if let Some(code) = place.departement() {
            out.entry(code).or_default().push(place);
        }
    }
    out
}

/// What makes two records the same place.
struct Identities {
    ids: BTreeSet<String>,
    addresses: BTreeSet<((i64, i64), String)>,
}

impl Identities {
    fn of(places: &[Place]) -> Identities {
        Identities {
            ids: places.iter().flat_map(|p| std::iter::once(&p.id).chain(&p.fusion_de)).cloned().collect(),
            addresses: places.iter().filter_map(|p| Some((position_key(p)?, street_key(&p.adresse)))).collect(),
        }
    }

    fn contains(&self, place: &Place) -> bool {
        std::iter::once(&place.id).chain(&place.fusion_de).any(|id| self.ids.contains(id))
            || position_key(place).is_some_and(|key| self.addresses.contains(&(key, street_key(&place.adresse))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};

    /// The real places of Gers and Tarn-et-Garonne, as shipped.
    fn real_places() -> Vec<Place> {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lieux/gers-tarn-et-garonne.json")).unwrap();
        import_file("gers-tarn-et-garonne.json", &bytes, &ImportOptions::default()).places
    }

    fn of(places: &[Place], code: &str) -> Vec<Place> {
        places.iter().filter(|p| p.departement().as_deref() == Some(code)).cloned().collect()
    }

    #[test]
    fn the_same_file_removes_nothing() {
        let places = real_places();
        let changes = check_removals(&places, &places, DEFAULT_MAX_REMOVED_PERCENT).unwrap();
        let codes: Vec<&str> = changes.iter().map(|c| c.departement.as_str()).collect();
        assert_eq!(codes, ["32", "82"]);
        assert!(changes.iter().all(|c| c.removed.is_empty() && c.before == c.after && c.before > 20), "{changes:?}");
    }

    #[test]
    fn a_closed_place_and_a_new_one_pass() {
        let places = real_places();
        let gers_before = changes_of(&places, &places, "32").before;
        let closed = of(&places, "32").into_iter().find(|p| p.id.starts_with("fs-")).unwrap();
        let mut after: Vec<Place> = places.iter().filter(|p| p.id != closed.id).cloned().collect();
        let mut opened = Place::new("nouveau-1", "Tiers-lieu de Fleurance", "Fleurance", "32500", "1 Rue Nouvelle", closed.date_maj);
        opened.code_insee = Some("32132".into());
        after.push(opened);
        let gers = changes_of(&places, &after, "32");
        assert_eq!(gers.removed, std::slice::from_ref(&closed.nom));
        assert_eq!((gers.before, gers.after), (gers_before, gers_before));
    }

    #[test]
    fn a_place_under_a_new_id_at_the_same_address_is_not_removed() {
        let places = real_places();
        let renamed: Vec<Place> = places
            .iter()
            .cloned()
            .map(|mut p| {
                p.id = format!("national-{}", p.id);
                p
            })
            .collect();
        let changes = check_removals(&places, &renamed, DEFAULT_MAX_REMOVED_PERCENT).unwrap();
        // Only places without coordinates cannot be recognised under a new id.
        let unplaced = merge_duplicates(places.clone()).places.iter().filter(|p| p.position().is_none()).count();
        assert!(unplaced > 0);
        assert_eq!(changes.iter().map(|c| c.removed.len()).sum::<usize>(), unplaced);
    }

    #[test]
    fn half_the_places_missing_is_refused_and_names_the_departement() {
        let places = real_places();
        let gers: Vec<String> = merge_duplicates(of(&places, "32")).places.into_iter().map(|p| p.id).collect();
        let dropped: BTreeSet<&String> = gers.iter().step_by(2).collect();
        // Every record of a dropped place goes, including those merged into it.
        let merged = merge_duplicates(places.clone()).places;
        let gone: BTreeSet<String> = merged
            .iter()
            .filter(|p| dropped.contains(&p.id))
            .flat_map(|p| std::iter::once(p.id.clone()).chain(p.fusion_de.clone()))
            .collect();
        let after: Vec<Place> = places.iter().filter(|p| !gone.contains(&p.id)).cloned().collect();
        let refusal = check_removals(&places, &after, DEFAULT_MAX_REMOVED_PERCENT).unwrap_err();
        assert_eq!(refusal.over.len(), 1);
        assert_eq!(refusal.over[0].departement, "32");
        assert_eq!(refusal.over[0].removed.len(), dropped.len());
        let message = refusal.to_string();
        assert!(
            message.starts_with(&format!("le fichier retirerait {} des {} lieux du département 32 (", dropped.len(), gers.len())),
            "{message}"
        );
        assert!(message.ends_with("plus que les 20 % permis"), "{message}");
    }

    #[test]
    fn the_limit_is_inclusive_and_configurable() {
        let places = real_places();
        let gers = merge_duplicates(of(&places, "32")).places;
        let allowed = gers.len() / 5; // exactly 20 % or just under
        let after_removing = |n: usize| -> Vec<Place> {
            let gone: BTreeSet<String> =
                gers.iter().take(n).flat_map(|p| std::iter::once(p.id.clone()).chain(p.fusion_de.clone())).collect();
            places.iter().filter(|p| !gone.contains(&p.id)).cloned().collect()
        };
        assert!(check_removals(&places, &after_removing(allowed), 20).is_ok());
        assert!(check_removals(&places, &after_removing(allowed + 1), 20).is_err());
        assert!(check_removals(&places, &after_removing(allowed + 1), 50).is_ok());
        assert!(check_removals(&places, &after_removing(1), 0).is_err());
    }

    #[test]
    fn a_departement_missing_from_the_file_counts_as_all_removed() {
        let places = real_places();
        let refusal = check_removals(&places, &of(&places, "82"), DEFAULT_MAX_REMOVED_PERCENT).unwrap_err();
        assert_eq!(refusal.over[0].departement, "32");
        assert_eq!(refusal.over[0].removed_percent(), 100);
        assert_eq!(refusal.over[0].after, 0);
    }

    fn changes_of(before: &[Place], after: &[Place], code: &str) -> TerritoryChange {
        check_removals(before, after, DEFAULT_MAX_REMOVED_PERCENT).unwrap().into_iter().find(|c| c.departement == code).unwrap()
    }
}
