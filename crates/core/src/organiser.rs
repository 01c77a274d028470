//! What the organiser API sends and receives: the server writes these
//! types and the app's organiser page reads the same ones, so the wire
//! format is defined once (no untyped JSON on either side).

use serde::{Deserialize, Serialize};

use crate::registration::RegistrationStatus;
use crate::session::{Availability, Session};

/// A workshop in the organiser's list, with its seats and registrations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkshopSummary {
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub atelier: Session,
    pub disponibilite: Availability,
    /// Registrations, waiting list and cancelled ones included.
    pub inscriptions: usize,
}

impl WorkshopSummary {
    /// "3 inscription(s) · 2 place(s) restante(s) · liste d'attente : 0".
    pub fn counts_text(&self) -> String {
        let left = match self.disponibilite.places_restantes {
            Some(n) => format!("{n} place(s) restante(s)"),
            None => "sans limite de places".into(),
        };
        format!("{} inscription(s) · {left} · liste d'attente : {}", self.inscriptions, self.disponibilite.liste_attente)
    }
}

/// A registration as the organiser sees it (personal fields `None` once
/// erased).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registrant {
    pub id: String,
    pub prenom: Option<String>,
    pub nom: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    pub besoins: Option<String>,
    pub places: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "confirmee"))]
    pub statut: RegistrationStatus,
    /// Arrival order within the workshop.
    pub rang: i64,
    pub present: Option<bool>,
    pub cree_le: String,
    /// When the personal data were erased (retention or request).
    pub donnees_effacees_le: Option<String>,
}

impl Registrant {
    /// The name an organiser reads, or "(données effacées)".
    pub fn display_name(&self) -> String {
        match (&self.prenom, &self.nom) {
            (None, None) => "(données effacées)".into(),
            (prenom, nom) => format!("{} {}", prenom.as_deref().unwrap_or(""), nom.as_deref().unwrap_or("")).trim().to_string(),
        }
    }

    /// How to reach the person: the phone as written in France, else the e-mail.
    pub fn contact(&self) -> String {
        self.telephone.as_deref().map(crate::phone::display).or_else(|| self.courriel.clone()).unwrap_or_default()
    }
}

/// Body of `PUT /api/organisateur/inscriptions/{id}/presence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attendance {
    pub present: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registrant() -> Registrant {
        Registrant {
            id: "r1".into(),
            prenom: Some("Jeanne".into()),
            nom: Some("Dupont".into()),
            telephone: Some("+33612345678".into()),
            courriel: None,
            besoins: None,
            places: 1,
            statut: RegistrationStatus::ListeAttente,
            rang: 2,
            present: None,
            cree_le: "2026-11-24T08:00:00Z".into(),
            donnees_effacees_le: None,
        }
    }

    #[test]
    fn a_registrant_reads_the_same_on_both_sides() {
        let text = serde_json::to_string(&registrant()).unwrap();
        assert!(text.contains(r#""statut":"liste_attente""#), "{text}");
        assert_eq!(serde_json::from_str::<Registrant>(&text).unwrap(), registrant());
        assert_eq!(registrant().display_name(), "Jeanne Dupont");
        assert_eq!(registrant().contact(), "06 12 34 56 78");
        let erased = Registrant { prenom: None, nom: None, telephone: None, ..registrant() };
        assert_eq!((erased.display_name().as_str(), erased.contact().as_str()), ("(données effacées)", ""));
    }

    #[test]
    fn attendance_body() {
        assert_eq!(serde_json::to_string(&Attendance { present: true }).unwrap(), r#"{"present":true}"#);
    }
}
