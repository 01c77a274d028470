//! Step-by-step guides, written as data: one Markdown file per guide with a
//! TOML header. A broken guide is refused with an error naming the file and
//! the line, at build time (the server's build script parses every guide).
//!
//! Format:
//! ```text
//! +++
//! id = "creer-adresse-email"
//! titre = "Créer une adresse e-mail"
//! pour = "Toute personne qui n'a pas encore d'adresse e-mail."
//! duree_minutes = 20
//! besoin = "premiers-pas"
//! themes = ["premiers-pas"]
//! services = ["Maîtrise des outils numériques du quotidien"]
//! +++
//! ## Avant de commencer
//! - Un téléphone connecté à internet.
//! ## Étape : Ouvrez l'application
//! Une phrase courte par idée.
//! ## Si ça ne marche pas
//! - …
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::session::Theme;
use crate::vocab::{Service, Vocabulary};

/// The needs guides are listed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuideNeed {
    PremiersPas,
    Demarches,
    Securite,
    Parents,
    Materiel,
    TrouverDeLAide,
}

impl GuideNeed {
    pub const ALL: [GuideNeed; 6] = [
        GuideNeed::PremiersPas,
        GuideNeed::Demarches,
        GuideNeed::Securite,
        GuideNeed::Parents,
        GuideNeed::Materiel,
        GuideNeed::TrouverDeLAide,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GuideNeed::PremiersPas => "Premiers pas",
            GuideNeed::Demarches => "Mes démarches",
            GuideNeed::Securite => "Me protéger",
            GuideNeed::Parents => "Pour les parents",
            GuideNeed::Materiel => "Mon matériel",
            GuideNeed::TrouverDeLAide => "Trouver de l'aide",
        }
    }
}

/// A paragraph or a bulleted list. In JSON adjacently tagged
/// (`{"type": "paragraphe", "texte": "…"}`); in the catalog's compact form
/// (`catalog_compact`, not human-readable), which cannot read a tag by its
/// name, the variant's number and then its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraphe(String),
    Liste(Vec<String>),
}

/// `Block` as JSON writes it: owned when read, borrowed when written.
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", content = "texte", rename_all = "snake_case")]
enum TaggedBlock<P, L> {
    Paragraphe(P),
    Liste(L),
}

/// `Block` as the compact form writes it, owned or borrowed likewise.
#[derive(Serialize, Deserialize)]
enum PlainBlock<P, L> {
    Paragraphe(P),
    Liste(L),
}

impl Serialize for Block {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self, serializer.is_human_readable()) {
            (Block::Paragraphe(text), true) => TaggedBlock::<&str, &[String]>::Paragraphe(text).serialize(serializer),
            (Block::Liste(items), true) => TaggedBlock::<&str, &[String]>::Liste(items).serialize(serializer),
            (Block::Paragraphe(text), false) => PlainBlock::<&str, &[String]>::Paragraphe(text).serialize(serializer),
            (Block::Liste(items), false) => PlainBlock::<&str, &[String]>::Liste(items).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(if deserializer.is_human_readable() {
            match TaggedBlock::<String, Vec<String>>::deserialize(deserializer)? {
                TaggedBlock::Paragraphe(text) => Block::Paragraphe(text),
                TaggedBlock::Liste(items) => Block::Liste(items),
            }
        } else {
            match PlainBlock::<String, Vec<String>>::deserialize(deserializer)? {
                PlainBlock::Paragraphe(text) => Block::Paragraphe(text),
                PlainBlock::Liste(items) => Block::Liste(items),
            }
        })
    }
}

/// One action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub titre: String,
    pub contenu: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    pub id: String,
    pub titre: String,
    /// Who it is for, one sentence.
    pub pour: String,
    pub duree_minutes: u32,
    pub besoin: GuideNeed,
    /// Workshops on these themes are suggested after the guide.
    pub themes: Vec<Theme>,
    /// Places offering these services are suggested after the guide.
    pub services: Vec<Service>,
    pub avant: Vec<Block>,
    pub etapes: Vec<Step>,
    pub si_probleme: Vec<Block>,
}

/// Why a guide file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideError {
    pub fichier: String,
    pub ligne: Option<usize>,
    pub message: String,
}

impl fmt::Display for GuideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ligne {
            Some(line) => write!(f, "{}, ligne {} : {}", self.fichier, line, self.message),
            None => write!(f, "{} : {}", self.fichier, self.message),
        }
    }
}

impl std::error::Error for GuideError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    id: String,
    titre: String,
    pour: String,
    duree_minutes: u32,
    besoin: GuideNeed,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    services: Vec<String>,
}

/// A paragraph longer than this is not "short sentences, plain words".
const MAX_PARAGRAPH_CHARS: usize = 400;
const MAX_STEPS: usize = 15;

enum Section {
    Avant,
    Etape(Step),
    SiProbleme,
}

/// Parses and checks one guide file.
pub fn parse(file_name: &str, text: &str) -> Result<Guide, GuideError> {
    let error = |line: Option<usize>, message: String| GuideError { fichier: file_name.to_string(), ligne: line, message };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    if lines.first().map(|l| l.trim()) != Some("+++") {
        return Err(error(Some(1), "le fichier doit commencer par un en-tête entre deux lignes « +++ »".into()));
    }
    let end = lines
        .iter()
        .skip(1)
        .position(|l| l.trim() == "+++")
        .map(|i| i + 1)
        .ok_or_else(|| error(None, "l'en-tête « +++ » n'est pas fermé".into()))?;
    let header: Header =
        toml::from_str(&lines[1..end].join("\n")).map_err(|e| error(Some(2), format!("en-tête invalide : {}", e.message())))?;

    let themes = header
        .themes
        .iter()
        .map(|t| Theme::from_label_or_slug(t).ok_or_else(|| error(Some(2), format!("thème « {t} » inconnu"))))
        .collect::<Result<Vec<_>, _>>()?;
    let services = header
        .services
        .iter()
        .map(|s| Service::from_label_or_slug(s).ok_or_else(|| error(Some(2), format!("service « {s} » inconnu"))))
        .collect::<Result<Vec<_>, _>>()?;
    for (field, value) in [("id", &header.id), ("titre", &header.titre), ("pour", &header.pour)] {
        if value.trim().is_empty() {
            return Err(error(Some(2), format!("le champ « {field} » est vide")));
        }
    }
    if !header.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(error(Some(2), format!("l'id « {} » doit être en minuscules sans accents, avec des tirets", header.id)));
    }

    let mut avant = Vec::new();
    let mut etapes = Vec::new();
    let mut si_probleme = Vec::new();
    let mut current: Option<(Section, usize)> = None;
    let mut finish = |section: Option<(Section, usize)>, avant: &mut Vec<Block>, si_probleme: &mut Vec<Block>| -> Result<(), GuideError> {
        match section {
            Some((Section::Etape(step), line)) => {
                if step.contenu.is_empty() {
                    return Err(error(Some(line), format!("l'étape « {} » est vide : écrivez l'action à faire", step.titre)));
                }
                etapes.push(step);
            }
            Some((Section::Avant, line)) if avant.is_empty() => {
                return Err(error(Some(line), "la partie « Avant de commencer » est vide".into()))
            }
            Some((Section::SiProbleme, line)) if si_probleme.is_empty() => {
                return Err(error(Some(line), "la partie « Si ça ne marche pas » est vide".into()))
            }
            _ => {}
        }
        Ok(())
    };

    for (index, raw) in lines.iter().enumerate().skip(end + 1) {
        let number = index + 1;
        let line = raw.trim_end();
        if let Some(title) = line.strip_prefix("## ") {
            finish(current.take(), &mut avant, &mut si_probleme)?;
            let title = title.trim();
            current = Some((
                if title == "Avant de commencer" {
                    Section::Avant
                } else if title == "Si ça ne marche pas" {
                    Section::SiProbleme
                } else if let Some(step_title) = title.strip_prefix("Étape :").or_else(|| title.strip_prefix("Étape:")) {
                    let step_title = step_title.trim();
                    if step_title.is_empty() {
                        return Err(error(Some(number), "une étape doit avoir un titre : « ## Étape : Ouvrez… »".into()));
                    }
                    Section::Etape(Step { titre: step_title.to_string(), contenu: Vec::new() })
                } else {
                    return Err(error(
                        Some(number),
                        format!("titre « {title} » inconnu : utilisez « Avant de commencer », « Étape : … » ou « Si ça ne marche pas »"),
                    ));
                },
                number,
            ));
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let Some((section, _)) = current.as_mut() else {
            return Err(error(Some(number), "texte avant la première partie (« ## … »)".into()));
        };
        let blocks = match section {
            Section::Avant => &mut avant,
            Section::SiProbleme => &mut si_probleme,
            Section::Etape(step) => &mut step.contenu,
        };
        let text = line.trim();
        if text.starts_with('#') {
            return Err(error(Some(number), "seuls les titres « ## » sont permis".into()));
        }
        if text.chars().count() > MAX_PARAGRAPH_CHARS {
            return Err(error(
                Some(number),
                format!("paragraphe trop long ({} caractères, {} au plus) : coupez-le", text.chars().count(), MAX_PARAGRAPH_CHARS),
            ));
        }
        if let Some(item) = text.strip_prefix("- ") {
            match blocks.last_mut() {
                Some(Block::Liste(items)) => items.push(item.trim().to_string()),
                _ => blocks.push(Block::Liste(vec![item.trim().to_string()])),
            }
        } else {
            blocks.push(Block::Paragraphe(text.to_string()));
        }
    }
    finish(current.take(), &mut avant, &mut si_probleme)?;

    if etapes.len() < 2 {
        return Err(error(None, "un guide a au moins deux étapes (« ## Étape : … »)".into()));
    }
    if etapes.len() > MAX_STEPS {
        return Err(error(None, format!("{} étapes : coupez ce guide en deux ({} au plus)", etapes.len(), MAX_STEPS)));
    }
    if si_probleme.is_empty() {
        return Err(error(None, "la partie « Si ça ne marche pas » manque".into()));
    }
    Ok(Guide {
        id: header.id,
        titre: header.titre,
        pour: header.pour,
        duree_minutes: header.duree_minutes,
        besoin: header.besoin,
        themes,
        services,
        avant,
        etapes,
        si_probleme,
    })
}

/// Parses every guide; the first error stops, naming its file.
pub fn parse_all<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Vec<Guide>, GuideError> {
    let mut guides: Vec<Guide> = Vec::new();
    for (name, text) in files {
        let guide = parse(name, text)?;
        if guides.iter().any(|g| g.id == guide.id) {
            return Err(GuideError {
                fichier: name.to_string(),
                ligne: None,
                message: format!("l'id « {} » est déjà utilisé par un autre guide", guide.id),
            });
        }
        guides.push(guide);
    }
    crate::order::sort_by(&mut guides, |a, b| a.titre.cmp(&b.titre));
    Ok(guides)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nid = \"essai\"\ntitre = \"Essai\"\npour = \"Tout le monde.\"\nduree_minutes = 5\nbesoin = \"premiers-pas\"\nthemes = [\"premiers-pas\"]\nservices = [\"Maîtrise des outils numériques du quotidien\"]\n+++\n\n## Avant de commencer\n- Un téléphone.\n\n## Étape : Ouvrez\nTouchez l'icône.\n\n## Étape : Écrivez\nTapez votre nom.\n- puis validez\n\n## Si ça ne marche pas\nDemandez de l'aide.\n";

    #[test]
    fn parses_a_guide() {
        let guide = parse("essai.md", GOOD).unwrap();
        assert_eq!(guide.etapes.len(), 2);
        assert_eq!(guide.etapes[1].contenu, vec![Block::Paragraphe("Tapez votre nom.".into()), Block::Liste(vec!["puis validez".into()])]);
        assert_eq!(guide.themes, vec![Theme::PremiersPas]);
    }

    #[test]
    fn a_broken_step_names_the_file_and_line() {
        let broken = GOOD.replace("## Étape : Écrivez\nTapez votre nom.\n- puis validez\n", "## Étape : Écrivez\n\n");
        let error = parse("data/guides/essai.md", &broken).unwrap_err();
        assert_eq!(error.to_string(), "data/guides/essai.md, ligne 17 : l'étape « Écrivez » est vide : écrivez l'action à faire");
        let untitled = GOOD.replace("## Étape : Ouvrez", "## Étape :");
        assert!(parse("x.md", &untitled).unwrap_err().message.contains("doit avoir un titre"));
        let unknown = GOOD.replace("## Étape : Ouvrez", "## Ouvrez");
        assert!(parse("x.md", &unknown).unwrap_err().message.contains("titre « Ouvrez » inconnu"));
        let bad_theme = GOOD.replace("themes = [\"premiers-pas\"]", "themes = [\"jardinage\"]");
        assert_eq!(parse("x.md", &bad_theme).unwrap_err().message, "thème « jardinage » inconnu");
        let no_help = GOOD.replace("## Si ça ne marche pas\nDemandez de l'aide.\n", "");
        assert!(parse("x.md", &no_help).unwrap_err().message.contains("Si ça ne marche pas"));
    }
}

#[cfg(test)]
mod real_guides {
    use super::*;

    /// Every guide shipped in `data/guides` parses and passes the checks.
    #[test]
    fn every_shipped_guide_is_valid() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/guides");
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
            .collect();
        files.sort();
        let guides = parse_all(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(guides.len(), 12);
        for guide in &guides {
            assert!(!guide.themes.is_empty() && !guide.services.is_empty(), "{} links to workshops and places", guide.id);
        }
        let ids: Vec<&str> = guides.iter().map(|g| g.id.as_str()).collect();
        for expected in ["cyberharcelement-que-faire", "reconnaitre-une-arnaque", "trouver-de-l-aide", "parents-ent-educonnect"] {
            assert!(ids.contains(&expected), "{expected}");
        }
        let scam = guides.iter().find(|g| g.id == "reconnaitre-une-arnaque").unwrap();
        let text = serde_json::to_string(scam).unwrap();
        assert!(text.contains("33700") && text.contains("cybermalveillance.gouv.fr"));
        let harassment = serde_json::to_string(guides.iter().find(|g| g.id == "cyberharcelement-que-faire").unwrap()).unwrap();
        for fact in ["3018", "internet-signalement.gouv.fr", "17", "112", "captures d'écran"] {
            assert!(harassment.contains(fact), "{fact}");
        }
        assert!(serde_json::to_string(guides.iter().find(|g| g.id == "trouver-de-l-aide").unwrap()).unwrap().contains("01 70 772 372"));
    }
}
