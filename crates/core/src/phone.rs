//! French phone numbers in the standard's international form (+33…).

/// Prefixes allowed by schema v1.0.2 (metropolitan France and overseas).
const PREFIXES: &[&str] = &["+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681"];

/// Normalises a phone number typed in the usual French ways ("05 62 61 79 00",
/// "05.62.61.79.00", "+33 (0)5 62…") to "+33562617900". Returns `None` when
/// the result does not match the standard's pattern.
pub fn normalise(raw: &str) -> Option<String> {
    let trimmed = raw.trim().replace("(0)", "");
    let plus = trimmed.starts_with('+');
    let digits: String = trimmed.chars().filter(|c| c.is_ascii_digit()).collect();
    let candidate = if plus {
        format!("+{digits}")
    } else if digits.len() == 10 && digits.starts_with('0') {
        format!("+33{}", &digits[1..])
    } else if digits.len() == 11 && digits.starts_with("33") {
        format!("+{digits}")
    } else {
        return None;
    };
    is_valid(&candidate).then_some(candidate)
}

/// True when the number matches the standard's pattern.
pub fn is_valid(number: &str) -> bool {
    PREFIXES.iter().any(|prefix| {
        number.strip_prefix(prefix).is_some_and(|rest| (6..=9).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_digit()))
    })
}

/// Human form for display and `tel:` links: "05 62 61 79 00" for +33 numbers.
pub fn display(number: &str) -> String {
    match number.strip_prefix("+33") {
        Some(rest) if rest.len() == 9 => {
            let national = format!("0{rest}");
            national.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
        }
        _ => number.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_french_forms() {
        assert_eq!(normalise("05 62 61 79 00").as_deref(), Some("+33562617900"));
        assert_eq!(normalise("05.62.61.79.00").as_deref(), Some("+33562617900"));
        assert_eq!(normalise("+33 (0)5 62 61 79 00").as_deref(), Some("+33562617900"));
        assert_eq!(normalise("+33180059880").as_deref(), Some("+33180059880"));
        assert_eq!(normalise("3018"), None);
        assert_eq!(normalise("bonjour"), None);
    }

    #[test]
    fn displays_in_pairs() {
        assert_eq!(display("+33562617900"), "05 62 61 79 00");
        assert_eq!(display("+262262000000"), "+262262000000");
    }
}
