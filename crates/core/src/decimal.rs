//! Numbers written with a fixed count of decimals (`Fixed(2.25, 1)` →
//! "2.2"), the very text of `format!("{:.1}", 2.25)`, by integer arithmetic.
//!
//! Why: the standard library's float formatting (Grisu, Dragon, big
//! numbers) is ~12 KB of wasm, which the browser compiled on the main
//! thread while it built the first list (distances, the map's points). It
//! stays in the wasm for serde's error messages, but a start no longer runs
//! it. The app writes only small numbers with a few decimals: distances,
//! coordinates, map points. Rounding is the standard library's: the exact
//! value of the float, half to even; the tests compare both on every kind
//! of value.

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

    #[test]
    fn not_numbers_read_as_std() {
        same_as_std(f64::NAN, 1);
        same_as_std(f64::INFINITY, 1);
        same_as_std(f64::NEG_INFINITY, 2);
    }
}
