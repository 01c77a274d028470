//! The controlled vocabularies of the national standard "schéma des lieux de
//! médiation numérique" v1.0.2, with their exact French labels.
//!
//! A value outside a vocabulary is never dropped: it is kept as `Autre(text)`
//! so that importers can report it and nothing a producer wrote is lost.

/// Common behaviour of every vocabulary enum.
pub trait Vocabulary: Sized + Clone + PartialEq + 'static {
    /// Name of the schema field, used in import reports.
    const FIELD: &'static str;
    /// Parses an exact label (or a known spelling variant); unknown text
    /// becomes `Autre`.
    fn from_label(label: &str) -> Self;
    /// The exact label of the standard, or the unknown text as it came.
    fn label(&self) -> &str;
    /// True for a value that is not in the vocabulary.
    fn is_unknown(&self) -> bool;
    /// The label folded for URLs: "Familles et/ou enfants" → "familles-et-ou-enfants".
    fn slug(&self) -> String {
        crate::text::fold(self.label()).replace(' ', "-")
    }
    /// Parses a label or a slug, refusing values outside the vocabulary.
    fn from_label_or_slug(text: &str) -> Option<Self>;
    /// Every known value.
    fn all_known() -> &'static [Self];
    /// A value outside the vocabulary, kept as written.
    fn other(text: String) -> Self;
}

/// Writes a value for the compact catalog: its place in
/// [`Vocabulary::all_known`] (the text left empty), or one past the end
/// with its text. Why: the app then reads it by index rather than matching
/// its long French label against every other (issue 14).
pub(crate) fn write_compact<V: Vocabulary, S: serde::Serializer>(value: &V, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::Serialize;
    let known = V::all_known();
    match known.iter().position(|k| k == value) {
        Some(index) => (index as u32, "").serialize(serializer),
        None => (known.len() as u32, value.label()).serialize(serializer),
    }
}

/// Reads [`write_compact`]'s value.
pub(crate) fn read_compact<'de, V: Vocabulary, D: serde::Deserializer<'de>>(deserializer: D) -> Result<V, D::Error> {
    let (index, text) = <(u32, String) as serde::Deserialize>::deserialize(deserializer)?;
    Ok(V::all_known().get(index as usize).cloned().unwrap_or_else(|| V::other(text)))
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, field = $field:literal {
            $( $variant:ident => $label:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $variant, )+
            /// A value that is not in the standard's list, kept as written.
            Autre(String),
        }

        impl $name {
            /// Every known value, in the standard's order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];
        }

        impl $crate::vocab::Vocabulary for $name {
            const FIELD: &'static str = $field;

            fn from_label(label: &str) -> Self {
                match label.trim() {
                    $( $label $(| $alias)* => $name::$variant, )+
                    other => $name::Autre(other.to_string()),
                }
            }

            fn label(&self) -> &str {
                match self {
                    $( $name::$variant => $label, )+
                    $name::Autre(text) => text,
                }
            }

            fn is_unknown(&self) -> bool {
                matches!(self, $name::Autre(_))
            }

            fn all_known() -> &'static [Self] {
                $name::ALL
            }

            fn other(text: String) -> Self {
                $name::Autre(text)
            }

            fn from_label_or_slug(text: &str) -> Option<Self> {
                let value = <$name as $crate::vocab::Vocabulary>::from_label(text);
                if !value.is_unknown() {
                    return Some(value);
                }
                $name::ALL.iter().find(|known| $crate::vocab::Vocabulary::slug(*known) == text.trim()).cloned()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if serializer.is_human_readable() {
                    serializer.serialize_str($crate::vocab::Vocabulary::label(self))
                } else {
                    $crate::vocab::write_compact(self, serializer)
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                if !deserializer.is_human_readable() {
                    return $crate::vocab::read_compact(deserializer);
                }
                let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                // Labels or their URL slugs; anything else is kept as written.
                Ok(<$name as $crate::vocab::Vocabulary>::from_label_or_slug(&text)
                    .unwrap_or_else(|| <$name as $crate::vocab::Vocabulary>::from_label(&text)))
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// `services`: the kinds of help a place offers (9 values in v1).
    Service, field = "services" {
        DemarchesAdministratives => "Aide aux démarches administratives",
        OutilsDuQuotidien => "Maîtrise des outils numériques du quotidien",
        InsertionProfessionnelle => "Insertion professionnelle via le numérique",
        UtilisationSecurisee => "Utilisation sécurisée du numérique",
        Parentalite => "Parentalité et éducation avec le numérique",
        LoisirsCreations => "Loisirs et créations numériques",
        // The standard's own description spells it without the accent.
        ComprehensionDuMonde => "Compréhension du monde numérique" | "Comprehension du monde numérique",
        AccesInternetMateriel => "Accès internet et matériel informatique",
        MaterielPrixSolidaire => "Acquisition de matériel informatique à prix solidaire",
    }
}

vocabulary! {
    /// `publics_specifiquement_adresses`.
    Public, field = "publics_specifiquement_adresses" {
        Jeunes => "Jeunes",
        Etudiants => "Étudiants",
        Familles => "Familles et/ou enfants",
        Seniors => "Seniors",
        Femmes => "Femmes",
    }
}

vocabulary! {
    /// `prise_en_charge_specifique`.
    PriseEnCharge, field = "prise_en_charge_specifique" {
        Surdite => "Surdité",
        HandicapsMoteurs => "Handicaps moteurs",
        HandicapsMentaux => "Handicaps mentaux",
        Illettrisme => "Illettrisme",
        LanguesAnglais => "Langues étrangères (anglais)",
        LanguesAutres => "Langues étrangères (autres)",
        DeficienceVisuelle => "Déficience visuelle",
    }
}

vocabulary! {
    /// `frais_a_charge`.
    Frais, field = "frais_a_charge" {
        Gratuit => "Gratuit",
        GratuitSousCondition => "Gratuit sous condition",
        Payant => "Payant",
    }
}

vocabulary! {
    /// `dispositif_programmes_nationaux`.
    Dispositif, field = "dispositif_programmes_nationaux" {
        AidantsConnect => "Aidants Connect",
        BibliothequesNumeriqueDeReference => "Bibliothèques numérique de référence",
        CertificationPix => "Certification PIX",
        ConseillersNumeriques => "Conseillers numériques",
        EmmausConnect => "Emmaüs Connect",
        FranceServices => "France Services",
        GrandeEcoleDuNumerique => "Grande école du numérique",
        LaCroixRouge => "La Croix Rouge",
        PointAccesNumeriqueCaf => "Point d'accès numérique CAF",
        PromeneursDuNet => "Promeneurs du net",
        RelaisNumeriqueEmmaus => "Relais numérique (Emmaüs Connect)",
    }
}

vocabulary! {
    /// `formations_labels`.
    FormationLabel, field = "formations_labels" {
        MonEspaceSante => "Formé à « Mon Espace Santé »",
        Duplex => "Formé à « DUPLEX » (illettrisme)",
        ArniaMednumBfc => "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
        CollectifReemploiNormandie => "Collectif ressources et acteurs réemploi (Normandie)",
        // The schema's pattern lacks the space that its own example has.
        EtapesNumeriques => "Étapes numériques (La Poste)" | "Étapes numériques(La Poste)",
        FabriquesDeTerritoire => "Fabriques de Territoire",
        EclaireursDrome => "Les Éclaireurs du numérique (Drôme)",
        MesPapiersLyon => "Mes Papiers (Métropole de Lyon)",
        Ordi30 => "ORDI 3.0",
        SudLabs => "SUD LABS (PACA)",
    }
}

vocabulary! {
    /// `modalites_acces`.
    ModaliteAcces, field = "modalites_acces" {
        SePresenter => "Se présenter",
        Telephoner => "Téléphoner",
        ContacterParMail => "Contacter par mail",
        RdvEnLigne => "Prendre un RDV en ligne",
        PasDePublic => "Ce lieu n'accueille pas de public",
        FicheDePrescription => "Envoyer un mail avec une fiche de prescription",
    }
}

vocabulary! {
    /// `modalites_accompagnement`.
    ModaliteAccompagnement, field = "modalites_accompagnement" {
        EnAutonomie => "En autonomie",
        Individuel => "Accompagnement individuel",
        AtelierCollectif => "Dans un atelier collectif",
        ADistance => "À distance",
    }
}

vocabulary! {
    /// `itinerance`.
    Itinerance, field = "itinerance" {
        Itinerant => "Itinérant",
        Fixe => "Fixe",
    }
}

impl Service {
    /// A short name for chips, in the words residents use.
    pub fn short_label(&self) -> &str {
        match self {
            Service::DemarchesAdministratives => "Démarches",
            Service::OutilsDuQuotidien => "Téléphone, ordinateur",
            Service::InsertionProfessionnelle => "Emploi",
            Service::UtilisationSecurisee => "Sécurité",
            Service::Parentalite => "Parents, enfants",
            Service::LoisirsCreations => "Loisirs, création",
            Service::ComprehensionDuMonde => "Culture numérique",
            Service::AccesInternetMateriel => "Internet, matériel",
            Service::MaterielPrixSolidaire => "Matériel à petit prix",
            Service::Autre(text) => text,
        }
    }
}

/// Parses a `|`-separated list of labels (the standard's CSV convention).
pub fn parse_list<T: Vocabulary>(raw: &str, separator: char) -> Vec<T> {
    raw.split(separator).map(str::trim).filter(|s| !s.is_empty()).map(T::from_label).collect()
}

/// Adds `value` to `list` unless it is already there (keeps first-seen order).
pub fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_form_keeps_known_and_unknown_values() {
        let values = vec![Service::Parentalite, Service::Autre("Réparation de vélos".into()), Service::DemarchesAdministratives];
        let bytes = postcard::to_allocvec(&values).unwrap();
        assert_eq!(crate::compact_read::from_bytes::<Vec<Service>>(&bytes), Some(values.clone()));
        assert_eq!(postcard::from_bytes::<Vec<Service>>(&bytes).unwrap(), values);
        // An index, not the label; JSON keeps the label.
        assert_eq!(&bytes[..3], &[3, 4, 0]);
        assert_eq!(serde_json::to_string(&values[..1]).unwrap(), r#"["Parentalité et éducation avec le numérique"]"#);
    }

    #[test]
    fn exact_labels_round_trip() {
        for service in Service::ALL {
            assert_eq!(&Service::from_label(service.label()), service);
        }
        assert_eq!(Service::ALL.len(), 9);
        assert_eq!(Dispositif::ALL.len(), 11);
    }

    #[test]
    fn unknown_values_are_kept() {
        let value = Frais::from_label("Adhésion");
        assert!(value.is_unknown());
        assert_eq!(value.label(), "Adhésion");
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, "\"Adhésion\"");
    }

    #[test]
    fn slugs_for_urls() {
        assert_eq!(Public::Familles.slug(), "familles-et-ou-enfants");
        assert_eq!(Public::from_label_or_slug("seniors"), Some(Public::Seniors));
        assert_eq!(Service::from_label_or_slug("Aide aux démarches administratives"), Some(Service::DemarchesAdministratives));
        assert_eq!(Service::from_label_or_slug("inconnu"), None);
    }

    #[test]
    fn deserialises_labels_and_slugs() {
        let parsed: Vec<Public> = serde_json::from_str(r#"["Seniors", "familles-et-ou-enfants", "Martiens"]"#).unwrap();
        assert_eq!(parsed, vec![Public::Seniors, Public::Familles, Public::Autre("Martiens".into())]);
    }

    #[test]
    fn parses_pipe_lists() {
        let list: Vec<Public> = parse_list("Jeunes| Femmes||", '|');
        assert_eq!(list, vec![Public::Jeunes, Public::Femmes]);
    }
}
