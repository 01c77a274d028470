//! Text normalisation used for searching: accent- and case-insensitive
//! comparison of French names ("Léctoure" finds "Lectoure").

/// Folds a string for comparison: lower case, accents removed, ligatures
/// expanded, punctuation and hyphens turned into single spaces, trimmed.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.chars().map(lower) {
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

/// The first letter in upper case ("mardi 9 décembre" → "Mardi 9
/// décembre"), for text that starts a line or a heading.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| upper(c).to_string() + chars.as_str()).unwrap_or_default()
}

/// Lower case of the letters French text is written with (ASCII, Latin-1,
/// Œ, Ÿ); any other character is kept as it is. Not `char::to_lowercase`:
/// its full Unicode tables would weigh some 23 KB in the residents' wasm
/// for letters no place, commune or workshop name uses.
pub fn lower(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Þ' if c != '×' => char::from_u32(c as u32 + 32).unwrap_or(c),
        'Œ' => 'œ',
        'Ÿ' => 'ÿ',
        _ => c,
    }
}

/// Upper case, for the same letters as `lower` ('ß' stays as it is).
pub fn upper(c: char) -> char {
    match c {
        'a'..='z' | 'à'..='þ' if c != '÷' => char::from_u32(c as u32 - 32).unwrap_or(c),
        'œ' => 'Œ',
        'ÿ' => 'Ÿ',
        _ => c,
    }
}

/// `lower` over a whole string.
pub fn lowercase(text: &str) -> String {
    text.chars().map(lower).collect()
}

/// Characters a form field never needs and that can deceive a reader or a
/// program: control characters (NUL, ESC…; line breaks only where
/// `line_breaks` allows them), bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069, which can reverse how a name reads),
/// and invisible formatting characters (zero-width spaces and joiners,
/// word joiner, byte order mark).
pub fn has_forbidden_chars(text: &str, line_breaks: bool) -> bool {
    text.chars().any(|c| match c {
        '\n' | '\r' => !line_breaks,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => true,
        c => c.is_control(),
    })
}

/// True when the text shows at least one letter or digit (a name made only
/// of spaces, punctuation or invisible characters is not a name).
pub fn has_visible_letter(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// A text cell of a spreadsheet export, neutralised against formula
/// injection (OWASP "CSV injection"): a cell starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be run as a formula by the
/// spreadsheet the organiser opens; a leading `'` makes it plain text and
/// leaves it readable.
pub fn spreadsheet_cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{text}")),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn french_letters_change_case_like_the_standard_library() {
        let letters = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ 0-9'’";
        for c in letters.chars() {
            assert_eq!(lower(c).to_string(), c.to_lowercase().to_string(), "{c}");
            assert_eq!(upper(c).to_string(), c.to_uppercase().to_string(), "{c}");
        }
        assert_eq!(lowercase("SAINT-CLAR À L'ÉCOLE"), "saint-clar à l'école");
        // Signs and letters of other scripts are kept.
        assert_eq!((lower('×'), upper('÷'), upper('ß'), lower('Ω')), ('×', '÷', 'ß', 'Ω'));
    }

    use super::*;

    #[test]
    fn capitalise_the_first_letter_only() {
        assert_eq!(capitalise("mardi 9 décembre"), "Mardi 9 décembre");
        assert_eq!(capitalise("été"), "Été");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn forbidden_and_visible_characters() {
        assert!(has_forbidden_chars("Jean\u{0}ne", false));
        assert!(has_forbidden_chars("\u{1b}[31m", true));
        assert!(has_forbidden_chars("Anne\u{202E}tnoM", false), "right-to-left override");
        assert!(has_forbidden_chars("\u{200B}", false), "zero-width space");
        assert!(has_forbidden_chars("ligne\r\nautre", false));
        assert!(!has_forbidden_chars("ligne\r\nautre", true), "line breaks in a note");
        assert!(!has_forbidden_chars("Zoé-Marie d'Aubigné", false));
        assert!(!has_visible_letter("\u{200B}\u{200B}"));
        assert!(!has_visible_letter(" - . "));
        assert!(has_visible_letter("Lê"));
    }

    #[test]
    fn spreadsheet_cells_never_start_a_formula() {
        assert_eq!(spreadsheet_cell("=HYPERLINK(\"http://x\";\"clic\")"), "'=HYPERLINK(\"http://x\";\"clic\")");
        for dangerous in ["+33 6 12", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(spreadsheet_cell(dangerous).starts_with('\''), "{dangerous:?}");
        }
        assert_eq!(spreadsheet_cell("Jeanne"), "Jeanne");
        assert_eq!(spreadsheet_cell(""), "");
    }

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
