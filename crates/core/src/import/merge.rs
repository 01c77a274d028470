//! Deterministic merging of duplicates: the same place listed by several
//! sources (same id, or same coordinates and same street address).
//!
//! Two places at the same coordinates but at different addresses are kept
//! apart: in the real data, several organisations of a town share the
//! town's centroid because their address was geocoded coarsely.

use std::collections::BTreeMap;

use crate::hours;
use crate::place::{Place, PIVOT_UNKNOWN};
use crate::text::fold;
use crate::vocab::{self, Dispositif};

/// What merging did, for the import report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeOutcome {
    pub places: Vec<Place>,
    /// (kept id, merged id, reason) for each record folded into another.
    pub merged: Vec<(String, String, &'static str)>,
    /// (id, other id) pairs at the same coordinates but different addresses.
    pub same_position_other_address: Vec<(String, String)>,
}

/// Merges duplicates. The output is sorted by id and does not depend on the
/// input order.
pub fn merge_duplicates(places: Vec<Place>) -> MergeOutcome {
    let mut places = places;
    // Total order, so that two versions of one id always merge the same way.
    places.sort_by(|a, b| {
        a.id.cmp(&b.id)
            .then_with(|| b.date_maj.cmp(&a.date_maj))
            .then_with(|| serde_json::to_string(a).unwrap_or_default().cmp(&serde_json::to_string(b).unwrap_or_default()))
    });
    let n = places.len();
    let mut groups = UnionFind::new(n);
    let mut reasons: BTreeMap<usize, &'static str> = BTreeMap::new();

    // Same id: the same record seen twice (e.g. data·inclusion republishing
    // a conseiller numérique's place).
    for i in 1..n {
        if places[i].id == places[i - 1].id {
            groups.union(i - 1, i);
            reasons.insert(i, "même identifiant");
        }
    }

    // Same coordinates and same street address.
    let mut by_position: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (i, place) in places.iter().enumerate() {
        if let Some(key) = position_key(place) {
            by_position.entry(key).or_default().push(i);
        }
    }
    let mut same_position_other_address = Vec::new();
    for members in by_position.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                if places[i].id == places[j].id {
                    continue;
                }
                if street_key(&places[i].adresse) == street_key(&places[j].adresse) {
                    if groups.union(i, j) {
                        reasons.entry(j).or_insert("mêmes coordonnées et même adresse");
                    }
                } else {
                    same_position_other_address.push((places[i].id.clone(), places[j].id.clone()));
                }
            }
        }
    }

    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        by_root.entry(groups.find(i)).or_default().push(i);
    }
    let mut outcome = MergeOutcome { same_position_other_address, ..Default::default() };
    for members in by_root.into_values() {
        let primary = *members
            .iter()
            .max_by(|&&a, &&b| primary_rank(&places[a]).cmp(&primary_rank(&places[b])).then(b.cmp(&a)))
            .unwrap_or(&members[0]);
        let mut merged = places[primary].clone();
        for &other in members.iter().filter(|&&m| m != primary) {
            let reason = reasons.get(&other).or_else(|| reasons.get(&primary)).copied().unwrap_or("mêmes coordonnées et même adresse");
            outcome.merged.push((merged.id.clone(), places[other].id.clone(), reason));
            absorb(&mut merged, &places[other]);
        }
        outcome.places.push(merged);
    }
    outcome.places.sort_by(|a, b| a.id.cmp(&b.id));
    outcome.merged.sort();
    outcome.same_position_other_address.sort();
    outcome.same_position_other_address.dedup();
    outcome
}

/// Coordinates to five decimals (about a metre): two records at the same
/// key and the same `street_key` are one place.
pub fn position_key(place: &Place) -> Option<(i64, i64)> {
    place.position().map(|p| ((p.lat * 1e5).round() as i64, (p.lon * 1e5).round() as i64))
}

/// Which record of a group gives its name, address and hours: a France
/// Services record first (official name), then one whose hours parse, then
/// the most complete, then the most recent.
fn primary_rank(place: &Place) -> (bool, bool, usize, chrono::NaiveDate) {
    let france_services = place.dispositif_programmes_nationaux.contains(&Dispositif::FranceServices) && place.id.starts_with("fs-");
    let readable_hours = place.horaires.as_deref().is_some_and(hours::is_valid_osm);
    (france_services, readable_hours, filled_fields(place), place.date_maj)
}

fn filled_fields(p: &Place) -> usize {
    [
        p.code_insee.is_some(),
        p.telephone.is_some(),
        !p.courriels.is_empty(),
        !p.site_web.is_empty(),
        p.horaires.is_some(),
        p.presentation_resume.is_some(),
        !p.services.is_empty(),
        !p.modalites_accompagnement.is_empty(),
        !p.publics_specifiquement_adresses.is_empty(),
        p.pivot != PIVOT_UNKNOWN,
    ]
    .iter()
    .filter(|x| **x)
    .count()
}

/// Folds `other` into `kept`: missing values filled in, lists united.
fn absorb(kept: &mut Place, other: &Place) {
    fn fill<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
        if slot.is_none() {
            slot.clone_from(value);
        }
    }
    fn unite<T: Clone + PartialEq>(list: &mut Vec<T>, more: &[T]) {
        for value in more {
            vocab::push_unique(list, value.clone());
        }
    }
    if kept.pivot == PIVOT_UNKNOWN && other.pivot != PIVOT_UNKNOWN {
        kept.pivot.clone_from(&other.pivot);
    }
    let kept_hours_readable = kept.horaires.as_deref().is_some_and(hours::is_valid_osm);
    let other_hours_readable = other.horaires.as_deref().is_some_and(hours::is_valid_osm);
    if kept.horaires.is_none() || (!kept_hours_readable && other_hours_readable) {
        kept.horaires.clone_from(&other.horaires);
    }
    fill(&mut kept.code_insee, &other.code_insee);
    fill(&mut kept.complement_adresse, &other.complement_adresse);
    if kept.position().is_none() && other.position().is_some() {
        kept.latitude = other.latitude;
        kept.longitude = other.longitude;
    }
    fill(&mut kept.telephone, &other.telephone);
    fill(&mut kept.presentation_resume, &other.presentation_resume);
    fill(&mut kept.presentation_detail, &other.presentation_detail);
    fill(&mut kept.structure_parente, &other.structure_parente);
    fill(&mut kept.autres_formations_labels, &other.autres_formations_labels);
    fill(&mut kept.fiche_acces_libre, &other.fiche_acces_libre);
    fill(&mut kept.prise_rdv, &other.prise_rdv);
    fill(&mut kept.source, &other.source);
    unite(&mut kept.typologie, &other.typologie);
    unite(&mut kept.courriels, &other.courriels);
    unite(&mut kept.site_web, &other.site_web);
    unite(&mut kept.itinerance, &other.itinerance);
    unite(&mut kept.services, &other.services);
    unite(&mut kept.publics_specifiquement_adresses, &other.publics_specifiquement_adresses);
    unite(&mut kept.prise_en_charge_specifique, &other.prise_en_charge_specifique);
    unite(&mut kept.frais_a_charge, &other.frais_a_charge);
    unite(&mut kept.dispositif_programmes_nationaux, &other.dispositif_programmes_nationaux);
    unite(&mut kept.formations_labels, &other.formations_labels);
    unite(&mut kept.modalites_acces, &other.modalites_acces);
    unite(&mut kept.modalites_accompagnement, &other.modalites_accompagnement);
    kept.date_maj = kept.date_maj.max(other.date_maj);
    if other.id != kept.id {
        vocab::push_unique(&mut kept.fusion_de, other.id.clone());
    }
    for id in &other.fusion_de {
        vocab::push_unique(&mut kept.fusion_de, id.clone());
    }
    kept.fusion_de.sort();
}

/// A street address reduced to what identifies it: number and street words,
/// abbreviations expanded, postal boxes and small words dropped.
/// "100 BD HUBERT GOUZE BP 783" and "100 Boulevard Hubert Gouze" agree.
pub fn street_key(address: &str) -> String {
    let folded = fold(address);
    let words: Vec<&str> = folded.split(' ').collect();
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        if matches!(word, "bp" | "cs" | "tsa") && words.get(i + 1).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) {
            i += 2;
            continue;
        }
        let expanded = match word {
            "av" | "ave" | "avenu" => "avenue",
            "bd" | "bld" | "boul" | "bvd" => "boulevard",
            "pl" => "place",
            "r" => "rue",
            "ch" | "che" | "chem" => "chemin",
            "rte" => "route",
            "imp" => "impasse",
            "all" => "allee",
            "crs" => "cours",
            "fg" | "fbg" => "faubourg",
            "sq" => "square",
            "st" => "saint",
            "ste" => "sainte",
            "cedex" => "",
            "de" | "du" | "des" | "la" | "le" | "les" | "l" | "d" => "",
            other => other,
        };
        if !expanded.is_empty() {
            out.push(expanded);
        }
        i += 1;
    }
    out.join(" ")
}

/// A small union-find to group records linked by id or by position.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n).collect() }
    }

    fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut node = i;
        while self.parent[node] != root {
            let next = self.parent[node];
            self.parent[node] = root;
            node = next;
        }
        root
    }

    /// Joins two groups; false when they were already one.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        // The smaller index stays root so that results are deterministic.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn place(id: &str, address: &str, lat: f64, lon: f64) -> Place {
        let mut p = Place::new(id, id, "Auch", "32000", address, NaiveDate::from_ymd_opt(2022, 1, 1).unwrap());
        p.latitude = Some(lat);
        p.longitude = Some(lon);
        p
    }

    #[test]
    fn street_keys_agree_across_spellings() {
        assert_eq!(street_key("100 BD HUBERT GOUZE BP 783"), street_key("100 BD HUBERT GOUZE"));
        assert_eq!(street_key("14 AV DU GROUPE SCOLAIRE"), street_key("14 Avenue du groupe scolaire"));
        assert_eq!(street_key("19 PL DE L'HOTEL DE VILLE"), street_key("19 Place de l'Hôtel de Ville"));
        assert_ne!(street_key("10 RUE JEAN CARMET"), street_key("709 BD ALSACE LORRAINE"));
    }

    #[test]
    fn merges_same_place_but_not_neighbours() {
        let out = merge_duplicates(vec![
            place("b", "1 Rue du collège", 44.03708, 1.1102),
            place("a", "1 Rue du Collège", 44.03708, 1.1102),
            place("c", "10 RUE JEAN CARMET", 44.022, 1.3736),
            place("d", "709 BD ALSACE LORRAINE", 44.022, 1.3736),
        ]);
        let ids: Vec<&str> = out.places.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "d"]);
        assert_eq!(out.places[0].fusion_de, ["b"]);
        assert_eq!(out.same_position_other_address, [("c".to_string(), "d".to_string())]);
    }

    #[test]
    fn result_does_not_depend_on_input_order() {
        let input = vec![place("x", "1 Rue A", 43.0, 0.5), place("y", "1 RUE A", 43.0, 0.5), place("z", "2 Rue B", 43.1, 0.5)];
        let mut reversed = input.clone();
        reversed.reverse();
        assert_eq!(merge_duplicates(input).places, merge_duplicates(reversed).places);
    }
}
