//! Pages drawn once for two places: the ontology's page (one renderer for `package`'s standalone
//! `ontology.html` and `serve`'s `/page/ontology`, class expressions such as `owl:unionOf`
//! shown), and a paragraph's IRI, whose page is the reading view at that paragraph.

use crate::util::{http_client, kg, select_text, ServeProcess};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;
use reqwest::header::{ACCEPT, LOCATION};
use wangluo::docs::ontology::{html, OntologyDoc};
use wangluo::vocab::{Base, DEFAULT_BASE};

/// The part of a page from one marker to another (both present).
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let start = page.find(from).unwrap_or_else(|| panic!("no {from}"));
    let end = page[start..].find(to).unwrap_or_else(|| panic!("no {to}")) + start;
    &page[start..end]
}

#[test]
fn the_served_ontology_page_and_the_bundled_one_show_each_term_the_same_way() {
    let bundled = wangluo::docs::ontology_html(&kg()).unwrap();
    let server = ServeProcess::bundled(&[]);
    let served = http_client()
        .get(server.url("/page/ontology"))
        .send()
        .unwrap();
    assert_eq!(served.status(), 200);
    let served = served.text().unwrap();
    // Every class and property entry, byte for byte: one renderer (links outside the page go to
    // the IRI in both, as no term's parent, domain or range is a page of the site).
    let terms = |page| between(page, r#"<h2 id="classes">"#, r#"<h2 id="schemes">"#).to_owned();
    assert_eq!(terms(&served), terms(&bundled));
    for page in [&served, &bundled] {
        assert!(page.contains(r#"<section class="term" id="Claim">"#));
        assert!(page.contains("行为体") && page.contains("Actor"));
        assert!(page.contains(r##"<a href="#Document" title="https://w3id.org/wangluo/ontology#Document"><code>wl:Document</code></a>"##));
        // Text from the graph is escaped (the comment says `>= 0`; the served page's JSON-LD
        // holds it as JSON).
        let shown = between(page, "<h1>", r#"<h2 id="schemes">"#);
        assert!(shown.contains("(&gt;= 0)") && !shown.contains("(>= 0)"));
        assert!(
            page.contains(r#"<li id="wlp-western">"#),
            "concepts are anchors"
        );
    }
    // The served page is in the site's layout, its concepts linked to their pages; the bundled
    // one stands alone (its own style, links to the IRIs).
    let site_nav = r#"<nav aria-label="Site">"#;
    assert!(served.contains(r#"<link rel="stylesheet""#) && served.contains(site_nav));
    assert!(served.contains(&format!(
        r#"href="{}/page/vocab/perspective/western""#,
        server.root
    )));
    assert!(bundled.contains("<style>") && !bundled.contains(site_nav));
    assert!(bundled.contains(r#"href="https://w3id.org/wangluo/vocab/perspective/western""#));
    // The server shows the concept schemes of the texts too (every graph), the bundle the
    // ontology's.
    let concept = r#"<li id="wld-wangluo-qiangguo">"#;
    assert!(served.contains(concept) && !bundled.contains(concept));
    let concept = between(&served, concept, "</li>");
    assert!(concept.contains(r#"<span class="zh" lang="zh">网络强国</span>"#));
}

const UNION_ONTOLOGY: &str = r#"
@prefix wl: <https://w3id.org/wangluo/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/wangluo/ontology> a owl:Ontology ; dcterms:title "Unions <test>"@en .
wl:Actor a owl:Class ; rdfs:label "Actor"@en , "行为体"@zh .
wl:Document a owl:Class ; rdfs:label "Document"@en .
wl:about a owl:ObjectProperty ; rdfs:label "about"@en ;
    rdfs:domain [ a owl:Class ; owl:unionOf ( wl:Actor wl:Document schema:Place ) ] ;
    rdfs:range [ owl:intersectionOf ( wl:Actor [ owl:unionOf ( wl:Document schema:Event ) ] ) ] .
"#;

#[test]
fn union_and_intersection_domains_and_ranges_are_shown_with_their_members() {
    let base = Base::new(DEFAULT_BASE).unwrap();
    let graph = base.ontology_graph();
    let store = Store::new().unwrap();
    store
        .load_from_slice(
            RdfParser::from_format(RdfFormat::Turtle).with_default_graph(graph.clone()),
            UNION_ONTOLOGY.as_bytes(),
        )
        .unwrap();
    let doc = OntologyDoc::read(&store, &base, Some(graph)).unwrap();
    let page = html::standalone(&doc);
    let link = |local: &str| {
        format!(
            r##"<a href="#{local}" title="https://w3id.org/wangluo/ontology#{local}"><code>wl:{local}</code></a>"##
        )
    };
    let schema = |local: &str| {
        format!(
            r#"<a href="https://schema.org/{local}" title="https://schema.org/{local}"><code>schema:{local}</code></a>"#
        )
    };
    let about = between(&page, r#"<section class="term" id="about">"#, "</section>");
    let domain = format!(
        r#"<dt>Domain</dt><dd><span class="union">({} or {} or {})</span> </dd>"#,
        link("Actor"),
        link("Document"),
        schema("Place")
    );
    assert!(about.contains(&domain), "{about}");
    let range = format!(
        r#"<dt>Range</dt><dd><span class="intersection">({} and <span class="union">({} or {})</span>)</span> </dd>"#,
        link("Actor"),
        link("Document"),
        schema("Event")
    );
    assert!(about.contains(&range), "{about}");
    assert!(page.contains("<title>Unions &lt;test&gt;</title>"));
    // The same entry in the server's layout: one renderer.
    let served = html::body(&doc, &|iri: &str| format!("/elsewhere?{iri}")).into_string();
    assert!(served.contains(&domain.replace(
        "href=\"https://schema.org/Place\"",
        "href=\"/elsewhere?https://schema.org/Place\""
    )));
}

#[test]
fn a_paragraph_iri_opens_the_reading_view_at_its_paragraph() {
    let server = ServeProcess::bundled(&[]);
    let client = http_client();
    let reading = server.url("/read/id/rathor-2024");
    // A browser asking for the paragraphs' IRI (the fragment stays with the browser) is sent to
    // the reading view; so is the page of the paragraphs. RDF clients get the description.
    let thing = client
        .get(server.url("/id/rathor-2024/paragraph"))
        .header(ACCEPT, "text/html")
        .send()
        .unwrap();
    assert_eq!(thing.status(), 303);
    assert_eq!(thing.headers()[LOCATION], reading.as_str());
    let page = client
        .get(server.url("/page/id/rathor-2024/paragraph"))
        .send()
        .unwrap();
    assert_eq!(page.status(), 303);
    assert_eq!(page.headers()[LOCATION], reading.as_str());
    let data = client
        .get(server.url("/id/rathor-2024/paragraph"))
        .header(ACCEPT, "text/turtle")
        .send()
        .unwrap();
    assert_eq!(
        data.headers()[LOCATION],
        server.url("/data/id/rathor-2024/paragraph.ttl").as_str()
    );
    // Each paragraph's IRI fragment is one element's id in the view: the paragraph's, or that of
    // the sentence that is the whole paragraph (a heading).
    let view = client.get(&reading).send().unwrap().text().unwrap();
    let paragraphs = select_text(
        &kg(),
        "SELECT ?p WHERE { ?p a nif:Paragraph ; nif:referenceContext <https://w3id.org/wangluo/id/rathor-2024> }",
    );
    assert!(paragraphs.len() > 10);
    let mut own = 0;
    for row in &paragraphs {
        let iri = &row["p"];
        let (document, fragment) = iri.split_once('#').unwrap();
        assert_eq!(
            document,
            "https://w3id.org/wangluo/id/rathor-2024/paragraph"
        );
        assert_eq!(
            view.matches(&format!(r#"id="{fragment}""#)).count(),
            1,
            "{iri}"
        );
        own += usize::from(view.contains(&format!(r#"<p class="paragraph" id="{fragment}">"#)));
    }
    assert!(own > 5, "{own} paragraphs with their own id");
    // A link to a paragraph (here in the query page's results) goes to its place in the view.
    let first = &paragraphs[0]["p"];
    let fragment = first.split_once('#').unwrap().1;
    let sparql = format!("SELECT ?p WHERE {{ BIND(<{first}> AS ?p) }}");
    let results = client
        .get(format!(
            "{}?{}",
            server.url("/query"),
            url::form_urlencoded::Serializer::new(String::new())
                .append_pair("query", &sparql)
                .finish()
        ))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        results.contains(&format!(r#"href="{reading}#{fragment}""#)),
        "{results}"
    );
}
