//! The `Place` model: one "lieu de médiation numérique" with every field of
//! the national standard v1.0.2, multi-valued fields as lists.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::geo::LatLon;
use crate::vocab::{Dispositif, FormationLabel, Frais, Itinerance, ModaliteAcces, ModaliteAccompagnement, PriseEnCharge, Public, Service};

/// Placeholder the national mapping uses when a place has no SIRET/RNA.
pub const PIVOT_UNKNOWN: &str = "00000000000000";

/// A place of digital help, as in schema v1.0.2 (field names are the
/// standard's). `fusion_de` is ours: the ids of records merged into this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub pivot: String,
    pub nom: String,
    pub commune: String,
    pub code_postal: String,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub code_insee: Option<String>,
    pub adresse: String,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub complement_adresse: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none", with = "crate::catalog_compact::optional_position")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none", with = "crate::catalog_compact::optional_position")]
    pub longitude: Option<f64>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub typologie: Vec<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub telephone: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub courriels: Vec<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub site_web: Vec<String>,
    /// OSM `opening_hours` text as given; it may be free text that does not
    /// parse, in which case it is shown as written.
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub horaires: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub presentation_resume: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub presentation_detail: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub itinerance: Vec<Itinerance>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub structure_parente: Option<String>,
    #[serde(deserialize_with = "crate::wire_dates::date")]
    pub date_maj: NaiveDate,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub services: Vec<Service>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub publics_specifiquement_adresses: Vec<Public>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub prise_en_charge_specifique: Vec<PriseEnCharge>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub frais_a_charge: Vec<Frais>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub dispositif_programmes_nationaux: Vec<Dispositif>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub formations_labels: Vec<FormationLabel>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub autres_formations_labels: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub modalites_acces: Vec<ModaliteAcces>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub modalites_accompagnement: Vec<ModaliteAccompagnement>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub fiche_acces_libre: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub prise_rdv: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub fusion_de: Vec<String>,
}

impl Place {
    /// A place with only the required fields set; importers fill the rest.
    pub fn new(id: &str, nom: &str, commune: &str, code_postal: &str, adresse: &str, date_maj: NaiveDate) -> Self {
        Place {
            id: id.to_string(),
            pivot: PIVOT_UNKNOWN.to_string(),
            nom: nom.to_string(),
            commune: commune.to_string(),
            code_postal: code_postal.to_string(),
            code_insee: None,
            adresse: adresse.to_string(),
            complement_adresse: None,
            latitude: None,
            longitude: None,
            typologie: Vec::new(),
            telephone: None,
            courriels: Vec::new(),
            site_web: Vec::new(),
            horaires: None,
            presentation_resume: None,
            presentation_detail: None,
            source: None,
            itinerance: Vec::new(),
            structure_parente: None,
            date_maj,
            services: Vec::new(),
            publics_specifiquement_adresses: Vec::new(),
            prise_en_charge_specifique: Vec::new(),
            frais_a_charge: Vec::new(),
            dispositif_programmes_nationaux: Vec::new(),
            formations_labels: Vec::new(),
            autres_formations_labels: None,
            modalites_acces: Vec::new(),
            modalites_accompagnement: Vec::new(),
            fiche_acces_libre: None,
            prise_rdv: None,
            fusion_de: Vec::new(),
        }
    }

    /// The position, only when both coordinates are present, finite, in range
    /// and not the (0, 0) placeholder some exports use for "unknown".
    pub fn position(&self) -> Option<LatLon> {
        LatLon::new(self.latitude?, self.longitude?)
    }

    /// True when the place is (also) itinerant: a bus, a camping-car...
    pub fn is_itinerant(&self) -> bool {
        self.itinerance.contains(&Itinerance::Itinerant)
    }

    /// The département code: from the INSEE code when present (exact), else
    /// from the postal code (Corsica and overseas handled).
    pub fn departement(&self) -> Option<String> {
        if let Some(insee) = self.code_insee.as_deref().filter(|c| c.len() == 5) {
            return Some(departement_of_insee(insee));
        }
        departement_of_postal_code(&self.code_postal)
    }

    /// Information more than a year old deserves a warning.
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        (today - self.date_maj).num_days() > 365
    }

    /// "Commune" for display: the real data has upper-case names.
    pub fn commune_affichee(&self) -> String {
        crate::text_case::title_case_if_shouting(&self.commune)
    }

    /// Name for display, tamed when the producer wrote it all in capitals.
    pub fn nom_affiche(&self) -> String {
        crate::text_case::title_case_if_shouting(&self.nom)
    }
}

/// Département of an INSEE commune code ("32208" → "32", "97411" → "974").
pub fn departement_of_insee(insee: &str) -> String {
    if insee.starts_with("97") || insee.starts_with("98") {
        insee.chars().take(3).collect()
    } else {
        insee.chars().take(2).collect()
    }
}

/// Département of a postal code, when it can be told from it alone.
pub fn departement_of_postal_code(code: &str) -> Option<String> {
    if code.len() != 5 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if code.starts_with("97") || code.starts_with("98") {
        return Some(code[..3].to_string());
    }
    if code.starts_with("20") {
        // 200xx/201xx are Corse-du-Sud, 202xx/206xx Haute-Corse.
        return Some(if code.as_bytes()[2] <= b'1' { "2A" } else { "2B" }.to_string());
    }
    Some(code[..2].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Place {
        Place::new("x", "LA POSTE", "AUBIET", "32270", "14 AV DU GROUPE SCOLAIRE", NaiveDate::from_ymd_opt(2022, 6, 1).unwrap())
    }

    #[test]
    fn position_refuses_missing_and_null_island() {
        let mut p = sample();
        assert!(p.position().is_none());
        p.latitude = Some(0.0);
        p.longitude = Some(0.0);
        assert!(p.position().is_none());
        p.latitude = Some(43.6465);
        p.longitude = Some(0.5855);
        assert!(p.position().is_some());
    }

    #[test]
    fn departement_from_codes() {
        let mut p = sample();
        assert_eq!(p.departement().as_deref(), Some("32"));
        p.code_insee = Some("82121".into());
        assert_eq!(p.departement().as_deref(), Some("82"));
        assert_eq!(departement_of_postal_code("20090").as_deref(), Some("2A"));
        assert_eq!(departement_of_postal_code("97400").as_deref(), Some("974"));
        assert_eq!(departement_of_postal_code("GERS"), None);
    }

    #[test]
    fn display_names_are_tamed() {
        let p = sample();
        assert_eq!(p.nom_affiche(), "La Poste");
        assert_eq!(p.commune_affichee(), "Aubiet");
    }
}
