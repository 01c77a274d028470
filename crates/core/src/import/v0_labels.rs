//! How the older v0 vocabulary (conseillers numériques, data·inclusion
//! exports) maps onto the 9 services and the lists of schema v1.
//!
//! Choices made where v1 has no exact twin are written next to the entry.

use crate::vocab::{Dispositif, Frais, ModaliteAccompagnement, PriseEnCharge, Public, Service};

/// The v1 service of a v0 service label, or `None` when unknown.
pub fn service_of_v0(label: &str) -> Option<Service> {
    Some(match label.trim() {
        "Prendre en main un smartphone ou une tablette"
        | "Prendre en main un ordinateur"
        | "Utiliser le numérique au quotidien" => Service::OutilsDuQuotidien,
        "Approfondir ma culture numérique" | "Promouvoir la citoyenneté numérique" => Service::ComprehensionDuMonde,
        "Devenir autonome dans les démarches administratives"
        | "Réaliser des démarches administratives avec un accompagnement"
        // Health démarches (Ameli, Mon Espace Santé) are administrative help in v1.
        | "Accompagner les démarches de santé" => Service::DemarchesAdministratives,
        "Accéder à une connexion internet" | "Accéder à du matériel" => Service::AccesInternetMateriel,
        "S'équiper en matériel informatique" => Service::MaterielPrixSolidaire,
        "Favoriser mon insertion professionnelle" | "Créer et développer mon entreprise" => {
            Service::InsertionProfessionnelle
        }
        "Créer avec le numérique" => Service::LoisirsCreations,
        _ => return None,
    })
}

/// The v1 fee of a v0 `conditions_acces` text ("Gratuit : Je peux …").
pub fn frais_of_v0(text: &str) -> Option<Frais> {
    let head = text.split(':').next().unwrap_or("").trim();
    Some(match head {
        "Gratuit" => Frais::Gratuit,
        "Gratuit sous condition" => Frais::GratuitSousCondition,
        // A membership fee is a cost for the resident.
        "Payant" | "Adhésion" => Frais::Payant,
        _ => return None,
    })
}

/// The v1 national programme of a v0 `labels_nationaux` value.
pub fn dispositif_of_v0(label: &str) -> Option<Dispositif> {
    Some(match label.trim() {
        "CNFS" | "Conseillers numériques" | "Conseiller numérique" => Dispositif::ConseillersNumeriques,
        "France Services" => Dispositif::FranceServices,
        "Aidants Connect" => Dispositif::AidantsConnect,
        "PIX" | "Certification PIX" => Dispositif::CertificationPix,
        "Point d'accès numérique CAF" | "CAF" => Dispositif::PointAccesNumeriqueCaf,
        "Emmaüs Connect" => Dispositif::EmmausConnect,
        "Promeneurs du net" => Dispositif::PromeneursDuNet,
        "Grande école du numérique" => Dispositif::GrandeEcoleDuNumerique,
        _ => return None,
    })
}

/// What a v0 `publics_accueillis` value becomes in v1: a specific public, a
/// specific support, or nothing when it means "everyone".
pub enum V0Public {
    Public(Public),
    PriseEnCharge(PriseEnCharge),
    /// "Adultes": the default public of every place; v1 has no value for it.
    ToutPublic,
}

pub fn public_of_v0(label: &str) -> Option<V0Public> {
    let head = label.split(':').next().unwrap_or("").trim();
    Some(match head {
        "Adultes" => V0Public::ToutPublic,
        "Seniors (+ 65 ans)" | "Seniors" => V0Public::Public(Public::Seniors),
        "Jeunes (16-26 ans)" | "Jeunes" => V0Public::Public(Public::Jeunes),
        "Familles/enfants" => V0Public::Public(Public::Familles),
        "Étudiants" => V0Public::Public(Public::Etudiants),
        "Femmes" => V0Public::Public(Public::Femmes),
        "Surdité" => V0Public::PriseEnCharge(PriseEnCharge::Surdite),
        "Handicaps mentaux" => V0Public::PriseEnCharge(PriseEnCharge::HandicapsMentaux),
        "Handicaps moteurs" => V0Public::PriseEnCharge(PriseEnCharge::HandicapsMoteurs),
        "Personnes en situation d'illettrisme" => V0Public::PriseEnCharge(PriseEnCharge::Illettrisme),
        "Déficience visuelle" => V0Public::PriseEnCharge(PriseEnCharge::DeficienceVisuelle),
        "Public langues étrangères" => V0Public::PriseEnCharge(PriseEnCharge::LanguesAutres),
        _ => return None,
    })
}

/// The v1 support mode of a v0 `modalites_accompagnement` value.
pub fn modalite_of_v0(label: &str) -> Option<ModaliteAccompagnement> {
    let head = label.split(':').next().unwrap_or("").trim();
    Some(match head {
        "Seul" => ModaliteAccompagnement::EnAutonomie,
        "Avec de l'aide" => ModaliteAccompagnement::Individuel,
        // Someone does the démarche for the resident: individual support in v1.
        "A ma place" | "À ma place" => ModaliteAccompagnement::Individuel,
        "Dans un atelier" => ModaliteAccompagnement::AtelierCollectif,
        "À distance" | "A distance" => ModaliteAccompagnement::ADistance,
        _ => return None,
    })
}
