//! Text normalisation used for searching: accent- and case-insensitive
//! comparison of French names ("Léctoure" finds "Lectoure").

/// Folds a string for comparison: lower case, accents removed, ligatures
/// expanded, punctuation and hyphens turned into single spaces, trimmed.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'œ' => "oe",
            'æ' => "ae",
            _ => "",
        };
        if !mapped.is_empty() {
            push_word(&mut out, mapped, &mut pending_space);
        } else if c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            push_word(&mut out, c.encode_utf8(&mut buf), &mut pending_space);
        } else if !out.is_empty() {
            // Hyphens, apostrophes (straight or curly), dots and spaces all
            // separate words: "Saint-Clar" and "saint clar" must compare equal.
            pending_space = true;
        }
    }
    out
}

fn push_word(out: &mut String, piece: &str, pending_space: &mut bool) {
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push_str(piece);
}

/// Folds a place-name query and expands the usual abbreviations of French
/// commune names ("st" for "saint", "ste" for "sainte").
pub fn fold_place_name(input: &str) -> String {
    fold(input)
        .split(' ')
        .map(|word| match word {
            "st" => "saint",
            "ste" => "sainte",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold("Léctoure"), "lectoure");
        assert_eq!(fold("LECTOURE"), "lectoure");
        assert_eq!(fold("  Saint-Clar "), "saint clar");
        assert_eq!(fold("L’Isle-Jourdain"), "l isle jourdain");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("--"), "");
    }

    #[test]
    fn expands_saint_abbreviations() {
        assert_eq!(fold_place_name("St-Clar"), "saint clar");
        assert_eq!(fold_place_name("Ste Christie"), "sainte christie");
    }
}
