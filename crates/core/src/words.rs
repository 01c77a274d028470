//! Words a resident meets without being told what they mean (ENT, France
//! Services…), and foreign words a screen reader must read in their own
//! language (WCAG 3.1.2, 3.1.4). Decided once here; the views render it.

/// An abbreviation or a name, and what it means in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explained {
    pub term: &'static str,
    pub meaning: &'static str,
}

const GLOSSARY: &[Explained] = &[
    Explained {
        term: "ENT",
        meaning: "espace numérique de travail : le site de l'école ou du collège pour les notes, les devoirs et les messages",
    },
    Explained { term: "EduConnect", meaning: "le compte qui permet aux parents d'entrer dans l'ENT" },
    Explained {
        term: "France Services",
        meaning: "un guichet public près de chez vous pour les démarches (impôts, CAF, retraite, santé, papiers)",
    },
    Explained { term: "CAF", meaning: "caisse d'allocations familiales" },
    Explained { term: "ANCT", meaning: "Agence nationale de la cohésion des territoires, qui publie la carte nationale des lieux" },
    Explained { term: "IA", meaning: "intelligence artificielle : des programmes qui écrivent, répondent ou créent des images" },
    Explained {
        term: "Fablab", meaning: "un atelier ouvert à tous, avec des machines (imprimante 3D, découpe) pour fabriquer soi-même"
    },
];

/// Foreign words and phrases met in real programmes, with their language.
const FOREIGN: &[(&str, &str)] =
    &[("install party", "en"), ("Digital Raubkunst", "de"), ("Fablab", "en"), ("FabLab", "en"), ("workshop", "en")];

/// Is `word` in `text` as a whole word (not inside another word)?
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let start = from + found;
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(start);
        }
        from = end;
    }
    None
}

/// What the glossary says of the terms found in `texts`, in glossary order,
/// each once. Abbreviations match with their capitals only ("ent" in
/// "parent" is not the ENT).
pub fn explanations<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Explained> {
    let texts: Vec<&str> = texts.into_iter().collect();
    GLOSSARY.iter().filter(|e| texts.iter().any(|t| find_word(t, e.term).is_some())).copied().collect()
}

/// `text` cut into runs, each with the language it is in when not French.
pub fn language_runs(text: &str) -> Vec<(String, Option<&'static str>)> {
    let mut runs = Vec::new();
    let mut rest = text;
    loop {
        let next =
            FOREIGN.iter().filter_map(|(word, lang)| find_word(rest, word).map(|at| (at, *word, *lang))).min_by_key(|(at, _, _)| *at);
        match next {
            Some((at, word, lang)) => {
                if at > 0 {
                    runs.push((rest[..at].to_string(), None));
                }
                runs.push((word.to_string(), Some(lang)));
                rest = &rest[at + word.len()..];
            }
            None => {
                if !rest.is_empty() {
                    runs.push((rest.to_string(), None));
                }
                return runs;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_explained_once_and_only_as_whole_words() {
        let found = explanations(["Suivre la scolarité de son enfant avec l'ENT", "Se connecter à l'ENT avec EduConnect."]);
        let terms: Vec<&str> = found.iter().map(|e| e.term).collect();
        assert_eq!(terms, ["ENT", "EduConnect"]);
        assert!(explanations(["Pour les parents et les enfants"]).is_empty(), "« ent » inside words is not the ENT");
        assert_eq!(
            explanations(["Table ronde avec France Services et la CAF"]).iter().map(|e| e.term).collect::<Vec<_>>(),
            ["France Services", "CAF"]
        );
    }

    #[test]
    fn foreign_words_get_their_language() {
        assert_eq!(
            language_runs("Reconditionnement d'ordinateurs, install party et projection"),
            vec![
                ("Reconditionnement d'ordinateurs, ".to_string(), None),
                ("install party".to_string(), Some("en")),
                (" et projection".to_string(), None)
            ]
        );
        assert_eq!(
            language_runs("Café IA et « Digital Raubkunst »"),
            vec![("Café IA et « ".to_string(), None), ("Digital Raubkunst".to_string(), Some("de")), (" »".to_string(), None)]
        );
        assert_eq!(language_runs("Premiers pas"), vec![("Premiers pas".to_string(), None)]);
        assert_eq!(language_runs(""), vec![]);
    }
}
