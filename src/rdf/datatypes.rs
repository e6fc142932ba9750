//! Whether a literal's lexical form belongs to its XSD datatype: `"two"^^xsd:integer` and
//! `"1757-02-31"^^xsd:date` are ill-typed.
//!
//! The lexical forms are read by Oxigraph's own parsers (`oxsdatatypes`, with which the store
//! gives typed literals their values), so a literal is ill-typed here exactly when Oxigraph
//! cannot give it a value, with two exceptions where those parsers are bounded and XSD is not:
//! an `xsd:integer` beyond 64 bits and an `xsd:decimal` beyond 18 fractional digits or
//! 10^20 are well-typed. The integer types derived from `xsd:integer` (`xsd:int`,
//! `xsd:nonNegativeInteger` …) are checked against their ranges too.
//!
//! Checked: `boolean`, `decimal`, `integer` and its derived types, `float`, `double`, `date`,
//! `time`, `dateTime`, `dateTimeStamp`, `gYear`, `gYearMonth`, `gMonth`, `gDay`, `gMonthDay`,
//! `duration`, `yearMonthDuration`, `dayTimeDuration`. Any other datatype (`xsd:string`,
//! `xsd:anyURI`, non-XSD datatypes …) is taken as it is.

use crate::vocab::ns::XSD;
use oxigraph::model::LiteralRef;
use oxsdatatypes::{
    Boolean, Date, DateTime, DayTimeDuration, Decimal, Double, Duration, Float, GDay, GMonth,
    GMonthDay, GYear, GYearMonth, Integer, Time, YearMonthDuration,
};
use std::num::IntErrorKind;
use std::str::FromStr;

/// Whether `literal` is ill-typed: an XSD datatype (of those checked, see the module
/// documentation) whose lexical space does not hold the literal's lexical form.
pub fn is_ill_typed(literal: LiteralRef<'_>) -> bool {
    let Some(local) = literal.datatype().as_str().strip_prefix(XSD) else {
        return false;
    };
    let text = literal.value();
    match local {
        "boolean" => fails::<Boolean>(text),
        "decimal" => Decimal::from_str(text).is_err() && !is_decimal_numeral(text),
        "float" => fails::<Float>(text),
        "double" => fails::<Double>(text),
        "date" => fails::<Date>(text),
        "time" => fails::<Time>(text),
        "dateTime" => fails::<DateTime>(text),
        "dateTimeStamp" => DateTime::from_str(text).map_or(true, |d| d.timezone().is_none()),
        "gYear" => fails::<GYear>(text),
        "gYearMonth" => fails::<GYearMonth>(text),
        "gMonth" => fails::<GMonth>(text),
        "gDay" => fails::<GDay>(text),
        "gMonthDay" => fails::<GMonthDay>(text),
        "duration" => fails::<Duration>(text),
        "yearMonthDuration" => fails::<YearMonthDuration>(text),
        "dayTimeDuration" => fails::<DayTimeDuration>(text),
        integer_type => match integer_range(integer_type) {
            Some(range) => !integer_in(text, range),
            None => false,
        },
    }
}

fn fails<T: FromStr>(text: &str) -> bool {
    T::from_str(text).is_err()
}

/// The values an integer type allows: the least and the greatest (`None`: unbounded).
type IntegerRange = (Option<i128>, Option<i128>);

/// `xsd:integer` and the types derived from it, with their ranges.
fn integer_range(local: &str) -> Option<IntegerRange> {
    let bounded = |min: i128, max: i128| Some((Some(min), Some(max)));
    match local {
        "integer" => Some((None, None)),
        "nonNegativeInteger" => Some((Some(0), None)),
        "positiveInteger" => Some((Some(1), None)),
        "nonPositiveInteger" => Some((None, Some(0))),
        "negativeInteger" => Some((None, Some(-1))),
        "long" => bounded(i64::MIN.into(), i64::MAX.into()),
        "int" => bounded(i32::MIN.into(), i32::MAX.into()),
        "short" => bounded(i16::MIN.into(), i16::MAX.into()),
        "byte" => bounded(i8::MIN.into(), i8::MAX.into()),
        "unsignedLong" => bounded(0, u64::MAX.into()),
        "unsignedInt" => bounded(0, u32::MAX.into()),
        "unsignedShort" => bounded(0, u16::MAX.into()),
        "unsignedByte" => bounded(0, u8::MAX.into()),
        _ => None,
    }
}

/// Whether `text` is an integer numeral within `range`. Numerals beyond 64 bits (what
/// Oxigraph's `Integer` holds) are within an unbounded side of a range; a bounded side is at
/// most 64 bits (`unsignedLong`: 0 to 2^64 - 1), which `i128` holds.
fn integer_in(text: &str, (min, max): IntegerRange) -> bool {
    let value: i128 = match Integer::from_str(text) {
        Ok(value) => i64::from(value).into(),
        Err(e) => match (e.kind(), text.parse::<i128>()) {
            (_, Ok(value)) => value,
            (IntErrorKind::PosOverflow, Err(_)) => return max.is_none(),
            (IntErrorKind::NegOverflow, Err(_)) => return min.is_none(),
            _ => return false,
        },
    };
    min.is_none_or(|min| value >= min) && max.is_none_or(|max| value <= max)
}

/// Whether `text` is in the lexical space of `xsd:decimal`, `(\+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)`:
/// asked only of the numerals Oxigraph's `Decimal` cannot hold (too large, or too many
/// fractional digits).
fn is_decimal_numeral(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty()) && digits(whole) && digits(fraction)
}
