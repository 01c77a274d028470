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
    /// The organiser it belongs to; none for the coordinator's.
    #[serde(default)]
    pub organisateur: Option<i64>,
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

/// Someone the organiser must phone: a change concerns them and no e-mail
/// told them (none given, the e-mail failed, or no e-mail server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonToCall {
    pub inscription_id: String,
    pub prenom: String,
    pub nom: String,
    /// International form (+33…); `phone::display` shows it.
    pub telephone: String,
    /// "Atelier annulé : le prévenir", "Nouvelle date : …" (core::notice).
    pub raison: String,
    /// An e-mail was tried and failed for good.
    pub courriel_echoue: bool,
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

/// Who is signed in to the organiser tools (`GET /api/organisateur/compte`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub role: Role,
    /// "Coordination", or the organiser's name.
    pub nom: String,
    /// The organiser's number; none for the coordinator.
    pub id: Option<i64>,
}

/// The coordinator sees and changes everything and manages organisers; an
/// organiser sees and changes only its own workshops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Coordination,
    Organisateur,
}

/// An organiser's account as the coordinator sees it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganiserAccount {
    pub id: i64,
    pub nom: String,
    pub cree_le: String,
    /// When its secret was revoked; it gets 401 from then on.
    pub revoque_le: Option<String>,
    /// Workshops it owns.
    pub ateliers: usize,
}

/// A new or renewed secret, given once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedSecret {
    pub id: i64,
    pub nom: String,
    pub secret: String,
}

/// Body of `POST /api/organisateur/organisateurs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOrganiser {
    pub nom: String,
}

/// Body of `PUT /api/organisateur/ateliers/{id}/organisateur`: the new
/// owner, or none to give the workshop back to the coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assignment {
    pub organisateur: Option<i64>,
}

/// Body of `POST /api/organisateur/import-ics`: a calendar file and what
/// its events lack to be workshops (the same choices as the command
/// `ateliers importer-ics`). Without `appliquer`, nothing is written: the
/// answer says what would be created, updated or skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarImport {
    /// The .ics file's text.
    pub fichier: String,
    pub territoire: String,
    /// Organiser shown on the workshops.
    pub organisateur: String,
    /// Themes (short forms, e.g. "premiers-pas"); at least one.
    pub themes: Vec<String>,
    #[serde(default)]
    pub publics: Vec<String>,
    #[serde(default)]
    pub capacite: Option<u32>,
    /// "app" (in Proxinum), "aucune", or "organisateur".
    #[serde(default = "in_the_app")]
    pub inscription: String,
    /// Commune for events whose LOCATION has none.
    #[serde(default)]
    pub commune: Option<String>,
    #[serde(default)]
    pub appliquer: bool,
}

fn in_the_app() -> String {
    "app".into()
}

/// What an import does (or would do) with each event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPlan {
    pub lignes: Vec<ImportLine>,
    /// Whether it was written (`appliquer`) or only previewed.
    pub applique: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportLine {
    pub id: String,
    pub titre: String,
    /// "mardi 12 mars 2030, de 14h00 à 16h00".
    pub quand: String,
    pub action: ImportAction,
    /// Why it is skipped.
    pub raison: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    Creation,
    MiseAJour,
    Ignore,
}

impl ImportAction {
    pub fn label(self) -> &'static str {
        match self {
            ImportAction::Creation => "Sera créé",
            ImportAction::MiseAJour => "Sera mis à jour",
            ImportAction::Ignore => "Ignoré",
        }
    }
}

impl ImportPlan {
    /// "2 créé(s), 1 mis à jour, 1 ignoré(s)".
    pub fn summary(&self) -> String {
        let count = |action| self.lignes.iter().filter(|l| l.action == action).count();
        format!(
            "{} créé(s), {} mis à jour, {} ignoré(s)",
            count(ImportAction::Creation),
            count(ImportAction::MiseAJour),
            count(ImportAction::Ignore)
        )
    }
}

/// An organiser's name: 2 to 80 visible characters, no line break.
pub fn check_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.chars().count() < 2 || name.chars().count() > 80 || crate::text::has_forbidden_chars(name, false) {
        return Err("Le nom de l'organisateur fait de 2 à 80 caractères, sur une ligne.".into());
    }
    Ok(name.to_string())
}

/// What a change did, in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Creation,
    Modification,
    Annulation,
    Report,
    Attribution,
    Presence,
    Effacement,
    OrganisateurAjoute,
    OrganisateurRevoque,
    OrganisateurRenouvele,
    /// An itinerant place's tour was published (the object: the place).
    TourneePubliee,
}

impl AuditAction {
    pub fn label(self) -> &'static str {
        match self {
            AuditAction::Creation => "Atelier créé",
            AuditAction::Modification => "Atelier modifié",
            AuditAction::Annulation => "Atelier annulé",
            AuditAction::Report => "Atelier reporté",
            AuditAction::Attribution => "Atelier attribué",
            AuditAction::Presence => "Présence notée",
            AuditAction::Effacement => "Données d'une inscription effacées",
            AuditAction::OrganisateurAjoute => "Organisateur ajouté",
            AuditAction::OrganisateurRevoque => "Accès d'un organisateur révoqué",
            AuditAction::OrganisateurRenouvele => "Secret d'un organisateur renouvelé",
            AuditAction::TourneePubliee => "Tournée d'un lieu itinérant publiée",
        }
    }
}

/// One entry of the audit log: who (an organiser, the coordinator or the
/// command line — never a resident), what, when, and the workshop's fields
/// before and after. No resident's personal data: a registration is named
/// by its identifier only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub quand: String,
    pub auteur: String,
    pub action: AuditAction,
    pub atelier: Option<String>,
    /// The registration or organiser concerned, by identifier or name.
    pub objet: Option<String>,
    /// The workshop's fields that changed.
    pub changements: Vec<FieldChange>,
}

/// A workshop field before and after a change, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub champ: String,
    pub avant: Option<String>,
    pub apres: Option<String>,
}

/// The fields of a workshop that differ between `before` and `after`
/// (either may be absent: a creation has no before), by their names in
/// the data ("debut", "statut", "titre"…), in alphabetical order.
pub fn changed_fields(before: Option<&Session>, after: Option<&Session>) -> Vec<FieldChange> {
    let fields = |s: Option<&Session>| match s.map(serde_json::to_value) {
        Some(Ok(serde_json::Value::Object(map))) => map,
        _ => serde_json::Map::new(),
    };
    let (old, new) = (fields(before), fields(after));
    let text = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    let mut names: Vec<&String> = new.keys().chain(old.keys().filter(|k| !new.contains_key(*k))).collect();
    crate::order::sort(&mut names);
    names
        .into_iter()
        .filter_map(|name| {
            let (avant, apres) = (text(old.get(name)), text(new.get(name)));
            (avant != apres).then(|| FieldChange { champ: name.clone(), avant, apres })
        })
        .collect()
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

    #[test]
    fn a_change_lists_only_the_fields_that_moved() {
        let before = crate::session::tests::sample();
        let mut after = before.clone();
        after.titre = "Permanence du mardi".into();
        after.statut = crate::session::Status::Annulee;
        let changes = changed_fields(Some(&before), Some(&after));
        assert_eq!(
            changes,
            vec![
                FieldChange { champ: "statut".into(), avant: Some("programmee".into()), apres: Some("annulee".into()) },
                FieldChange {
                    champ: "titre".into(),
                    avant: Some("Permanence numérique".into()),
                    apres: Some("Permanence du mardi".into())
                },
            ]
        );
        assert!(changed_fields(Some(&before), Some(&before)).is_empty());
        let created = changed_fields(None, Some(&before));
        assert!(created.iter().all(|c| c.avant.is_none()));
        assert!(created.iter().any(|c| c.champ == "titre"));
    }

    #[test]
    fn organiser_names() {
        assert_eq!(check_name("  Médiathèque de Fleurance ").unwrap(), "Médiathèque de Fleurance");
        assert!(check_name("x").is_err());
        assert!(check_name("Deux\nlignes").is_err());
        assert!(check_name(&"a".repeat(81)).is_err());
    }
}
