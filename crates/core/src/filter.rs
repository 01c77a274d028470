//! What a resident (or a partner site) can filter places by, and how it is
//! written in a URL, so that a shared link gives the same list. The app's
//! address bar and `GET /api/lieux/proches` use the same keys.

use std::fmt::Write as _;

use crate::place::Place;
use crate::vocab::{Frais, ModaliteAccompagnement, Public, Service, Vocabulary};

/// Needs as residents say them, each covering one or more services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Need {
    Demarches,
    Telephone,
    Enfants,
    Materiel,
}

impl Need {
    pub const ALL: [Need; 4] = [Need::Demarches, Need::Telephone, Need::Enfants, Need::Materiel];

    pub fn slug(self) -> &'static str {
        match self {
            Need::Demarches => "demarches",
            Need::Telephone => "telephone",
            Need::Enfants => "enfants",
            Need::Materiel => "materiel",
        }
    }

    /// The words a resident reads.
    pub fn label(self) -> &'static str {
        match self {
            Need::Demarches => "Faire mes démarches",
            Need::Telephone => "Apprendre à utiliser mon téléphone",
            Need::Enfants => "Pour mes enfants",
            Need::Materiel => "Matériel / connexion",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Need> {
        Need::ALL.into_iter().find(|n| n.slug() == slug)
    }

    pub fn matches(self, place: &Place) -> bool {
        let has = |s: Service| place.services.contains(&s);
        match self {
            Need::Demarches => has(Service::DemarchesAdministratives),
            Need::Telephone => has(Service::OutilsDuQuotidien),
            Need::Enfants => has(Service::Parentalite) || place.publics_specifiquement_adresses.contains(&Public::Familles),
            Need::Materiel => has(Service::AccesInternetMateriel) || has(Service::MaterielPrixSolidaire),
        }
    }
}

/// Filters on places. Inside one criterion any value matches; all given
/// criteria must match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceFilter {
    pub besoins: Vec<Need>,
    pub services: Vec<Service>,
    pub publics: Vec<Public>,
    pub modalites: Vec<ModaliteAccompagnement>,
    pub frais: Vec<Frais>,
    pub ouvert_maintenant: bool,
    /// `Some(true)`: itinerant only; `Some(false)`: fixed places only.
    pub itinerant: Option<bool>,
}

impl PlaceFilter {
    pub fn is_empty(&self) -> bool {
        *self == PlaceFilter::default()
    }

    /// The criteria that need no clock: needs, services, publics, modes,
    /// fees, itinerance.
    pub fn matches_static(&self, place: &Place) -> bool {
        fn any_of<T: PartialEq>(wanted: &[T], have: &[T]) -> bool {
            wanted.is_empty() || wanted.iter().any(|w| have.contains(w))
        }
        (self.besoins.is_empty() || self.besoins.iter().any(|n| n.matches(place)))
            && any_of(&self.services, &place.services)
            && any_of(&self.publics, &place.publics_specifiquement_adresses)
            && any_of(&self.modalites, &place.modalites_accompagnement)
            && any_of(&self.frais, &place.frais_a_charge)
            && self.itinerant.is_none_or(|wanted| place.is_itinerant() == wanted)
    }

    /// Reads `besoin`, `service`, `public`, `modalite`, `frais`, `gratuit`,
    /// `ouvert`, `itinerance` from URL query pairs. Unknown keys are left to
    /// the caller; unknown values are errors, in French.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, String> {
        let mut filter = PlaceFilter::default();
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "besoin" => filter.besoins.push(
                    Need::from_slug(value)
                        .ok_or_else(|| unknown_value("besoin", value, Need::ALL.iter().map(|n| n.slug().to_string()).collect()))?,
                ),
                "service" => filter.services.push(parse_vocab(key, value)?),
                "public" => filter.publics.push(parse_vocab(key, value)?),
                "modalite" => filter.modalites.push(parse_vocab(key, value)?),
                "frais" => filter.frais.push(parse_vocab(key, value)?),
                "gratuit" if parse_bool(key, value)? => filter.frais.push(Frais::Gratuit),
                "gratuit" => {}
                "ouvert" | "ouvert_maintenant" => filter.ouvert_maintenant = parse_bool(key, value)?,
                "itinerance" => {
                    filter.itinerant = match value {
                        "itinerant" | "Itinérant" => Some(true),
                        "fixe" | "Fixe" => Some(false),
                        "" => None,
                        other => return Err(unknown_value(key, other, vec!["itinerant".into(), "fixe".into()])),
                    }
                }
                _ => {}
            }
        }
        Ok(filter)
    }

    /// The query string that `from_query` reads back (without leading `?`).
    pub fn to_query(&self) -> String {
        let mut out = String::new();
        let mut push = |key: &str, value: &str| {
            if !out.is_empty() {
                out.push('&');
            }
            let _ = write!(out, "{key}={}", encode_query_value(value));
        };
        for need in &self.besoins {
            push("besoin", need.slug());
        }
        for s in &self.services {
            push("service", &s.slug());
        }
        for p in &self.publics {
            push("public", &p.slug());
        }
        for m in &self.modalites {
            push("modalite", &m.slug());
        }
        for f in &self.frais {
            push("frais", &f.slug());
        }
        if self.ouvert_maintenant {
            push("ouvert", "1");
        }
        match self.itinerant {
            Some(true) => push("itinerance", "itinerant"),
            Some(false) => push("itinerance", "fixe"),
            None => {}
        }
        out
    }
}

fn parse_vocab<T: Vocabulary>(key: &str, value: &str) -> Result<T, String> {
    T::from_label_or_slug(value).ok_or_else(|| unknown_value(key, value, T::all_known().iter().map(|v| v.slug()).collect()))
}

fn parse_bool(key: &str, value: &str) -> Result<bool, String> {
    match value {
        "1" | "true" | "oui" => Ok(true),
        "0" | "false" | "non" | "" => Ok(false),
        other => Err(format!("{key} : « {other} » n'est pas un oui/non (utilisez 1 ou 0)")),
    }
}

fn unknown_value(key: &str, value: &str, allowed: Vec<String>) -> String {
    format!("{key} : valeur « {value} » inconnue ; valeurs possibles : {}", allowed.join(", "))
}

/// Percent-encodes a query value (slugs are ASCII already; labels may not be).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_round_trip() {
        let filter = PlaceFilter {
            besoins: vec![Need::Demarches, Need::Enfants],
            publics: vec![Public::Seniors],
            frais: vec![Frais::Gratuit],
            ouvert_maintenant: true,
            itinerant: Some(true),
            ..Default::default()
        };
        let query = filter.to_query();
        assert_eq!(query, "besoin=demarches&besoin=enfants&public=seniors&frais=gratuit&ouvert=1&itinerance=itinerant");
        let pairs: Vec<(&str, &str)> = query.split('&').filter_map(|kv| kv.split_once('=')).collect();
        assert_eq!(PlaceFilter::from_query(pairs).unwrap(), filter);
    }

    #[test]
    fn clear_errors_for_bad_values() {
        let error = PlaceFilter::from_query([("public", "martiens")]).unwrap_err();
        assert!(error.starts_with("public : valeur « martiens » inconnue"), "{error}");
        assert!(error.contains("seniors"));
        assert!(PlaceFilter::from_query([("ouvert", "peut-être")]).is_err());
        assert!(PlaceFilter::from_query([("service", "Aide aux démarches administratives")]).is_ok());
    }
}
