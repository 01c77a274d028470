//! Decimal numbers written and read by integer arithmetic, as the standard
//! library writes and reads them, without its float code in the wasm.
//!
//! Writing: `Fixed(2.25, 1)` → "2.2", the very text of `format!("{:.1}", 2.25)`.
//!
//! Why: the standard library's float formatting (Grisu, Dragon, big
//! numbers) is ~12 KB of wasm, which the browser compiled on the main
//! thread while it built the first list (distances, the map's points). It
//! stays in the wasm for serde's error messages, but a start no longer runs
//! it. The app writes only small numbers with a few decimals: distances,
//! coordinates, map points. Rounding is the standard library's: the exact
//! value of the float, half to even; the tests compare both on every kind
//! of value.
//!
//! Reading: `parse("43.64650")` → the same `f64` as `"43.64650".parse()`.
//! The standard library's parser (Eisel-Lemire and its table of powers of
//! five) was 15 KiB brotli of the residents' wasm, for the position and the
//! distance in a page's address. Plain decimals of up to 15 significant
//! digits (all the app writes) are read exactly: an integer below 2^53
//! divided by an exact power of ten rounds once, correctly. Natively, any
//! other form ("1e3", "inf", 20 digits) still goes to the standard parser,
//! so the server accepts what it did. In the wasm, which reads only
//! addresses, longer decimals are read to within two units of the last
//! place, and other forms are refused.

use std::fmt;

/// `value` written with `places` decimals (at most 9), as `{:.places$}`
/// writes it, for values below 10^15 once scaled.
#[derive(Debug, Clone, Copy)]
pub struct Fixed(pub f64, pub u32);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(value, places) = *self;
        if value.is_nan() {
            return f.write_str("NaN");
        }
        let sign = if value.is_sign_negative() { "-" } else { "" };
        if value.is_infinite() {
            return write!(f, "{sign}inf");
        }
        let places = places.min(9);
        let scale = 10u64.pow(places);
        let units = round_scaled(value.abs(), scale);
        let (whole, decimals) = (units / scale, units % scale);
        if places == 0 {
            write!(f, "{sign}{whole}")
        } else {
            write!(f, "{sign}{whole}.{decimals:0width$}", width = places as usize)
        }
    }
}

/// `x · scale` rounded to an integer, half to even, on the exact product
/// (not on its nearest float: 0.15 is a little under 0.15, so "0.1"). A
/// float is exactly `mantissa · 2^exponent`, so integers hold the product
/// exactly (53 + 30 bits). Saturates past 2^64 (far beyond what is written).
fn round_scaled(x: f64, scale: u64) -> u64 {
    let bits = x.to_bits();
    let (biased, fraction) = (((bits >> 52) & 0x7ff) as i32, bits & ((1 << 52) - 1));
    let (mantissa, exponent) = if biased == 0 { (fraction, -1074) } else { (fraction | (1 << 52), biased - 1075) };
    let product = u128::from(mantissa) * u128::from(scale);
    if exponent >= 0 {
        return u64::try_from(product.checked_shl(exponent as u32).filter(|p| p >> exponent == product).unwrap_or(u128::MAX))
            .unwrap_or(u64::MAX);
    }
    let shift = exponent.unsigned_abs();
    if shift > 127 {
        return 0; // below 2^-44 once scaled: rounds to zero
    }
    let whole = product >> shift;
    let rest = product - (whole << shift);
    let half = 1u128 << (shift - 1);
    let up = rest > half || (rest == half && whole & 1 == 1);
    u64::try_from(whole + u128::from(up)).unwrap_or(u64::MAX)
}

/// `text` read as a decimal number (see the module's documentation).
pub fn parse(text: &str) -> Option<f64> {
    let plain = PlainDecimal::of(text);
    match plain {
        Some(plain) if plain.is_exact() => Some(plain.exact()),
        _ => other_form(text, plain),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn other_form(text: &str, _: Option<PlainDecimal>) -> Option<f64> {
    text.parse().ok()
}

#[cfg(target_arch = "wasm32")]
fn other_form(_: &str, plain: Option<PlainDecimal>) -> Option<f64> {
    plain.map(|p| p.approximate())
}

/// `[+-]digits[.digits]`, at least one digit, nothing else.
#[derive(Debug, Clone, Copy)]
struct PlainDecimal<'a> {
    negative: bool,
    whole: &'a str,
    /// Without its trailing zeros (they change nothing).
    fraction: &'a str,
}

impl<'a> PlainDecimal<'a> {
    fn of(text: &'a str) -> Option<Self> {
        let (negative, unsigned) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        Some(PlainDecimal { negative, whole, fraction: fraction.trim_end_matches('0') })
    }

    /// The significant digits: whole part then fraction, leading zeros
    /// skipped. The value is their integer times 10^`exponent`.
    fn digits(&self) -> impl Iterator<Item = u8> + 'a {
        self.whole.bytes().chain(self.fraction.bytes()).skip_while(|&b| b == b'0').map(|b| b - b'0')
    }

    fn exponent(&self) -> i64 {
        -(self.fraction.len() as i64)
    }

    /// Up to 15 significant digits (below 2^53) and an exact power of ten.
    fn is_exact(&self) -> bool {
        self.fraction.len() <= 22 && self.digits().nth(15).is_none()
    }

    fn signed(&self, value: f64) -> f64 {
        if self.negative {
            -value
        } else {
            value
        }
    }

    /// One correctly rounded division of exact numbers.
    fn exact(&self) -> f64 {
        let integer = self.digits().fold(0u64, |n, d| n * 10 + u64::from(d)) as f64;
        self.signed(integer / POWERS_OF_TEN[self.fraction.len()])
    }

    /// The first 19 significant digits, then scaled by powers of ten: within
    /// two units of the last place for the lengths addresses carry.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn approximate(&self) -> f64 {
        let (mut integer, mut count) = (0u64, 0i64);
        for digit in self.digits() {
            if count < 19 {
                integer = integer * 10 + u64::from(digit);
            }
            count += 1;
        }
        let mut exponent = self.exponent() + (count - count.min(19));
        let mut value = integer as f64;
        while exponent != 0 {
            let step = exponent.abs().min(22);
            let power = POWERS_OF_TEN[step as usize];
            if exponent < 0 {
                value /= power;
                exponent += step;
            } else {
                value *= power;
                exponent -= step;
            }
            if value == 0.0 || value.is_infinite() {
                break;
            }
        }
        self.signed(value)
    }
}

/// 10^0 to 10^22, every one exact in an `f64`.
const POWERS_OF_TEN: [f64; 23] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_std(value: f64, places: u32) {
        let ours = Fixed(value, places).to_string();
        let std = format!("{value:.p$}", p = places as usize);
        assert_eq!(ours, std, "{value:?} with {places} decimals");
    }

    #[test]
    fn reads_as_std_on_ties_near_ties_and_their_neighbours() {
        // Decimal ties that floats hold exactly (0.25) and those they hold
        // a little under or over (0.15, 0.35, 2.675), with the floats just
        // beside each.
        for hundredths in 0..20_000u32 {
            let value = f64::from(hundredths) / 100.0 + 0.005;
            for v in [value, f64::from_bits(value.to_bits() + 1), f64::from_bits(value.to_bits() - 1)] {
                for places in 0..=3 {
                    same_as_std(v, places);
                    same_as_std(-v, places);
                }
            }
        }
        for v in
            [0.25, 0.15, 0.35, 2.675, 1.005, 0.5, 1.5, 2.5, 1e-7, 0.0, -0.0, 0.04, -0.04, 5e-324, f64::MIN_POSITIVE, 123_456.123_456_5, 1e5]
        {
            for places in 0..=9 {
                same_as_std(v, places);
            }
        }
    }

    #[test]
    fn reads_as_std_on_coordinates_and_distances() {
        // A deterministic spread over France's coordinates and a day's
        // distances (a multiplicative step, not decimal-looking values).
        let mut v = 0.000_123_456_789_f64;
        while v < 1_000.0 {
            for places in [1, 5, 6] {
                same_as_std(v, places);
                same_as_std(-v, places);
                same_as_std(43.0 + v / 1_000.0, places);
            }
            v *= 1.000_37;
        }
    }

    /// Digit strings from a fixed pseudo-random sequence.
    fn digit_strings(count: usize, lengths: std::ops::RangeInclusive<usize>) -> Vec<String> {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let span = (lengths.end() - lengths.start() + 1) as u64;
                let length = lengths.start() + (next() % span) as usize;
                let mut text: String = (0..length).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
                let point = (next() % (length as u64 + 1)) as usize;
                if next() % 4 != 0 {
                    text.insert(point, '.');
                }
                text
            })
            .collect()
    }

    fn exactly_as_std(text: &str) {
        let plain = PlainDecimal::of(text).unwrap_or_else(|| panic!("{text:?} is a plain decimal"));
        assert!(plain.is_exact(), "{text:?} is read exactly");
        let std: f64 = text.parse().unwrap();
        assert_eq!(plain.exact().to_bits(), std.to_bits(), "{text:?}");
        assert_eq!(parse(text).map(f64::to_bits), Some(std.to_bits()), "{text:?}");
    }

    #[test]
    fn plain_decimals_of_up_to_15_digits_read_exactly_as_std() {
        // What the app writes: coordinates, distances, any count of decimals.
        let mut v = 0.000_123_456_789_f64;
        while v < 100_000.0 {
            for places in 0..=9 {
                let text = Fixed(v, places).to_string();
                for form in [text.clone(), format!("-{text}"), format!("+{text}0"), format!("00{text}")] {
                    exactly_as_std(&form);
                }
            }
            v *= 1.000_91;
        }
        for text in digit_strings(50_000, 1..=15) {
            exactly_as_std(&text);
            exactly_as_std(&format!("-{text}"));
        }
        for text in ["0", "-0", "0.0", ".5", "5.", "-.5", "20", "43.6465", "0.5855", "999999999999999", "1.000000000000000000000000000"] {
            exactly_as_std(text);
        }
    }

    #[test]
    fn longer_decimals_read_within_two_units_of_the_last_place() {
        for text in digit_strings(50_000, 16..=30) {
            let std: f64 = text.parse().unwrap();
            let ours = PlainDecimal::of(&text).unwrap().approximate();
            let apart = (ours.to_bits() as i64 - std.to_bits() as i64).abs();
            assert!(apart <= 2, "{text:?}: {ours} against {std}");
        }
    }

    #[test]
    fn what_is_not_a_number_is_refused_and_other_forms_read_as_std() {
        for text in ["", "-", "+", ".", "-.", "1.2.3", "1,5", " 1", "1 ", "abc", "--1", "1-", "0x10", "١٢"] {
            assert!(PlainDecimal::of(text).is_none(), "{text:?}");
            assert_eq!(parse(text), None, "{text:?}");
        }
        // Natively, forms the app never writes still read as the standard
        // library reads them (the server accepts what it did).
        for text in ["1e3", "-2.5E-3", "inf", "NaN", "12345678901234567890", "0.00000000000000000000000123"] {
            assert_eq!(parse(text).map(f64::to_bits), text.parse::<f64>().ok().map(f64::to_bits), "{text:?}");
        }
    }

    #[test]
    fn not_numbers_read_as_std() {
        same_as_std(f64::NAN, 1);
        same_as_std(f64::INFINITY, 1);
        same_as_std(f64::NEG_INFINITY, 2);
    }
}
