//! Content negotiation: the representation an `Accept` header prefers among those a resource
//! has. Media ranges are parsed by the `mime` crate; this module only ranks them (RFC 9110
//! §12.5.1: the highest `q`, then the most specific range, then the server's order).

use mime::Mime;

/// A representation of a resource's description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Representation {
    Html,
    Turtle,
    JsonLd,
    NTriples,
    RdfXml,
}

impl Representation {
    /// Every representation, in the server's order of preference (browsers send `*/*` too).
    pub const ALL: [Representation; 5] = [
        Representation::Html,
        Representation::Turtle,
        Representation::JsonLd,
        Representation::NTriples,
        Representation::RdfXml,
    ];

    /// The media type of the representation.
    pub fn media_type(self) -> &'static str {
        match self {
            Representation::Html => "text/html",
            Representation::Turtle => "text/turtle",
            Representation::JsonLd => "application/ld+json",
            Representation::NTriples => "application/n-triples",
            Representation::RdfXml => "application/rdf+xml",
        }
    }

    /// The file extension of the representation under `/data/`.
    pub fn extension(self) -> &'static str {
        match self {
            Representation::Html => "html",
            Representation::Turtle => "ttl",
            Representation::JsonLd => "jsonld",
            Representation::NTriples => "nt",
            Representation::RdfXml => "rdf",
        }
    }

    /// The RDF representation with this file extension.
    pub fn from_extension(extension: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| *r != Representation::Html && r.extension() == extension)
    }

    /// A name people know the format by.
    pub fn name(self) -> &'static str {
        match self {
            Representation::Html => "HTML",
            Representation::Turtle => "Turtle",
            Representation::JsonLd => "JSON-LD",
            Representation::NTriples => "N-Triples",
            Representation::RdfXml => "RDF/XML",
        }
    }
}

/// The preferred of `offered` (media types, in the server's order) for an `Accept` header, or
/// `None` when the header accepts none of them (406). A missing or empty header accepts all;
/// unparsable ranges are ignored.
///
/// ```
/// use wangluo::web::negotiate::best;
/// let offered = ["text/html", "text/turtle"];
/// assert_eq!(best(Some("text/turtle;q=0.9, text/html;q=0.5"), &offered), Some(1));
/// assert_eq!(best(Some("text/*"), &offered), Some(0));
/// assert_eq!(best(Some("image/png"), &offered), None);
/// assert_eq!(best(None, &offered), Some(0));
/// ```
pub fn best(accept: Option<&str>, offered: &[&str]) -> Option<usize> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return (!offered.is_empty()).then_some(0);
    };
    let ranges: Vec<(Mime, f32)> = accept
        .split(',')
        .filter_map(|range| range.trim().parse::<Mime>().ok())
        .map(|m| {
            let q = m
                .get_param("q")
                .and_then(|q| q.as_str().parse::<f32>().ok())
                .unwrap_or(1.0);
            (m, q)
        })
        .collect();
    let mut winner: Option<(usize, f32)> = None;
    for (index, media_type) in offered.iter().enumerate() {
        let Ok(candidate) = media_type.parse::<Mime>() else {
            continue;
        };
        // The most specific matching range decides this type's quality.
        let quality = ranges
            .iter()
            .filter(|(range, _)| matches(range, &candidate))
            .max_by_key(|(range, _)| specificity(range))
            .map(|(_, q)| *q);
        if let Some(q) = quality.filter(|q| *q > 0.0) {
            if !matches!(winner, Some((_, best_q)) if q <= best_q) {
                winner = Some((index, q));
            }
        }
    }
    winner.map(|(index, _)| index)
}

/// Whether a media range covers a type. Compared by essence (`type/subtype+suffix`): the
/// `mime` crate's `subtype()` leaves out the suffix, and `+xml` is not `+json`.
fn matches(range: &Mime, candidate: &Mime) -> bool {
    match (range.type_() == mime::STAR, range.subtype() == mime::STAR) {
        (true, _) => true,
        (false, true) => range.type_() == candidate.type_(),
        (false, false) => range.essence_str() == candidate.essence_str(),
    }
}

fn specificity(range: &Mime) -> u8 {
    match (range.type_() == mime::STAR, range.subtype() == mime::STAR) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    }
}

/// The representation of a description to send for an `Accept` header. Besides their own
/// media types, `application/xhtml+xml` gives HTML, `application/json` JSON-LD and
/// `application/xml` RDF/XML.
pub fn representation(accept: Option<&str>) -> Option<Representation> {
    let mut offered: Vec<(&str, Representation)> = Representation::ALL
        .iter()
        .map(|r| (r.media_type(), *r))
        .collect();
    offered.extend([
        ("application/xhtml+xml", Representation::Html),
        ("application/json", Representation::JsonLd),
        ("application/xml", Representation::RdfXml),
    ]);
    let types: Vec<&str> = offered.iter().map(|(t, _)| *t).collect();
    best(accept, &types).map(|index| offered[index].1)
}
