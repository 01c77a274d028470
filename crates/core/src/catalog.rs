//! The catalog: everything the app needs for one territory, in one document
//! (places, workshops, guides, communes, data sources). The server builds it,
//! the app keeps it in IndexedDB and works from it offline.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::communes::Commune;
use crate::guide::Guide;
use crate::hours::Calendar;
use crate::place::Place;
use crate::session::Session;
use crate::territory::Territory;

/// Bumped when the document's shape changes: the app then refetches rather
/// than reading a copy it does not understand.
pub const CATALOG_FORMAT: u32 = 2;

/// The whole catalog. Its workshops and guides are type parameters only so
/// that the app can read its text in two steps (`PlacesFirst`,
/// `WorkshopsAndGuides`); everywhere else `Catalog` is the whole of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog<Workshops = Vec<Session>, Guides = Vec<Guide>> {
    pub format: u32,
    /// A digest of the content (also the HTTP ETag).
    pub version: String,
    pub territoire: Territory,
    /// The most recent `date_maj` of the places: "Données du …".
    #[serde(default, deserialize_with = "crate::wire_dates::option_date")]
    pub donnees_du: Option<NaiveDate>,
    /// The day (Paris) a sync with the national export last confirmed the
    /// places current: "Mis à jour le …". None without a sync.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::wire_dates::option_date")]
    pub mis_a_jour_le: Option<NaiveDate>,
    pub lieux: Vec<Place>,
    pub ateliers: Workshops,
    pub guides: Guides,
    pub communes: Vec<Commune>,
    pub sources: Vec<DataSource>,
    /// Days personal data of a registration are kept after the workshop.
    pub conservation_jours: u32,
    /// Opening hours evaluated by the server, by place id, for the coming
    /// weeks (each calendar says until when): places whose hours are free
    /// text or missing have none.
    #[serde(default)]
    pub horaires: BTreeMap<String, Calendar>,
    /// The stops of the territory's itinerant places (`tour`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arrets: Vec<crate::tour::Stop>,
}

/// A catalog's text read without its workshops and guides (skipped): what the
/// list of places needs. The app reads a catalog in two tasks, this one then
/// `WorkshopsAndGuides`, so that the browser compiles and runs the reading
/// code of each apart rather than in one long task (issue 14 note).
pub type PlacesFirst = Catalog<IgnoredAny, IgnoredAny>;

/// The workshops and guides of a catalog's text (the rest is skipped).
#[derive(Debug, Deserialize)]
pub struct WorkshopsAndGuides {
    pub ateliers: Vec<Session>,
    pub guides: Vec<Guide>,
}

impl PlacesFirst {
    /// The whole catalog, once its workshops and guides are read too.
    pub fn with(self, rest: WorkshopsAndGuides) -> Catalog {
        Catalog {
            format: self.format,
            version: self.version,
            territoire: self.territoire,
            donnees_du: self.donnees_du,
            mis_a_jour_le: self.mis_a_jour_le,
            lieux: self.lieux,
            ateliers: rest.ateliers,
            guides: rest.guides,
            communes: self.communes,
            sources: self.sources,
            conservation_jours: self.conservation_jours,
            horaires: self.horaires,
            arrets: self.arrets,
        }
    }
}

/// Where data comes from, with its licence, for "À propos".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataSource {
    pub nom: String,
    pub producteur: String,
    pub date: String,
    pub licence: String,
    pub url: Option<String>,
}

/// The sources of the default data, with the credits their licences ask for.
pub fn default_sources() -> Vec<DataSource> {
    vec![
        DataSource {
            nom: "Lieux de médiation numérique".into(),
            producteur: "ANCT — Cartographie nationale des lieux d'inclusion numérique".into(),
            date: "décembre 2022 à février 2023".into(),
            licence: "Licence Ouverte / Etalab 2.0".into(),
            url: Some("https://cartographie.societenumerique.gouv.fr".into()),
        },
        DataSource {
            nom: "Communes (noms, codes, populations)".into(),
            producteur: "INSEE, via Etalab (paquet @etalab/decoupage-administratif)".into(),
            date: "version 6.0.0".into(),
            licence: "Licence Ouverte / Etalab 2.0".into(),
            url: None,
        },
        DataSource {
            nom: "Position des communes".into(),
            producteur: "La Poste — base officielle des codes postaux".into(),
            date: "2020".into(),
            licence: "ODbL (Open Database License)".into(),
            url: None,
        },
        DataSource {
            nom: "Standard des lieux de médiation numérique v1.0.2".into(),
            producteur: "La MedNum, ANCT, Datactivist".into(),
            date: "avril 2024".into(),
            licence: "Licence Ouverte / Etalab 2.0".into(),
            url: Some("https://github.com/LaMednum/standard-mediation-num".into()),
        },
    ]
}

impl Catalog {
    /// "Lieux mis à jour au plus tard le 1er décembre 2022" (Réglages, the
    /// diagnostic), when the data carry dates.
    pub fn places_date_text(&self) -> Option<String> {
        self.donnees_du.map(|d| format!("Lieux mis à jour au plus tard le {}", crate::time::short_date(d)))
    }

    /// "Dernière vérification auprès de la source nationale : …", when a
    /// national sync confirmed the data.
    pub fn national_check_text(&self) -> Option<String> {
        self.mis_a_jour_le.map(|d| format!("Dernière vérification auprès de la source nationale : {}", crate::time::short_date(d)))
    }

    /// A place by id, following merged ids to the place that absorbed them.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.lieux.iter().find(|p| p.id == id).or_else(|| self.lieux.iter().find(|p| p.fusion_de.iter().any(|f| f == id)))
    }

    /// The place a workshop happens at, when it is one of the catalog's
    /// places (not a free address).
    pub fn venue_place(&self, session: &Session) -> Option<&Place> {
        match &session.lieu {
            crate::session::Venue::Lieu { lieu_id, .. } => self.place(lieu_id),
            crate::session::Venue::Adresse { .. } => None,
        }
    }

    /// The territory's own communes (the catalog also carries those just
    /// across its border), for its map and its commune search.
    pub fn own_communes(&self) -> Vec<Commune> {
        self.communes.iter().filter(|c| c.departement == self.territoire.code).cloned().collect()
    }

    /// A place's evaluated opening hours.
    pub fn calendar(&self, place_id: &str) -> Option<&Calendar> {
        self.horaires.get(place_id)
    }

    pub fn session(&self, id: &str) -> Option<&Session> {
        self.ateliers.iter().find(|s| s.id == id)
    }

    pub fn guide(&self, id: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.id == id)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn read_in_two_steps_a_catalog_is_the_same_as_read_whole() {
        let mut catalog = crate::session_filter::tests::catalog();
        // The shipped guides and the Gers' communes, as the server puts them.
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
        let guides: Vec<(String, String)> = std::fs::read_dir(format!("{data}/guides"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
            .collect();
        catalog.guides = crate::guide::parse_all(guides.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
        let communes = std::fs::read_to_string(format!("{data}/communes/communes_france_with_coords.csv")).unwrap();
        catalog.communes = crate::communes::Gazetteer::new(crate::communes::parse_csv(&communes).unwrap()).for_territory("32", 10.0);
        let text = serde_json::to_string(&catalog).unwrap();
        let first: PlacesFirst = serde_json::from_str(&text).unwrap();
        assert!(first.lieux.len() == 1 && first.communes.len() == catalog.communes.len());
        let whole = first.with(serde_json::from_str(&text).unwrap());
        assert_eq!(whole, catalog);
        assert!(!whole.ateliers.is_empty() && !whole.guides.is_empty());
    }

    #[test]
    fn the_data_dates_read_the_same_everywhere() {
        let mut catalog = crate::session_filter::tests::catalog();
        catalog.donnees_du = None;
        catalog.mis_a_jour_le = None;
        assert_eq!((catalog.places_date_text(), catalog.national_check_text()), (None, None));
        catalog.donnees_du = NaiveDate::from_ymd_opt(2022, 12, 1);
        catalog.mis_a_jour_le = NaiveDate::from_ymd_opt(2026, 11, 24);
        assert_eq!(catalog.places_date_text().as_deref(), Some("Lieux mis à jour au plus tard le 1er décembre 2022"));
        assert_eq!(
            catalog.national_check_text().as_deref(),
            Some("Dernière vérification auprès de la source nationale : 24 novembre 2026")
        );
    }
}
