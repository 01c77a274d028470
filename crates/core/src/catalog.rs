//! The catalog: everything the app needs for one territory, in one document
//! (places, workshops, guides, communes, data sources). The server builds it,
//! the app keeps it in IndexedDB and works from it offline.

use std::collections::BTreeMap;

use chrono::NaiveDate;
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub format: u32,
    /// A digest of the content (also the HTTP ETag).
    pub version: String,
    pub territoire: Territory,
    /// The most recent `date_maj` of the places: "Données du …".
    #[serde(default, deserialize_with = "crate::wire_dates::option_date")]
    pub donnees_du: Option<NaiveDate>,
    /// The day (Paris) a sync with the national export last confirmed the
    /// places current: "Mis à jour le …". None without a sync.
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none", deserialize_with = "crate::wire_dates::option_date")]
    pub mis_a_jour_le: Option<NaiveDate>,
    pub lieux: Vec<Place>,
    pub ateliers: Vec<Session>,
    pub guides: Vec<Guide>,
    #[serde(with = "crate::catalog_compact::communes")]
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
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub arrets: Vec<crate::tour::Stop>,
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
