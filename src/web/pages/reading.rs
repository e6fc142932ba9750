//! The reading view's claims: numbered in reading order (by their first quote), each quote one
//! `<mark>` that opens with its claim's number, the letter of its perspective (a cue that is not
//! colour) and a flag when the text leaves the attribution open (`wl:alternativeClaimant`), as a
//! link to the claim whose name holds the claim's text (keyboard, screen readers); and the panel
//! beside the text listing the claims in that order, each linked to its place, with a filter by
//! perspective, claimant and characterization (`/reading.js`, served from the binary; without
//! script the panel is plain links and the filter stays hidden).

use super::text::{Span, TextView};
use super::{link, local_class};
use crate::web::site::Site;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use std::collections::BTreeMap;

const SCRIPT: &str = include_str!("../reading.js");

/// `GET /reading.js`: the reading view's filter.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// A claim quoted in the text.
pub(crate) struct Claim {
    pub iri: String,
    /// Its place in reading order, from 1.
    pub number: usize,
    pub perspective: Option<String>,
    /// The first letter of its perspective's label: the cue that is not colour.
    pub letter: String,
    /// The text leaves its attribution open (`wl:alternativeClaimant`).
    pub open: bool,
    pub label: String,
    pub claimants: Vec<String>,
    /// Its characterizations and the broader ones (`wl:characterizedWithin`).
    pub characterizations: Vec<String>,
    /// Its quotes in this text (start, end), in reading order.
    pub quotes: Vec<(usize, usize)>,
}

/// The claims quoted in a text, in reading order.
pub(crate) struct Claims {
    pub list: Vec<Claim>,
}

impl Claims {
    pub fn of(site: &Site, view: &TextView) -> Claims {
        let term = |local: &str| site.base.term(local).as_str().to_owned();
        let mut list: Vec<Claim> = Vec::new();
        for quote in &view.quotes {
            if let Some(claim) = list.iter_mut().find(|c| c.iri == quote.iri) {
                claim.quotes.push((quote.start, quote.end));
                continue;
            }
            let iri = &quote.iri;
            let letter = quote
                .perspective
                .as_deref()
                .and_then(|p| site.label(p).chars().next())
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            let mut characterizations = site.linked(iri, &term("characterizedAs"));
            for broader in site.linked(iri, &term("characterizedWithin")) {
                if !characterizations.contains(&broader) {
                    characterizations.push(broader);
                }
            }
            list.push(Claim {
                iri: iri.clone(),
                number: list.len() + 1,
                perspective: quote.perspective.clone(),
                letter,
                open: !site.linked(iri, &term("alternativeClaimant")).is_empty(),
                label: site.label(iri),
                claimants: site.linked(iri, &term("claimant")),
                characterizations,
                quotes: vec![(quote.start, quote.end)],
            });
        }
        Claims { list }
    }

    fn find(&self, iri: &str) -> Option<&Claim> {
        self.list.iter().find(|c| c.iri == iri)
    }

    /// The id of a claim's quote: `q12` for its first in the text, `q12-2` for the next.
    fn quote_id(claim: &Claim, quote: (usize, usize)) -> String {
        match claim.quotes.iter().position(|q| *q == quote) {
            Some(k) if k > 0 => format!("q{}-{}", claim.number, k + 1),
            _ => format!("q{}", claim.number),
        }
    }

    /// A quote's `<mark>` holding `inner`: its claim's number, letter and flag first, as a link to
    /// the claim named by the claim's text, unless it continues a quote split before.
    pub fn mark(
        &self,
        site: &Site,
        quote: &Span,
        continued: bool,
        perspective: &str,
        inner: Markup,
    ) -> Markup {
        let Some(claim) = self.find(&quote.iri) else {
            return html! { mark class=(format!("quote p-{perspective}")) { (inner) } };
        };
        let alt = if claim.number % 2 == 0 { " alt" } else { "" };
        let open = if claim.open { " open" } else { "" };
        let id = (!continued).then(|| Self::quote_id(claim, (quote.start, quote.end)));
        html! {
            mark class=(format!("quote p-{perspective}{alt}{open}")) id=[id]
                data-claim=(claim.number) data-perspective=(perspective)
                data-claimant=(locals(&claim.claimants)) data-characterization=(locals(&claim.characterizations)) {
                @if !continued {
                    a.claim-no href=(site.href(&claim.iri)) {
                        (claim.number) (claim.letter) @if claim.open { "?" }
                        span.vh { ": " (about(site, claim)) }
                    }
                }
                (inner)
            }
        }
    }

    /// The panel beside the text: how to read the marks, the filter, the claims in reading order.
    pub fn panel(&self, site: &Site) -> Markup {
        html! {
            aside.claims-panel aria-labelledby="claims-title" {
                h2 #claims-title { "Claims in reading order (" (self.list.len()) ")" }
                (self.key(site))
                (self.filter(site))
                ol.claim-list {
                    @for c in &self.list {
                        @let p = c.perspective.as_deref().map(local_class).unwrap_or_default();
                        li id=(format!("claim-{}", c.number)) class=(format!("p-{p}"))
                            data-claim=(c.number) data-perspective=(p)
                            data-claimant=(locals(&c.claimants)) data-characterization=(locals(&c.characterizations)) {
                            a href=(format!("#q{}", c.number)) {
                                span.claim-no { (c.number) (c.letter) @if c.open { "?" } }
                                " " (c.label)
                            }
                            @if c.open { " " span.open-flag { "(attribution open)" } }
                        }
                    }
                }
            }
        }
    }

    /// The key to the marks: each perspective's letter and underline, the flag, the sentences
    /// without a claim.
    fn key(&self, site: &Site) -> Markup {
        let mut perspectives: BTreeMap<String, &Claim> = BTreeMap::new();
        for c in &self.list {
            if let Some(p) = &c.perspective {
                perspectives.entry(p.clone()).or_insert(c);
            }
        }
        html! {
            ul.legend {
                @for (p, c) in &perspectives {
                    li { span class=(format!("key quote p-{}", local_class(p))) { (c.letter) } " " (link(site, p)) }
                }
                li { span.key { "?" } " attribution open (the text names other possible claimants)" }
                li { span.swatch.no-claim-swatch {} "sentence without a claim" }
            }
        }
    }

    /// The filter (shown by `/reading.js`): a choice of perspective, claimant, characterization.
    fn filter(&self, site: &Site) -> Markup {
        let choices = |of: &dyn Fn(&Claim) -> Vec<String>| -> Choices {
            let mut all: BTreeMap<String, String> = BTreeMap::new();
            for c in &self.list {
                for iri in of(c) {
                    all.insert(site.label(&iri), local_class(&iri));
                }
            }
            all.into_iter().collect()
        };
        let fields: [(&str, &str, Choices); 3] = [
            (
                "perspective",
                "Perspective",
                choices(&|c| c.perspective.iter().cloned().collect()),
            ),
            ("claimant", "Claimant", choices(&|c| c.claimants.clone())),
            (
                "characterization",
                "Characterized as",
                choices(&|c| c.characterizations.clone()),
            ),
        ];
        html! {
            form.filter hidden aria-label="Filter the claims" {
                @for (name, label, options) in &fields {
                    label for=(format!("filter-{name}")) { (label) }
                    select id=(format!("filter-{name}")) name=(name) {
                        option value="" { "any" }
                        @for (text, value) in options { option value=(value) { (text) } }
                    }
                }
                p.filter-count aria-live="polite" {}
            }
        }
    }
}

/// The choices of a filter: (label, value).
type Choices = Vec<(String, String)>;

/// What a claim's number stands for, in words: its text, perspective and open attribution.
fn about(site: &Site, claim: &Claim) -> String {
    let perspective = claim
        .perspective
        .as_deref()
        .map(|p| format!(" ({})", site.label(p)))
        .unwrap_or_default();
    let open = if claim.open { ", attribution open" } else { "" };
    format!("claim {}{perspective}{open}: {}", claim.number, claim.label)
}

/// The local names of IRIs, space-separated (a `data-` attribute the filter reads).
fn locals(iris: &[String]) -> String {
    iris.iter()
        .map(|i| local_class(i))
        .collect::<Vec<_>>()
        .join(" ")
}
