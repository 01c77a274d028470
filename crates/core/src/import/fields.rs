//! Field rules shared by the v1 and v0 readers: turns a `RawRecord` into a
//! `Place`, rejecting it when a required field is missing or invalid and
//! warning about everything else that deserves a look.

use chrono::NaiveDate;

use super::raw::RawRecord;
use super::report::{ImportReport, Problem, Severity};
use super::v0_labels::{self, V0Public};
use crate::place::{Place, PIVOT_UNKNOWN};
use crate::vocab::{self, Itinerance, ModaliteAccompagnement, Service, Vocabulary};
use crate::{hours, phone};

/// Which generation of the national format a record follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Schema v1: `|` lists, v1 labels (v0 service labels still converted).
    V1,
    /// v0 exports: `;` lists, v0 labels, ids prefixed by their source.
    V0,
}

/// Collects the problems of one record while it is being read.
pub struct RecordIssues<'a> {
    location: String,
    report: &'a mut ImportReport,
    rejected: bool,
}

impl<'a> RecordIssues<'a> {
    pub fn new(location: String, report: &'a mut ImportReport) -> Self {
        RecordIssues { location, report, rejected: false }
    }

    /// Names the record by its id once known, for clearer messages.
    pub fn set_id(&mut self, id: &str) {
        self.location = format!("{} (id {id})", self.location);
    }

    pub fn reject(&mut self, field: &str, message: impl Into<String>) {
        self.rejected = true;
        self.push(Some(field), Severity::Rejet, message.into());
    }

    pub fn warn(&mut self, field: &str, message: impl Into<String>) {
        self.push(Some(field), Severity::Avertissement, message.into());
    }

    pub fn convert(&mut self, what: impl Into<String>) {
        self.report.count_conversion(what);
    }

    pub fn is_rejected(&self) -> bool {
        self.rejected
    }

    fn push(&mut self, field: Option<&str>, severity: Severity, message: String) {
        self.report.problemes.push(Problem {
            enregistrement: self.location.clone(),
            champ: field.map(String::from),
            gravite: severity,
            message,
        });
    }
}

/// Reads a required text field, rejecting the record when it is absent.
pub fn required(raw: &RawRecord, issues: &mut RecordIssues, field: &str) -> String {
    match raw.text(field) {
        Some(value) => value,
        None => {
            issues.reject(field, "champ obligatoire absent");
            String::new()
        }
    }
}

/// Reads and checks a postal code; a 4-digit code lost its leading zero in a
/// spreadsheet and is repaired with a warning.
pub fn postal_code(raw: &RawRecord, issues: &mut RecordIssues, field: &str) -> String {
    let value = required(raw, issues, field);
    if value.is_empty() {
        return value;
    }
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() == 5 && compact.chars().all(|c| c.is_ascii_digit()) {
        compact
    } else if compact.len() == 4 && compact.chars().all(|c| c.is_ascii_digit()) {
        issues.warn(field, format!("« {value} » complété en « 0{compact} » (zéro initial perdu)"));
        format!("0{compact}")
    } else {
        issues.reject(field, format!("« {value} » n'est pas un code postal à 5 chiffres"));
        String::new()
    }
}

/// Reads `date_maj`: ISO date, an ISO date-time, or the French dd/mm/yyyy.
pub fn date(raw: &RawRecord, issues: &mut RecordIssues, field: &str) -> Option<NaiveDate> {
    let value = required(raw, issues, field);
    if value.is_empty() {
        return None;
    }
    let head: String = value.chars().take(10).collect();
    let parsed = NaiveDate::parse_from_str(&head, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(&head, "%d/%m/%Y"));
    match parsed {
        Ok(date) => Some(date),
        Err(_) => {
            issues.reject(field, format!("« {value} » n'est pas une date (attendu AAAA-MM-JJ)"));
            None
        }
    }
}

/// A multi-valued field. v1 files sometimes still use the v0 `;` separator:
/// accepted when there is no `|` at all, and counted.
fn list(raw: &RawRecord, issues: &mut RecordIssues, field: &str, separator: char) -> Vec<String> {
    let values = raw.list(field, separator);
    if separator == '|' && values.len() == 1 && values[0].contains(';') {
        issues.convert(format!("{field} : séparateur « ; » lu comme « | »"));
        return raw.list(field, ';');
    }
    values
}

/// A value quoted in a message: whitespace collapsed, long text shortened.
pub fn quote(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() > 80 {
        format!("{}…", collapsed.chars().take(80).collect::<String>())
    } else {
        collapsed
    }
}

/// Reads a vocabulary list, keeping and reporting values outside the list.
fn vocabulary_list<T: Vocabulary>(raw: &RawRecord, issues: &mut RecordIssues, separator: char) -> Vec<T> {
    let mut out = Vec::new();
    for label in list(raw, issues, T::FIELD, separator) {
        let value = T::from_label(&label);
        if value.is_unknown() {
            issues.warn(T::FIELD, format!("valeur « {label} » hors du vocabulaire du schéma : conservée telle quelle"));
        }
        vocab::push_unique(&mut out, value);
    }
    out
}

/// Builds a place from a v1 or v0 record. Returns `None` when rejected; the
/// reasons are already in the report.
pub fn place_from_record(raw: &RawRecord, flavour: Flavour, issues: &mut RecordIssues) -> Option<Place> {
    let separator = match flavour {
        Flavour::V1 => '|',
        Flavour::V0 => ';',
    };
    let id = match flavour {
        Flavour::V1 => required(raw, issues, "id"),
        Flavour::V0 => v0_id(raw, issues),
    };
    if !id.is_empty() {
        issues.set_id(&id);
    }
    let nom = required(raw, issues, "nom");
    let commune = required(raw, issues, "commune");
    let code_postal = postal_code(raw, issues, "code_postal");
    let adresse = required(raw, issues, "adresse");
    let date_maj = date(raw, issues, "date_maj");
    let (Some(date_maj), false) = (date_maj, issues.is_rejected()) else {
        return None;
    };
    let mut place = Place::new(&id, &nom, &commune, &code_postal, &adresse, date_maj);

    place.pivot = pivot(raw, issues);
    place.code_insee = code_insee(raw, issues);
    place.complement_adresse = raw.text("complement_adresse");
    coordinates(raw, issues, &mut place);
    place.typologie = list(raw, issues, "typologie", separator);
    place.telephone = telephone(raw, issues);
    place.courriels = list(raw, issues, "courriels", separator);
    for email in &place.courriels {
        if !email.contains('@') {
            issues.warn("courriels", format!("« {email} » ne ressemble pas à une adresse e-mail"));
        }
    }
    place.site_web = list(raw, issues, "site_web", separator);
    place.horaires = raw.text("horaires");
    if let Some(text) = &place.horaires {
        if !hours::is_valid_osm(text) {
            issues.warn("horaires", format!("« {} » n'est pas au format OpenStreetMap : affiché tel quel", quote(text)));
        }
    }
    place.presentation_resume = raw.text("presentation_resume");
    if place.presentation_resume.as_ref().is_some_and(|s| s.chars().count() > 280) {
        issues.warn("presentation_resume", "plus de 280 caractères (limite du schéma)");
    }
    place.presentation_detail = raw.text("presentation_detail");
    place.source = raw.text("source");
    place.structure_parente = raw.text("structure_parente");
    place.autres_formations_labels = raw.text("autres_formations_labels");
    place.fiche_acces_libre = raw.text("fiche_acces_libre");
    place.prise_rdv = raw.text("prise_rdv");
    place.itinerance = itinerance(raw, issues, separator);

    place.services = services(raw, issues, separator);
    place.publics_specifiquement_adresses = vocabulary_list(raw, issues, separator);
    place.prise_en_charge_specifique = vocabulary_list(raw, issues, separator);
    place.frais_a_charge = vocabulary_list(raw, issues, separator);
    place.dispositif_programmes_nationaux = vocabulary_list(raw, issues, separator);
    place.formations_labels = vocabulary_list(raw, issues, separator);
    place.modalites_acces = vocabulary_list(raw, issues, separator);
    place.modalites_accompagnement = modalites_accompagnement(raw, issues, separator);
    // v0 fields are read whatever the flavour: merged v1 files still have some.
    v0_fields(raw, issues, &mut place);
    Some(place)
}

/// v0 ids are local to their source: prefix them so that the same place in
/// the conseillers numériques file and in data·inclusion gets the same id.
fn v0_id(raw: &RawRecord, issues: &mut RecordIssues) -> String {
    let local = required(raw, issues, "id");
    if local.is_empty() {
        return local;
    }
    let prefix = match raw.text("source").as_deref() {
        Some("conseiller-numerique") => "cnfs",
        _ if raw.text("structureId").is_some() => "cnfs",
        _ => "di",
    };
    format!("{prefix}-{local}")
}

fn pivot(raw: &RawRecord, issues: &mut RecordIssues) -> String {
    let Some(value) = raw.text("pivot") else {
        issues.convert("pivot (SIRET/RNA) absent : remplacé par 00000000000000, comme la cartographie nationale");
        return PIVOT_UNKNOWN.to_string();
    };
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let valid = (9..=14).contains(&compact.len()) && compact.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid {
        issues.warn("pivot", format!("« {value} » n'est ni un SIRET, ni un RNA, ni un RIDET : conservé tel quel"));
        return value;
    }
    compact
}

fn code_insee(raw: &RawRecord, issues: &mut RecordIssues) -> Option<String> {
    let value = raw.text("code_insee")?;
    let valid = value.chars().count() == 5
        && value.is_ascii()
        && (value[2..].chars().all(|c| c.is_ascii_digit()))
        && (value[..2].chars().all(|c| c.is_ascii_digit()) || matches!(&value[..2], "2A" | "2B"));
    if valid {
        Some(value)
    } else {
        issues.warn("code_insee", format!("« {value} » n'est pas un code INSEE : ignoré"));
        None
    }
}

fn coordinates(raw: &RawRecord, issues: &mut RecordIssues, place: &mut Place) {
    let lat = raw.number("latitude");
    let lon = raw.number("longitude");
    match (lat, lon) {
        (Ok(Some(lat)), Ok(Some(lon))) => {
            place.latitude = Some(lat);
            place.longitude = Some(lon);
            if place.position().is_none() {
                issues.warn("latitude", format!("coordonnées ({lat}, {lon}) impossibles : lieu listé à part, sans distance"));
                place.latitude = None;
                place.longitude = None;
            }
        }
        (Err(message), _) => issues.warn("latitude", format!("{message} : lieu listé à part, sans distance")),
        (_, Err(message)) => issues.warn("longitude", format!("{message} : lieu listé à part, sans distance")),
        _ => issues.warn("latitude", "pas de coordonnées : lieu listé à part, sans distance"),
    }
}

fn telephone(raw: &RawRecord, issues: &mut RecordIssues) -> Option<String> {
    let value = raw.text("telephone")?;
    if phone::is_valid(&value) {
        return Some(value);
    }
    match phone::normalise(&value) {
        Some(normalised) => {
            issues.convert("téléphone remis au format international (+33…)");
            Some(normalised)
        }
        None => {
            issues.warn("telephone", format!("« {value} » n'est pas un numéro valide : conservé tel quel"));
            Some(value)
        }
    }
}

fn itinerance(raw: &RawRecord, issues: &mut RecordIssues, separator: char) -> Vec<Itinerance> {
    let mut out = Vec::new();
    for label in list(raw, issues, "itinerance", separator) {
        let value = match label.as_str() {
            "Oui" | "oui" | "true" => Itinerance::Itinerant,
            "Non" | "non" | "false" => Itinerance::Fixe,
            other => Itinerance::from_label(other),
        };
        if value.is_unknown() {
            issues.warn("itinerance", format!("valeur « {label} » hors du vocabulaire (Itinérant, Fixe) : conservée"));
        }
        vocab::push_unique(&mut out, value);
    }
    out
}

/// Services: v1 labels, with the v0 labels still found in real v1 files
/// converted (and counted) rather than rejected.
fn services(raw: &RawRecord, issues: &mut RecordIssues, separator: char) -> Vec<Service> {
    let mut out = Vec::new();
    for label in list(raw, issues, "services", separator) {
        let value = Service::from_label(&label);
        let value = if value.is_unknown() {
            match v0_labels::service_of_v0(&label) {
                Some(mapped) => {
                    issues.convert(format!("service v0 « {label} » → « {} »", mapped.label()));
                    mapped
                }
                None => {
                    issues.warn("services", format!("service « {label} » inconnu : conservé tel quel"));
                    value
                }
            }
        } else {
            value
        };
        vocab::push_unique(&mut out, value);
    }
    if out.is_empty() {
        issues.warn("services", "aucun service indiqué");
    }
    out
}

/// The v0 fields that have another name or vocabulary in v1.
fn v0_fields(raw: &RawRecord, issues: &mut RecordIssues, place: &mut Place) {
    if let Some(text) = raw.text_any(&["conditions_acces", "conditions_access"]) {
        match v0_labels::frais_of_v0(&text) {
            Some(frais) => {
                issues.convert(format!("conditions d'accès v0 → frais « {} »", frais.label()));
                vocab::push_unique(&mut place.frais_a_charge, frais);
            }
            None => issues.warn("conditions_acces", format!("« {text} » non reconnu : ignoré")),
        }
    }
    for label in raw.list("labels_nationaux", ';') {
        match v0_labels::dispositif_of_v0(&label) {
            Some(dispositif) => vocab::push_unique(&mut place.dispositif_programmes_nationaux, dispositif),
            None => {
                issues.warn("labels_nationaux", format!("label « {label} » inconnu : conservé"));
                vocab::push_unique(&mut place.dispositif_programmes_nationaux, crate::vocab::Dispositif::Autre(label));
            }
        }
    }
    for label in raw.list("publics_accueillis", ';') {
        match v0_labels::public_of_v0(&label) {
            Some(V0Public::Public(public)) => vocab::push_unique(&mut place.publics_specifiquement_adresses, public),
            Some(V0Public::PriseEnCharge(support)) => vocab::push_unique(&mut place.prise_en_charge_specifique, support),
            Some(V0Public::ToutPublic) => {}
            None => {
                issues.warn("publics_accueillis", format!("public « {label} » sans équivalent v1 : conservé"));
                vocab::push_unique(&mut place.prise_en_charge_specifique, crate::vocab::PriseEnCharge::Autre(label));
            }
        }
    }
}

/// Support modes: v1 labels, or v0 labels ("Avec de l'aide : …") converted.
fn modalites_accompagnement(raw: &RawRecord, issues: &mut RecordIssues, separator: char) -> Vec<ModaliteAccompagnement> {
    let mut out = Vec::new();
    for label in list(raw, issues, "modalites_accompagnement", separator) {
        let value = ModaliteAccompagnement::from_label(&label);
        let value = match (value.is_unknown(), v0_labels::modalite_of_v0(&label)) {
            (true, Some(mapped)) => {
                issues.convert(format!("modalité v0 « {} » → « {} »", quote(&label), mapped.label()));
                mapped
            }
            (true, None) => {
                issues.warn("modalites_accompagnement", format!("modalité « {} » inconnue : conservée", quote(&label)));
                value
            }
            (false, _) => value,
        };
        vocab::push_unique(&mut out, value);
    }
    out
}
