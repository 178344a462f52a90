//! Exact numbers for the figures leaders sign and Home Affairs files (docs/rules.md §5): rates,
//! averages and scores are fractions of whole counts, kept as exact ratios of integers and
//! rounded once, half up (the Vietnamese convention, "làm tròn"), where they are printed.
//! Binary floating point cannot hold 0.575 or 88.125, so rounding it prints 0.57 and 88.12;
//! a ratio of integers holds them exactly. Owns no rule: only the arithmetic.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

/// A fraction `num / den` in lowest terms with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

/// An exact computation that would not fit in 128 bits (counts far beyond a province's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    /// `num / den`, reduced; None when `den` is 0.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let sign = if den < 0 { -1 } else { 1 };
        Some(Ratio {
            num: sign * (num / g),
            den: sign * (den / g),
        })
    }

    pub fn integer(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    /// `part / whole` of two counts; None when `whole` is 0 (a rate of nothing is no rate).
    pub fn of(part: u64, whole: u64) -> Option<Ratio> {
        Ratio::new(i128::from(part), i128::from(whole))
    }

    /// A decimal as written (`5`, `0.6`, `-1.25`): exact, as a setting's text means it.
    /// At most 12 decimals; no exponent.
    pub fn parse(text: &str) -> Option<Ratio> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty())
            || !all_digits(whole)
            || !all_digits(fraction)
            || fraction.len() > 12
            || whole.len() > 18
        {
            return None;
        }
        let scale = 10_i128.pow(fraction.len() as u32);
        let whole: i128 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let fraction: i128 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().ok()?
        };
        let num = whole * scale + fraction;
        Ratio::new(if negative { -num } else { num }, scale)
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    pub fn checked_add(self, other: Ratio) -> Result<Ratio, Overflow> {
        let g = gcd(self.den, other.den).max(1);
        let den = (self.den / g).checked_mul(other.den).ok_or(Overflow)?;
        let left = self.num.checked_mul(other.den / g).ok_or(Overflow)?;
        let right = other.num.checked_mul(self.den / g).ok_or(Overflow)?;
        Ratio::new(left.checked_add(right).ok_or(Overflow)?, den).ok_or(Overflow)
    }

    pub fn checked_sub(self, other: Ratio) -> Result<Ratio, Overflow> {
        self.checked_add(Ratio {
            num: other.num.checked_neg().ok_or(Overflow)?,
            den: other.den,
        })
    }

    pub fn checked_mul(self, other: Ratio) -> Result<Ratio, Overflow> {
        // Cross-reduce first, so the products stay as small as the result allows.
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let num = (self.num / g1)
            .checked_mul(other.num / g2)
            .ok_or(Overflow)?;
        let den = (self.den / g2)
            .checked_mul(other.den / g1)
            .ok_or(Overflow)?;
        Ratio::new(num, den).ok_or(Overflow)
    }

    /// None when dividing by zero.
    pub fn checked_div(self, other: Ratio) -> Result<Option<Ratio>, Overflow> {
        if other.num == 0 {
            return Ok(None);
        }
        let inverse = Ratio::new(other.den, other.num).ok_or(Overflow)?;
        self.checked_mul(inverse).map(Some)
    }

    /// The value times 10^`places`, rounded half up (a half goes away from zero): 0.575 at
    /// two places is 58, 88.125 is 8813, 0.125 is 13.
    pub fn round_half_up(self, places: u32) -> Result<i128, Overflow> {
        let scale = 10_i128.checked_pow(places).ok_or(Overflow)?;
        let scaled = self.num.checked_mul(scale).ok_or(Overflow)?;
        let twice = scaled
            .abs()
            .checked_mul(2)
            .and_then(|x| x.checked_add(self.den))
            .ok_or(Overflow)?;
        let magnitude = twice / (2 * self.den);
        Ok(if scaled < 0 { -magnitude } else { magnitude })
    }

    /// The nearest double: for JSON, which has no other number; never for deciding.
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Whole part (toward minus infinity) and the remainder in [0, den).
    fn floor_parts(self) -> (i128, i128) {
        (self.num.div_euclid(self.den), self.num.rem_euclid(self.den))
    }
}

/// Exact comparison without multiplying out (which could overflow): compare whole parts,
/// then the reciprocals of the fractional parts, the other way round (a continued fraction).
impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        let (mut a, mut b) = ((self.num, self.den), (other.num, other.den));
        let mut flipped = false;
        loop {
            let (qa, ra) = Ratio { num: a.0, den: a.1 }.floor_parts();
            let (qb, rb) = Ratio { num: b.0, den: b.1 }.floor_parts();
            let order = match qa.cmp(&qb) {
                Ordering::Equal => match (ra == 0, rb == 0) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => {
                        // a − qa = ra/a.1; comparing them is comparing a.1/ra the other way.
                        a = (a.1, ra);
                        b = (b.1, rb);
                        flipped = !flipped;
                        continue;
                    }
                },
                order => order,
            };
            return if flipped { order.reverse() } else { order };
        }
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Default for Ratio {
    fn default() -> Self {
        Ratio::ZERO
    }
}

/// `3` or `705/8`: the exact value, for an auditor.
impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

/// JSON carries the nearest double (it has no exact fractions); every printed figure comes
/// from the exact value through [`Ratio::round_half_up`].
impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.to_f64())
    }
}

/// `scaled` (a value times 10^`places`) written with `places` decimals and `separator`:
/// `fixed(8813, 2, ',')` is `88,13`.
pub fn fixed(scaled: i128, places: u32, separator: char) -> String {
    let sign = if scaled < 0 { "-" } else { "" };
    let magnitude = scaled.unsigned_abs();
    if places == 0 {
        return format!("{sign}{magnitude}");
    }
    let scale = 10_u128.pow(places);
    format!(
        "{sign}{}{separator}{:0width$}",
        magnitude / scale,
        magnitude % scale,
        width = places as usize
    )
}

/// A count of hundredths rounded half up from `part / whole` (e.g. working seconds over the
/// seconds of a working day), as the double nearest to it: `{:.2}` prints it back exactly.
pub fn hundredths(part: i64, whole: i64) -> Option<f64> {
    let r = Ratio::new(i128::from(part), i128::from(whole))?;
    r.round_half_up(2).ok().map(|h| h as f64 / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn half_up_where_binary_floating_point_rounds_down() {
        // The cases of issue 19: 88.125 and 0.575 have no exact double.
        assert_eq!(r(705, 8).round_half_up(2), Ok(8813));
        assert_eq!(fixed(8813, 2, ','), "88,13");
        assert_eq!(r(575, 1000).round_half_up(2), Ok(58));
        assert_eq!(r(1, 8).round_half_up(2), Ok(13));
        assert_eq!(
            format!("{:.2}", 0.575_f64),
            "0.57",
            "the float rounding this replaces"
        );
        assert_eq!(hundredths(16_560, 28_800), Some(0.58));
        assert_eq!(
            format!("{:.2}", hundredths(16_560, 28_800).unwrap()),
            "0.58"
        );
        assert_eq!(r(-5, 2).round_half_up(0), Ok(-3));
        assert_eq!(r(1, 3).round_half_up(3), Ok(333));
        assert_eq!(fixed(5, 2, '.'), "0.05");
        assert_eq!(fixed(-1234, 1, '.'), "-123.4");
    }

    #[test]
    fn decimals_parse_exactly() {
        assert_eq!(Ratio::parse("0.6"), Some(r(3, 5)));
        assert_eq!(Ratio::parse("5"), Some(Ratio::integer(5)));
        assert_eq!(Ratio::parse("-1.25"), Some(r(-5, 4)));
        assert_eq!(Ratio::parse(".5"), Some(r(1, 2)));
        for bad in ["", ".", "1e3", "abc", "1.2.3", "0.1234567890123"] {
            assert_eq!(Ratio::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ranks_compare_exact_values_not_rounded_ones() {
        // 84.1103 and 84.1076 both print 84.11; the first is still the higher.
        let a = r(841_103, 10_000);
        let b = r(841_076, 10_000);
        assert_eq!(a.round_half_up(2), b.round_half_up(2));
        assert!(a > b);
        assert_eq!(r(2, 4).cmp(&r(1, 2)), Ordering::Equal);
        assert!(r(-1, 3) < r(-1, 4));
    }

    proptest! {
        #[test]
        fn comparison_agrees_with_cross_multiplication(
            a in -10_000i128..10_000, b in 1i128..10_000,
            c in -10_000i128..10_000, d in 1i128..10_000,
        ) {
            prop_assert_eq!(r(a, b).cmp(&r(c, d)), (a * d).cmp(&(c * b)));
        }

        #[test]
        fn arithmetic_is_exact(
            a in -1_000i128..1_000, b in 1i128..1_000,
            c in -1_000i128..1_000, d in 1i128..1_000,
        ) {
            prop_assert_eq!(r(a, b).checked_add(r(c, d)).unwrap(), r(a * d + c * b, b * d));
            prop_assert_eq!(r(a, b).checked_sub(r(c, d)).unwrap(), r(a * d - c * b, b * d));
            prop_assert_eq!(r(a, b).checked_mul(r(c, d)).unwrap(), r(a * c, b * d));
            if c != 0 {
                prop_assert_eq!(r(a, b).checked_div(r(c, d)).unwrap(), Some(r(a * d, b * c)));
            }
        }

        #[test]
        fn rounding_is_half_up_of_the_exact_value(n in 0i128..1_000_000, d in 1i128..1_000) {
            // floor(n/d·100 + 1/2) by integers alone.
            let want = (200 * n + d) / (2 * d);
            prop_assert_eq!(r(n, d).round_half_up(2).unwrap(), want);
        }
    }
}
