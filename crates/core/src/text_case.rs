//! Display casing for names that producers typed in capitals
//! ("MIS LOCAL INSERTION PROF JEUNES" is hard to read for everyone).

/// Small words that stay in lower case inside a French name.
const MINOR_WORDS: &[&str] = &["de", "du", "des", "la", "le", "les", "et", "en", "sur", "sous", "aux", "au", "à", "d", "l"];

/// Returns the name unchanged unless it is written entirely in capitals, in
/// which case it is turned into title case, keeping short acronyms (CCAS,
/// PIJ, CAF) as they are.
pub fn title_case_if_shouting(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() > 3 && letters.iter().all(|c| !c.is_lowercase());
    if !shouting {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut word = String::new();
    let mut first_word = true;
    for c in name.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush_word(&mut out, &mut word, &mut first_word);
            out.push(c);
        }
    }
    flush_word(&mut out, &mut word, &mut first_word);
    out
}

fn flush_word(out: &mut String, word: &mut String, first_word: &mut bool) {
    if word.is_empty() {
        return;
    }
    let lower = crate::text::lowercase(word);
    if is_acronym(word) {
        out.push_str(word);
    } else if !*first_word && MINOR_WORDS.contains(&lower.as_str()) {
        out.push_str(&lower);
    } else {
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            out.push(crate::text::upper(first));
            out.push_str(chars.as_str());
        }
    }
    word.clear();
    *first_word = false;
}

/// Acronyms common in the names of French social and public services.
const ACRONYMS: &[&str] = &[
    "CCAS", "CIAS", "CAF", "CPAM", "MSA", "PIJ", "BIJ", "MJC", "EPN", "UDAF", "CIDFF", "ADIL", "MDPH", "MFR", "EHPAD", "ASSO", "CNFS",
    "AFPA", "GEIQ", "CHRS", "PLIE", "SIAO", "CD", "PMI", "MDS", "ESAT",
];

/// A word stays in capitals when it has no vowel (CC, BD) or is a known acronym.
fn is_acronym(word: &str) -> bool {
    let has_vowel = word.chars().any(|c| "AEIOUYÀÂÉÈÊËÎÏÔÛÙÜ".contains(c));
    !has_vowel || ACRONYMS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_mixed_case_alone() {
        assert_eq!(title_case_if_shouting("France services Lectoure"), "France services Lectoure");
    }

    #[test]
    fn tames_capitals_but_keeps_acronyms() {
        assert_eq!(title_case_if_shouting("LA POSTE"), "La Poste");
        assert_eq!(title_case_if_shouting("CC ASTARAC ARROS EN GASCOGNE"), "CC Astarac Arros en Gascogne");
        assert_eq!(title_case_if_shouting("VILLECOMTAL-SUR-ARROS"), "Villecomtal-sur-Arros");
        assert_eq!(title_case_if_shouting("MONTAUBAN"), "Montauban");
    }
}
