//! Reading the internally tagged enums (`{"type": "lieu", "lieu_id": …}`)
//! through one flat record each, converted after.
//!
//! Why: serde's derive for an internally tagged enum first buffers every
//! field into a generic value, then reads it again for the variant. In the
//! app that code was ~33 KB of wasm for six enums, compiled by the browser on
//! every start (the catalog's workshops carry three of them). A flat record
//! is an ordinary struct: far less code, one pass. The JSON is the same both
//! ways, and the tests below pin it, read back every variant and pin the
//! error messages. The workshops' three (`Venue`, `RegistrationMode`,
//! `Price`) are also written through their record, with its empty fields
//! left out of JSON: the catalog's compact form (`catalog_compact`) is
//! positional and reads back exactly the record it wrote.
//!
//! Three differences, on input none of our writers produces: a variant's
//! required field given as `null` reads as missing, a field of another
//! variant is typed (`{"type": "lieu", …, "latitude": "x"}` is refused,
//! where serde's derive ignored it), and an address's `position_approchee`
//! given as `null` reads as false (the record holds it as an option, so
//! that a place's venue writes none).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalog_compact::none;

use crate::outbox::{EntryState, Millis, MyStatus, Operation};
use crate::registration::RegistrationRequest;
use crate::session::{Price, RegistrationMode, Venue};

/// A variant's field that is absent: serde's own wording.
fn required<T>(value: Option<T>, field: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{field}`"))
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum VenueKind {
    Lieu,
    Adresse,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct VenueRecord {
    #[serde(rename = "type")]
    kind: VenueKind,
    #[serde(skip_serializing_if = "none")]
    lieu_id: Option<String>,
    #[serde(skip_serializing_if = "none")]
    precision: Option<String>,
    #[serde(skip_serializing_if = "none")]
    nom: Option<String>,
    #[serde(skip_serializing_if = "none")]
    adresse: Option<String>,
    #[serde(skip_serializing_if = "none")]
    code_postal: Option<String>,
    #[serde(skip_serializing_if = "none")]
    commune: Option<String>,
    #[serde(default, skip_serializing_if = "none", with = "crate::catalog_compact::optional_position")]
    latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "none", with = "crate::catalog_compact::optional_position")]
    longitude: Option<f64>,
    /// An address's only; absent reads as false.
    #[serde(default, skip_serializing_if = "none")]
    position_approchee: Option<bool>,
}

impl From<Venue> for VenueRecord {
    fn from(venue: Venue) -> Self {
        let blank = VenueRecord {
            kind: VenueKind::Lieu,
            lieu_id: None,
            precision: None,
            nom: None,
            adresse: None,
            code_postal: None,
            commune: None,
            latitude: None,
            longitude: None,
            position_approchee: None,
        };
        match venue {
            Venue::Lieu { lieu_id, precision } => VenueRecord { lieu_id: Some(lieu_id), precision, ..blank },
            Venue::Adresse { nom, adresse, code_postal, commune, latitude, longitude, position_approchee } => VenueRecord {
                kind: VenueKind::Adresse,
                nom: Some(nom),
                adresse,
                code_postal,
                commune: Some(commune),
                latitude,
                longitude,
                position_approchee: Some(position_approchee),
                ..blank
            },
        }
    }
}

impl TryFrom<VenueRecord> for Venue {
    type Error = String;

    fn try_from(r: VenueRecord) -> Result<Self, String> {
        Ok(match r.kind {
            VenueKind::Lieu => Venue::Lieu { lieu_id: required(r.lieu_id, "lieu_id")?, precision: r.precision },
            VenueKind::Adresse => Venue::Adresse {
                nom: required(r.nom, "nom")?,
                adresse: r.adresse,
                code_postal: r.code_postal,
                commune: required(r.commune, "commune")?,
                latitude: r.latitude,
                longitude: r.longitude,
                position_approchee: r.position_approchee.unwrap_or(false),
            },
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ModeKind {
    DansLApp,
    Telephone,
    Lien,
    AupresOrganisateur,
    SansInscription,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct RegistrationModeRecord {
    mode: ModeKind,
    #[serde(skip_serializing_if = "none")]
    numero: Option<String>,
    #[serde(skip_serializing_if = "none")]
    url: Option<String>,
}

impl From<RegistrationMode> for RegistrationModeRecord {
    fn from(mode: RegistrationMode) -> Self {
        let (mode, numero, url) = match mode {
            RegistrationMode::DansLApp => (ModeKind::DansLApp, None, None),
            RegistrationMode::Telephone { numero } => (ModeKind::Telephone, Some(numero), None),
            RegistrationMode::Lien { url } => (ModeKind::Lien, None, Some(url)),
            RegistrationMode::AupresOrganisateur => (ModeKind::AupresOrganisateur, None, None),
            RegistrationMode::SansInscription => (ModeKind::SansInscription, None, None),
        };
        RegistrationModeRecord { mode, numero, url }
    }
}

impl TryFrom<RegistrationModeRecord> for RegistrationMode {
    type Error = String;

    fn try_from(r: RegistrationModeRecord) -> Result<Self, String> {
        Ok(match r.mode {
            ModeKind::DansLApp => RegistrationMode::DansLApp,
            ModeKind::Telephone => RegistrationMode::Telephone { numero: required(r.numero, "numero")? },
            ModeKind::Lien => RegistrationMode::Lien { url: required(r.url, "url")? },
            ModeKind::AupresOrganisateur => RegistrationMode::AupresOrganisateur,
            ModeKind::SansInscription => RegistrationMode::SansInscription,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum PriceKind {
    Gratuit,
    Payant,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct PriceRecord {
    #[serde(rename = "type")]
    kind: PriceKind,
    #[serde(skip_serializing_if = "none")]
    texte: Option<String>,
}

impl From<Price> for PriceRecord {
    fn from(price: Price) -> Self {
        match price {
            Price::Gratuit => PriceRecord { kind: PriceKind::Gratuit, texte: None },
            Price::Payant { texte } => PriceRecord { kind: PriceKind::Payant, texte: Some(texte) },
        }
    }
}

impl TryFrom<PriceRecord> for Price {
    type Error = String;

    fn try_from(r: PriceRecord) -> Result<Self, String> {
        Ok(match r.kind {
            PriceKind::Gratuit => Price::Gratuit,
            PriceKind::Payant => Price::Payant { texte: required(r.texte, "texte")? },
        })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum OperationKind {
    Inscrire,
    Annuler,
}

#[derive(Deserialize)]
pub(crate) struct OperationRecord {
    #[serde(rename = "type")]
    kind: OperationKind,
    demande: Option<RegistrationRequest>,
    inscription_id: Option<Uuid>,
}

impl TryFrom<OperationRecord> for Operation {
    type Error = String;

    fn try_from(r: OperationRecord) -> Result<Self, String> {
        Ok(match r.kind {
            OperationKind::Inscrire => Operation::Inscrire { demande: required(r.demande, "demande")? },
            OperationKind::Annuler => Operation::Annuler { inscription_id: required(r.inscription_id, "inscription_id")? },
        })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum StateKind {
    EnAttente,
    EnCours,
}

#[derive(Deserialize)]
pub(crate) struct EntryStateRecord {
    etat: StateKind,
    depuis: Option<Millis>,
}

impl TryFrom<EntryStateRecord> for EntryState {
    type Error = String;

    fn try_from(r: EntryStateRecord) -> Result<Self, String> {
        Ok(match r.etat {
            StateKind::EnAttente => EntryState::EnAttente,
            StateKind::EnCours => EntryState::EnCours { depuis: required(r.depuis, "depuis")? },
        })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum StatusKind {
    EnAttenteEnvoi,
    Confirmee,
    ListeAttente,
    AnnulationEnAttente,
    Annulee,
    Refusee,
    Expiree,
}

#[derive(Deserialize)]
pub(crate) struct MyStatusRecord {
    statut: StatusKind,
    message: Option<String>,
}

impl TryFrom<MyStatusRecord> for MyStatus {
    type Error = String;

    fn try_from(r: MyStatusRecord) -> Result<Self, String> {
        Ok(match r.statut {
            StatusKind::EnAttenteEnvoi => MyStatus::EnAttenteEnvoi,
            StatusKind::Confirmee => MyStatus::Confirmee,
            StatusKind::ListeAttente => MyStatus::ListeAttente,
            StatusKind::AnnulationEnAttente => MyStatus::AnnulationEnAttente,
            StatusKind::Annulee => MyStatus::Annulee,
            StatusKind::Refusee => MyStatus::Refusee { message: required(r.message, "message")? },
            StatusKind::Expiree => MyStatus::Expiree,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde::{de::DeserializeOwned, Serialize};

    use super::*;

    /// What serde's derive for the same tagged enum reads: the reference the
    /// flat records must match, value for value and message for message.
    /// Only read to compare, so their fields are never used.
    #[allow(dead_code)]
    mod derived {
        use serde::Deserialize;
        use uuid::Uuid;

        use crate::outbox::Millis;
        use crate::registration::RegistrationRequest;

        #[derive(Debug, Deserialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        pub enum Venue {
            Lieu {
                lieu_id: String,
                #[serde(default)]
                precision: Option<String>,
            },
            Adresse {
                nom: String,
                #[serde(default)]
                adresse: Option<String>,
                #[serde(default)]
                code_postal: Option<String>,
                commune: String,
                #[serde(default)]
                latitude: Option<f64>,
                #[serde(default)]
                longitude: Option<f64>,
                #[serde(default)]
                position_approchee: bool,
            },
        }

        #[derive(Debug, Deserialize)]
        #[serde(tag = "mode", rename_all = "snake_case")]
        pub enum RegistrationMode {
            DansLApp,
            Telephone { numero: String },
            Lien { url: String },
            AupresOrganisateur,
            SansInscription,
        }

        #[derive(Debug, Deserialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        pub enum Operation {
            Inscrire { demande: RegistrationRequest },
            Annuler { inscription_id: Uuid },
        }

        #[derive(Debug, Deserialize)]
        #[serde(tag = "etat", rename_all = "snake_case")]
        pub enum EntryState {
            EnAttente,
            EnCours { depuis: Millis },
        }
    }

    /// Written by the derived `Serialize`, read back through the record.
    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
        let text = serde_json::to_string(&value).unwrap();
        assert_eq!(serde_json::from_str::<T>(&text).unwrap(), value, "{text}");
    }

    /// The error both readers give for the same text, without its position.
    fn same_error<Ours: DeserializeOwned + std::fmt::Debug, Derived: DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let strip = |e: serde_json::Error| e.to_string().split(" at line").next().unwrap().to_string();
        let ours = strip(serde_json::from_str::<Ours>(text).unwrap_err());
        let derived = strip(serde_json::from_str::<Derived>(text).unwrap_err());
        assert_eq!(ours, derived, "{text}");
        ours
    }

    fn request() -> RegistrationRequest {
        serde_json::from_value(serde_json::json!({
            "id": "6f1c1e52-7a4e-4f49-9a4f-111111111111", "session_id": "atelier-1", "prenom": "Louise",
            "nom": "Martin", "telephone": "0611223344", "places": 1, "consentement": true
        }))
        .unwrap()
    }

    /// The JSON each variant is written as: serde's internally tagged form,
    /// the tag first, then the variant's fields, empty optional ones left out.
    #[test]
    fn every_variant_writes_the_internally_tagged_json() {
        let json = |value: &dyn erased::Json| value.text();
        assert_eq!(json(&Venue::Lieu { lieu_id: "fs-192".into(), precision: None }), r#"{"type":"lieu","lieu_id":"fs-192"}"#);
        assert_eq!(
            json(&Venue::Lieu { lieu_id: "fs-192".into(), precision: Some("salle".into()) }),
            r#"{"type":"lieu","lieu_id":"fs-192","precision":"salle"}"#
        );
        assert_eq!(
            json(&salle(true)),
            r#"{"type":"adresse","nom":"Salle","adresse":"1 place","code_postal":"32300","commune":"Mirande","latitude":43.5,"longitude":0.4,"position_approchee":true}"#
        );
        assert_eq!(json(&salle(false)), r#"{"type":"adresse","nom":"Salle","commune":"Mirande","position_approchee":false}"#);
        assert_eq!(json(&RegistrationMode::DansLApp), r#"{"mode":"dans_l_app"}"#);
        assert_eq!(json(&RegistrationMode::Telephone { numero: "05".into() }), r#"{"mode":"telephone","numero":"05"}"#);
        assert_eq!(json(&RegistrationMode::Lien { url: "https://e.fr".into() }), r#"{"mode":"lien","url":"https://e.fr"}"#);
        assert_eq!(json(&RegistrationMode::AupresOrganisateur), r#"{"mode":"aupres_organisateur"}"#);
        assert_eq!(json(&RegistrationMode::SansInscription), r#"{"mode":"sans_inscription"}"#);
        assert_eq!(json(&Price::Gratuit), r#"{"type":"gratuit"}"#);
        assert_eq!(json(&Price::Payant { texte: "5 €".into() }), r#"{"type":"payant","texte":"5 €"}"#);
    }

    /// A one-off venue, every optional field given or none.
    fn salle(complete: bool) -> Venue {
        let given = |text: &str| complete.then(|| text.to_string());
        Venue::Adresse {
            nom: "Salle".into(),
            adresse: given("1 place"),
            code_postal: given("32300"),
            commune: "Mirande".into(),
            latitude: complete.then_some(43.5),
            longitude: complete.then_some(0.4),
            position_approchee: complete,
        }
    }

    mod erased {
        pub trait Json {
            fn text(&self) -> String;
        }
        impl<T: serde::Serialize> Json for T {
            fn text(&self) -> String {
                serde_json::to_string(self).unwrap()
            }
        }
    }

    #[test]
    fn every_variant_reads_back_what_it_wrote() {
        round_trip(Venue::Lieu { lieu_id: "fs-192".into(), precision: None });
        round_trip(Venue::Lieu { lieu_id: "fs-192".into(), precision: Some("salle du conseil".into()) });
        round_trip(salle(true));
        round_trip(salle(false));
        for mode in [
            RegistrationMode::DansLApp,
            RegistrationMode::Telephone { numero: "05 62 00 00 00".into() },
            RegistrationMode::Lien { url: "https://exemple.fr".into() },
            RegistrationMode::AupresOrganisateur,
            RegistrationMode::SansInscription,
        ] {
            round_trip(mode);
        }
        round_trip(Price::Gratuit);
        round_trip(Price::Payant { texte: "2 €".into() });
        round_trip(Operation::Inscrire { demande: request() });
        round_trip(Operation::Annuler { inscription_id: Uuid::nil() });
        round_trip(EntryState::EnAttente);
        round_trip(EntryState::EnCours { depuis: 1_700_000_000_000 });
        for status in [
            MyStatus::EnAttenteEnvoi,
            MyStatus::Confirmee,
            MyStatus::ListeAttente,
            MyStatus::AnnulationEnAttente,
            MyStatus::Annulee,
            MyStatus::Refusee { message: "Complet".into() },
            MyStatus::Expiree,
        ] {
            round_trip(status);
        }
    }

    #[test]
    fn a_wrong_record_is_refused_with_serde_s_own_words() {
        assert_eq!(same_error::<Venue, derived::Venue>(r#"{"lieu_id": "fs-192"}"#), "missing field `type`");
        assert_eq!(same_error::<Venue, derived::Venue>(r#"{"type": "salle"}"#), "unknown variant `salle`, expected `lieu` or `adresse`");
        assert_eq!(same_error::<Venue, derived::Venue>(r#"{"type": "adresse", "nom": "Salle"}"#), "missing field `commune`");
        assert_eq!(
            same_error::<Venue, derived::Venue>(r#"{"type": "lieu", "lieu_id": 4}"#),
            "invalid type: integer `4`, expected a string"
        );
        assert_eq!(same_error::<RegistrationMode, derived::RegistrationMode>(r#"{"mode": "telephone"}"#), "missing field `numero`");
        same_error::<Operation, derived::Operation>(r#"{"type": "annuler", "inscription_id": "x"}"#);
        assert_eq!(same_error::<EntryState, derived::EntryState>(r#"{"etat": "en_cours"}"#), "missing field `depuis`");
        // The two differences with serde's derive (see the module's head).
        assert!(serde_json::from_str::<Venue>(r#"{"type": "lieu", "lieu_id": null}"#)
            .unwrap_err()
            .to_string()
            .starts_with("missing field `lieu_id`"));
        assert!(serde_json::from_str::<Venue>(r#"{"type": "lieu", "lieu_id": "fs-192", "latitude": "x"}"#).is_err());
        assert!(serde_json::from_str::<derived::Venue>(r#"{"type": "lieu", "lieu_id": "fs-192", "latitude": "x"}"#).is_ok());
        // A record from a newer app (an extra field) still reads.
        assert_eq!(
            serde_json::from_str::<Venue>(r#"{"type": "lieu", "lieu_id": "fs-192", "etage": 2}"#).unwrap(),
            Venue::Lieu { lieu_id: "fs-192".into(), precision: None }
        );
    }
}
