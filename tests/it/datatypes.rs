//! Ill-typed literals (`wangluo::rdf::datatypes`, which `verify` applies to nanopublications):
//! lexical forms outside their XSD datatype, as Oxigraph's parsers read them, and the numerals
//! beyond what those parsers hold, which XSD allows.

use oxigraph::model::{Literal, NamedNode};
use wangluo::rdf::datatypes::is_ill_typed;

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

fn ill_typed(value: &str, local: &str) -> bool {
    let datatype = NamedNode::new(format!("{XSD}{local}")).expect("an IRI");
    is_ill_typed(Literal::new_typed_literal(value, datatype).as_ref())
}

#[test]
fn lexical_forms_outside_their_datatype_are_ill_typed() {
    for (value, local) in [
        ("two", "integer"),
        ("of course", "boolean"),
        ("3,5", "double"),
        ("1757-02-31", "date"),
        ("25:61:00", "time"),
        ("1.5", "integer"),
        ("1e3", "decimal"),
        (".", "decimal"),
        ("", "decimal"),
        ("128", "byte"),
        ("-1", "nonNegativeInteger"),
        ("0", "positiveInteger"),
        ("18446744073709551616", "unsignedLong"),
        ("-99999999999999999999999", "positiveInteger"),
        ("2024-01-01T00:00:00", "dateTimeStamp"),
        ("P1Y2D", "yearMonthDuration"),
    ] {
        assert!(ill_typed(value, local), "{value:?}^^xsd:{local}");
    }
}

#[test]
fn lexical_forms_of_their_datatype_are_well_typed() {
    for (value, local) in [
        ("2", "integer"),
        ("+2", "integer"),
        ("99999999999999999999999", "integer"),
        ("99999999999999999999999", "positiveInteger"),
        ("-99999999999999999999999", "negativeInteger"),
        ("18446744073709551615", "unsignedLong"),
        ("127", "byte"),
        ("0.1234567890123456789012", "decimal"),
        ("123456789012345678901234.5", "decimal"),
        ("1.", "decimal"),
        ("true", "boolean"),
        ("0", "boolean"),
        ("3.5", "double"),
        ("INF", "double"),
        ("1756-02-29", "date"),
        ("24:00:00", "time"),
        ("2014-07-24T18:05:11+01:00", "dateTime"),
        ("2014-07-24T18:05:11Z", "dateTimeStamp"),
        ("P1Y2M", "yearMonthDuration"),
        ("anything", "string"),
        ("not a URI at all", "anyURI"),
    ] {
        assert!(!ill_typed(value, local), "{value:?}^^xsd:{local}");
    }
    // Not an XSD datatype: not checked.
    let other = NamedNode::new("http://example.org/dt").expect("an IRI");
    assert!(!is_ill_typed(
        Literal::new_typed_literal("two", other).as_ref()
    ));
}
