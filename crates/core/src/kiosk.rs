//! Kiosk mode's timing: how long before the reset the tablet warns, so that
//! a person still there can keep their page (WCAG 2.2.1 asks for at least
//! 20 seconds to extend a time limit).

/// Seconds of warning before the reset after `delay_s` seconds without a
/// touch: 20, or a third of the delay when the delay is short (under a
/// minute, a 20-second warning would cover most of it).
pub fn warning_seconds(delay_s: u32) -> u32 {
    if delay_s >= 60 {
        20
    } else {
        (delay_s / 3).max(1)
    }
}

/// The settings' sentence about it, with the same rule.
pub fn warning_explained(delay_s: u32) -> String {
    format!("Un avertissement s'affiche {} secondes avant : « Je continue » garde la page.", warning_seconds(delay_s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_twenty_seconds_when_the_delay_allows_it() {
        assert_eq!(warning_seconds(90), 20);
        assert_eq!(warning_seconds(60), 20);
        assert_eq!(warning_seconds(3600), 20);
    }

    #[test]
    fn a_third_of_a_short_delay() {
        assert_eq!(warning_seconds(59), 19);
        assert_eq!(warning_seconds(30), 10);
        assert_eq!(warning_seconds(5), 1);
        assert_eq!(warning_seconds(1), 1);
    }

    #[test]
    fn the_settings_say_the_same() {
        assert_eq!(warning_explained(90), "Un avertissement s'affiche 20 secondes avant : « Je continue » garde la page.");
        assert!(warning_explained(30).contains(" 10 secondes "));
    }
}
