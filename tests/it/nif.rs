//! The op-ed's text as NIF 2.0: paragraphs, sentences and entity mentions at character offsets
//! that SPARQL can check, claims tied to their sentences, and the coverage report.

use crate::util::{
    count, kg, row_text, select_text as select, solutions, Fixture, TextRow as Row, TEXT, TOML,
};
use oxigraph::model::Quad;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use wangluo::annotation::model::EntityAnnotation;
use wangluo::annotation::{resolve_corpus, AnnotationError, AnnotationFile, ParsedFile, QuoteSpec};
use wangluo::ontology::Ontology;
use wangluo::query::{bundled_query, run, QueryParameter};
use wangluo::rdf::emit::file_quads;
use wangluo::report::coverage::{coverage, SentenceStatus};
use wangluo::text::{Segmentation, SourceText};
use wangluo::vocab::Base;

const TOML_PATH: &str = "data/rathor-2024.toml";

fn rows(results: QueryResults<'_>) -> Vec<Row> {
    solutions(results).iter().map(row_text).collect()
}

/// The bundled annotation, parsed.
fn annotation() -> AnnotationFile {
    AnnotationFile::parse(TOML_PATH, TOML).expect("bundled annotation parses")
}

/// An annotation of the bundled text, resolved on its own and emitted: its quads and the
/// warnings of the load.
#[derive(Debug)]
struct Converted {
    quads: Vec<Quad>,
    warnings: Vec<String>,
}

/// Resolves and emits an annotation of the bundled text, as a load into an empty store does.
fn load(annotation: &AnnotationFile) -> Result<Converted, AnnotationError> {
    let base = Base::default();
    let ontology = Ontology::bundled(&base).expect("ontology");
    let file = ParsedFile {
        name: TOML_PATH.to_owned(),
        source: TOML.to_owned(),
        annotation: annotation.clone(),
        text: Some(TEXT.as_bytes().to_vec()),
        entity_file_id: None,
    };
    let corpus = resolve_corpus(&[file], &Default::default(), &ontology, &base)?;
    Ok(Converted {
        quads: corpus
            .files
            .iter()
            .flat_map(|f| file_quads(f, &ontology, &base))
            .collect(),
        warnings: corpus.warnings,
    })
}

fn entity<'a>(annotation: &'a mut AnnotationFile, id: &str) -> &'a mut EntityAnnotation {
    annotation
        .entities
        .iter_mut()
        .find(|e| e.id.get_ref() == id)
        .expect("entity in the bundled annotation")
}

/// Mentions of `entity` (an id) among the quads of a converted document.
fn mentions_of(doc: &Converted, entity: &str) -> Vec<String> {
    let target = format!("https://w3id.org/wangluo/id/{entity}");
    let mut phrases: Vec<String> = doc
        .quads
        .iter()
        .filter(|q| {
            q.predicate.as_str() == "http://www.w3.org/2005/11/its/rdf#taIdentRef"
                && matches!(&q.object, Term::NamedNode(n) if n.as_str() == target)
        })
        .map(|q| q.subject.to_string())
        .collect();
    phrases.sort();
    phrases
}

// ------------------------------------------------------------------------------------------
// Offsets: SUBSTR(text, b + 1, e - b) is the anchor of every NIF string
// ------------------------------------------------------------------------------------------

#[test]
fn every_anchor_is_the_text_at_its_offsets_in_sparql() {
    let kg = kg();
    for class in ["Paragraph", "Sentence", "Phrase"] {
        let checked = count(
            &kg,
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ ?x a nif:{class} ; nif:referenceContext ?doc ;
                   nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor .
                   ?doc nif:isString ?text . FILTER(SUBSTR(?text, ?b + 1, ?e - ?b) = ?anchor) }}"
            ),
        );
        let all = count(
            &kg,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?x a nif:{class} }}"),
        );
        assert!(all > 10, "{all} {class}s");
        assert_eq!(checked, all, "every {class}'s anchor is its substring");
        // Among them, anchors with the Chinese term and with pinyin, where characters and bytes differ.
        for words in ["网络强国", "wǎngluò qiángguó", "wǔdiǎn zhǔzhāng"] {
            let rows = select(
                &kg,
                &format!(
                    "SELECT ?x ?b ?anchor WHERE {{ ?x a nif:{class} ; nif:beginIndex ?b ; nif:anchorOf ?anchor ;
                       nif:referenceContext ?doc . ?doc nif:isString ?text .
                       FILTER(CONTAINS(?anchor, \"{words}\") && SUBSTR(?text, ?b + 1, STRLEN(?anchor)) = ?anchor) }}"
                ),
            );
            assert!(!rows.is_empty(), "a {class} containing {words}");
            for row in rows {
                let begin: usize = row["b"].parse().expect("integer");
                let byte = TEXT.find(&row["anchor"]).expect("anchor in text");
                assert_eq!(begin, TEXT[..byte].chars().count(), "characters, not bytes");
            }
        }
    }
    // The loader types offsets as xsd:integer, the type Oxigraph and other stores keep them as;
    // in the graph they are numbers.
    let doc = load(&annotation()).expect("bundled annotation loads");
    let offsets: Vec<&Term> = doc
        .quads
        .iter()
        .filter(|q| q.predicate.as_str().ends_with("nif-core#beginIndex"))
        .map(|q| &q.object)
        .collect();
    assert!(offsets.len() > 200);
    for offset in offsets {
        let Term::Literal(l) = offset else {
            panic!("{offset} is not a literal")
        };
        assert_eq!(
            l.datatype().as_str(),
            "http://www.w3.org/2001/XMLSchema#integer"
        );
    }
    let numeric = count(
        &kg,
        "SELECT (COUNT(*) AS ?n) WHERE { ?x nif:beginIndex ?b ; nif:endIndex ?e FILTER(isNumeric(?b) && isNumeric(?e)) }",
    );
    let all = count(
        &kg,
        "SELECT (COUNT(*) AS ?n) WHERE { ?x nif:beginIndex ?b }",
    );
    assert_eq!(numeric, all);
    let context = select(
        &kg,
        "SELECT ?b ?e ?len WHERE { wld:rathor-2024 a nif:Context ; nif:beginIndex ?b ; nif:endIndex ?e ;
           nif:isString ?text BIND(STRLEN(?text) AS ?len) }",
    );
    assert_eq!(context.len(), 1);
    assert_eq!(context[0]["b"], "0");
    assert_eq!(context[0]["e"], context[0]["len"]);
    assert_eq!(context[0]["e"], TEXT.chars().count().to_string());
    // The op-ed's text gives no URL, so none is invented.
    assert_eq!(
        count(
            &kg,
            "SELECT (COUNT(*) AS ?n) WHERE { ?doc nif:sourceUrl ?url }"
        ),
        0
    );
}

// ------------------------------------------------------------------------------------------
// Sentences and paragraphs of the real text
// ------------------------------------------------------------------------------------------

fn sentences() -> Vec<String> {
    let text = SourceText::new(TEXT);
    Segmentation::of(&text)
        .sentences
        .iter()
        .map(|s| text.slice(s.begin, s.end).to_owned())
        .collect()
}

#[test]
fn the_op_ed_has_62_sentences_in_20_paragraphs() {
    let text = SourceText::new(TEXT);
    let segmentation = Segmentation::of(&text);
    assert_eq!(segmentation.sentences.len(), 62);
    assert_eq!(segmentation.paragraphs.len(), 20);
    let kg = kg();
    assert_eq!(
        count(&kg, "SELECT (COUNT(*) AS ?n) WHERE { ?s a nif:Sentence }"),
        62
    );
    assert_eq!(
        count(&kg, "SELECT (COUNT(*) AS ?n) WHERE { ?p a nif:Paragraph }"),
        20
    );
}

#[test]
fn sentence_boundaries_follow_the_real_text() {
    let sentences = sentences();
    let at = |i: usize| sentences[i].as_str();
    // Title, byline lines and dateline: one sentence each, without full stops.
    assert_eq!(
        at(0),
        "Unveiling \"Wangluo Qiangguo\": People-Centered Approach or Global Menace?"
    );
    assert_eq!(at(1), "Prashant Rathor, PhD Scholar (JNU)");
    assert_eq!(at(2), "Prashant Rathor, PhD Scholar (JNU)");
    assert_eq!(at(4), "Jun 8, 2024");
    // A heading followed by no-break spaces: trimmed.
    assert_eq!(at(12), "Western Perspective");
    // "U.S." before a capitalised word does not end the sentence.
    assert_eq!(
        at(24),
        "Additionally, the unclassified 2021 Annual Threat Assessment of the U.S. Intelligence \
         Community published by the Office of the Director of National Intelligence describes China \
         as a sophisticated cyber adversary, principally in the terrain of cyber espionage."
    );
    // Quotes close the sentence they end.
    assert_eq!(
        at(11),
        "“Wangluo Qiangguo” is a Chinese phrase that can be translated as “cyber superpower” or\u{a0} \
         “ developing China into a national force in cyberspace.”"
    );
    // The text's own full stop after "Foundation" ends a sentence.
    assert_eq!(at(15), "Morever, The New America Foundation.");
    assert!(at(16).starts_with("Researchers mentioned") && at(16).ends_with("fields.”"));
    // "(SSF)" stays inside its sentence.
    assert!(at(23).starts_with("The growing capabilities of the Strategic Support Force (SSF) are"));
    // The sentence broken after "interactivity," is one sentence.
    assert!(
        at(33).starts_with("Additionally, China highlighted five propositions (wǔdiǎn zhǔzhāng)")
            && at(33).contains("interactivity,\n Establishing shared platforms")
            && at(33).ends_with("stimulates common flourishing."),
        "{}",
        at(33)
    );
    assert_eq!(at(36), "Respect cyber sovereignty.");
    assert_eq!(
        at(60),
        "#Op-Ed's Cyber Diplomacy and International Relation Wing"
    );
    assert_eq!(at(61), "Related Blogs");
    // No sentence starts or ends with white space, and none is empty.
    for s in &sentences {
        assert!(!s.is_empty() && s.trim() == s, "{s:?}");
    }
}

#[test]
fn segmentation_handles_abbreviations_and_line_breaks() {
    let text = SourceText::new(
        "Dr. Wang met the U.S. delegation on Jan 8. She holds a PhD. \"Is it?\" he asked.\nA Heading\nit goes on,\n and on. The End",
    );
    let s = Segmentation::of(&text);
    let got: Vec<&str> = s
        .sentences
        .iter()
        .map(|x| text.slice(x.begin, x.end))
        .collect();
    assert_eq!(
        got,
        [
            "Dr. Wang met the U.S. delegation on Jan 8.",
            "She holds a PhD.",
            "\"Is it?\" he asked.",
            "A Heading\nit goes on,\n and on.",
            "The End",
        ]
    );
    assert_eq!(s.paragraphs.len(), 1);
}

#[test]
fn sentences_are_chained_and_linked_to_their_paragraphs() {
    let kg = kg();
    // Following nif:nextSentence from the first sentence visits all 62 in reading order.
    let chain = select(
        &kg,
        "SELECT ?s ?b WHERE { ?first a nif:Sentence ; nif:beginIndex 0 .
           ?first nif:nextSentence* ?s . ?s nif:beginIndex ?b } ORDER BY ?b",
    );
    assert_eq!(chain.len(), 62);
    let inverse = count(
        &kg,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a nif:nextSentence ?b . ?b nif:previousSentence ?a }",
    );
    assert_eq!(inverse, 61);
    // Each sentence has one paragraph, which lists it and contains its span.
    let misplaced = select(
        &kg,
        "SELECT ?s WHERE { ?s a nif:Sentence .
           FILTER NOT EXISTS { ?s nif:superString ?p . ?p a nif:Paragraph ; nif:sentence ?s ;
             nif:beginIndex ?pb ; nif:endIndex ?pe . ?s nif:beginIndex ?sb ; nif:endIndex ?se
             FILTER(?pb <= ?sb && ?se <= ?pe) } }",
    );
    assert!(misplaced.is_empty(), "{misplaced:?}");
    // IRIs: RFC 5147 fragments on the document, a distinct resource for the paragraph.
    let heading = select(
        &kg,
        "SELECT ?s ?p WHERE { ?s a nif:Sentence ; nif:anchorOf \"Chinese Perspective\" ; nif:superString ?p }",
    );
    assert_eq!(
        heading[0]["s"],
        "https://w3id.org/wangluo/id/rathor-2024#char=4351,4370"
    );
    assert_eq!(
        heading[0]["p"],
        "https://w3id.org/wangluo/id/rathor-2024/paragraph#char=4351,4370"
    );
}

#[test]
fn each_claim_is_in_the_sentences_of_its_quotes() {
    let kg = kg();
    let unlinked = select(
        &kg,
        "SELECT ?c WHERE { ?c a wl:Claim FILTER NOT EXISTS { ?c wl:inSentence ?s } }",
    );
    assert!(unlinked.is_empty(), "{unlinked:?}");
    // Every quote of a claim overlaps one of the claim's sentences, and every such sentence
    // overlaps one of its quotes.
    let stray = select(
        &kg,
        "SELECT ?c ?s WHERE { ?c wl:inSentence ?s . ?s nif:beginIndex ?sb ; nif:endIndex ?se .
           FILTER NOT EXISTS { ?c wl:hasQuote/oa:hasSelector [ oa:start ?qb ; oa:end ?qe ] FILTER(?qb < ?se && ?sb < ?qe) } }",
    );
    assert!(stray.is_empty(), "{stray:?}");
    let missing = select(
        &kg,
        "SELECT ?c ?qb WHERE { ?c a wl:Claim ; wl:hasQuote/oa:hasSelector [ oa:start ?qb ; oa:end ?qe ] .
           FILTER NOT EXISTS { ?c wl:inSentence [ nif:beginIndex ?sb ; nif:endIndex ?se ] FILTER(?qb < ?se && ?sb < ?qe) } }",
    );
    assert!(missing.is_empty(), "{missing:?}");
    // A claim quoted across two sentences is in both.
    let new_america = select(
        &kg,
        "SELECT ?anchor WHERE { wld:new-america-ambitious-plans wl:inSentence/nif:anchorOf ?anchor }",
    );
    assert_eq!(new_america.len(), 2, "{new_america:?}");
    let odni = select(
        &kg,
        "SELECT ?anchor WHERE { wld:odni-sophisticated-cyber-adversary wl:inSentence/nif:anchorOf ?anchor }",
    );
    assert_eq!(odni.len(), 1);
    assert!(odni[0]["anchor"].contains("of the U.S. Intelligence Community published"));
}

// ------------------------------------------------------------------------------------------
// Mentions
// ------------------------------------------------------------------------------------------

#[test]
fn abbreviations_and_the_chinese_term_are_found_as_mentions() {
    let kg = kg();
    let mentions = |entity: &str| {
        select(
            &kg,
            &format!(
                "SELECT ?anchor ?sentence WHERE {{ ?p a nif:Phrase ; itsrdf:taIdentRef wld:{entity} ; nif:anchorOf ?anchor ;
                   nif:beginIndex ?b ; nif:endIndex ?e ; nif:sentence ?s .
                   ?s nif:anchorOf ?sentence ; nif:beginIndex ?sb ; nif:endIndex ?se FILTER(?sb <= ?b && ?e <= ?se) }}
                 ORDER BY ?b"
            ),
        )
    };
    let anchors = |entity: &str| -> Vec<String> {
        mentions(entity)
            .into_iter()
            .map(|r| r["anchor"].clone())
            .collect()
    };
    assert_eq!(anchors("ssf"), ["Strategic Support Force", "SSF"]);
    assert_eq!(anchors("jnu"), ["JNU", "JNU"]);
    assert_eq!(
        anchors("odni"),
        ["Office of the Director of National Intelligence"]
    );
    assert_eq!(
        anchors("uscc"),
        ["USA --China Economic and Security Review Commission"]
    );
    let wq = anchors("wangluo-qiangguo");
    for form in [
        "网络强国",
        "wǎngluò qiángguó",
        "Wangluo Qiangguo",
        "Cyber superpower",
    ] {
        assert!(wq.iter().any(|a| a == form), "{form} in {wq:?}");
    }
    // The Chinese term's mention lies in its sentence.
    let chinese = mentions("wangluo-qiangguo")
        .into_iter()
        .find(|r| r["anchor"] == "网络强国")
        .expect("网络强国 mentioned");
    assert!(chinese["sentence"].starts_with("Xi Jinping headed the first meeting"));
    // Whole words, case-aware: "China" never inside "Chinese", "USA" as its own mention.
    assert!(anchors("china").iter().all(|a| a == "China"));
    assert_eq!(anchors("usa").iter().filter(|a| *a == "USA").count(), 2);
    // Longest match: "USA --China Economic …" is the commission, not also the USA and China.
    let overlapping = count(
        &kg,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a nif:Phrase ; nif:beginIndex ?ab ; nif:endIndex ?ae .
           ?b a nif:Phrase ; nif:beginIndex ?bb ; nif:endIndex ?be . FILTER(?a != ?b && ?ab < ?be && ?bb < ?ae) }",
    );
    assert_eq!(overlapping, 0);
}

#[test]
fn an_exclusion_removes_a_mention() {
    let bundled = load(&annotation()).expect("bundled annotation loads");
    assert!(bundled.warnings.is_empty(), "{:?}", bundled.warnings);
    let with = mentions_of(&bundled, "xi-speech-2016");
    assert_eq!(with.len(), 2, "{with:?}"); // "landmark speech", "address"
    let mut changed = annotation();
    entity(&mut changed, "xi-speech-2016").exclusions.clear();
    let without = mentions_of(&load(&changed).expect("loads"), "xi-speech-2016");
    assert_eq!(
        without.len(),
        3,
        "the verb in \"should address\" counts again"
    );
    // An exclusion that removes nothing is worth a warning; one not in the text is an error.
    let mut idle = annotation();
    entity(&mut idle, "xi-speech-2016")
        .exclusions
        .push(QuoteSpec::Exact("Cold War mentality".into()));
    let doc = load(&idle).expect("loads");
    assert_eq!(
        doc.warnings,
        [format!(
            "{TOML_PATH}: xi-speech-2016: exclusion \"Cold War mentality\" removes no mention"
        )]
    );
    let mut absent = annotation();
    entity(&mut absent, "xi-speech-2016")
        .exclusions
        .push(QuoteSpec::Exact("Hot War mentality".into()));
    let error = load(&absent).expect_err("an exclusion must be in the text");
    assert!(
        error
            .to_string()
            .contains("xi-speech-2016: exclusions: quote not found in the text"),
        "{error}"
    );
}

#[test]
fn words_shared_by_two_entities_mention_one_of_them_and_warn() {
    let mut changed = annotation();
    entity(&mut changed, "cyber-sovereignty")
        .mentions
        .push("Respect cyber sovereignty".into());
    let doc = load(&changed).expect("a warning does not stop the load");
    assert_eq!(
        doc.warnings,
        [format!(
            "{TOML_PATH}: wp-respect-cyber-sovereignty: \"Respect cyber sovereignty\" at 5715,5740 \
             is also a form of `cyber-sovereignty`, which it is taken to mention; add an exclusion \
             to the one not meant"
        )]
    );
    // One phrase, one entity: the one annotated first.
    assert_eq!(mentions_of(&doc, "cyber-sovereignty").len(), 1);
    assert!(mentions_of(&doc, "wp-respect-cyber-sovereignty").is_empty());
    // An exclusion says which is meant, and the warning goes.
    entity(&mut changed, "cyber-sovereignty")
        .exclusions
        .push(QuoteSpec::Exact("Respect cyber sovereignty".into()));
    let doc = load(&changed).expect("loads");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(mentions_of(&doc, "wp-respect-cyber-sovereignty").len(), 1);
}

#[test]
fn an_alias_that_matches_nothing_warns() {
    let mut changed = annotation();
    let odni = entity(&mut changed, "odni");
    odni.aliases.push("ODNI".into());
    odni.mentions.push("the Directorate".into());
    let doc = load(&changed).expect("a warning does not stop the load");
    assert_eq!(
        doc.warnings,
        [
            format!("{TOML_PATH}: odni: alias `ODNI` matches nothing in the text"),
            format!(
                "{TOML_PATH}: odni: mention form `the Directorate` matches nothing in the text"
            ),
        ]
    );
    // The command line prints it on stderr and loads.
    let fx = Fixture::with_annotation(&TOML.replace(
        "label = \"Office of the Director of National Intelligence\"\n",
        "label = \"Office of the Director of National Intelligence\"\naliases = [\"ODNI\"]\n",
    ));
    let output = fx.run(&["--store", "kg", "load", "rathor-2024.toml"]).ok();
    assert_eq!(
        output.stderr.lines().next().unwrap_or_default(),
        "wangluo: warning: rathor-2024.toml: odni: alias `ODNI` matches nothing in the text"
    );
}

#[test]
fn bundled_queries_list_mentions_and_sentences_about_an_entity() {
    let kg = kg();
    let mentions = rows(
        run(
            &kg,
            "mentions",
            bundled_query("mentions").expect("query").sparql,
            &[],
        )
        .expect("runs"),
    );
    let china = &mentions[0];
    assert_eq!(china["entity"], "https://w3id.org/wangluo/id/china");
    assert_eq!(china["mentions"], "27");
    assert!(china["first_sentence"].starts_with("While the West often negatively portrays"));
    let total: usize = mentions
        .iter()
        .map(|r| r["mentions"].parse::<usize>().expect("count"))
        .sum();
    assert_eq!(
        total,
        count(
            &kg,
            "SELECT (COUNT(*) AS ?n) WHERE { ?p a nif:Phrase ; itsrdf:taIdentRef ?e }"
        )
    );
    let param = QueryParameter::parse("entity=wld:ssf", &kg).expect("parameter");
    let about = rows(
        run(
            &kg,
            "sentences-about",
            bundled_query("sentences-about").expect("query").sparql,
            &[param],
        )
        .expect("runs"),
    );
    assert_eq!(about.len(), 1, "{about:?}");
    assert!(about[0]["sentence"].contains("the Strategic Support Force (SSF)"));
    assert_eq!(about[0]["named_as"], "SSF | Strategic Support Force");
    assert_eq!(about[0]["claims"], "uscc-ssf-false-information");
}

// ------------------------------------------------------------------------------------------
// Coverage
// ------------------------------------------------------------------------------------------

#[test]
fn the_bundled_op_ed_is_fully_covered() {
    let documents = coverage(&kg()).expect("coverage");
    assert_eq!(documents.len(), 1);
    let d = &documents[0];
    assert_eq!(d.sentences.len(), 62);
    assert_eq!(d.missed(), 0, "missed sentences");
    assert_eq!(d.marked(), 10);
    assert_eq!(d.with_claims(), 52);
    assert_eq!(d.percent(), 100.0);
    let marked: Vec<(&str, &str)> = d
        .sentences
        .iter()
        .filter(|s| s.status == SentenceStatus::Marked)
        .map(|s| (s.text.as_str(), s.reason.as_deref().unwrap_or_default()))
        .collect();
    assert!(marked.contains(&("Western Perspective", "heading")));
    assert!(marked.contains(&("Related Blogs", "link list heading")));
    assert!(marked.contains(&("Jun 8, 2024", "dateline")));
    let fx = Fixture::new();
    let stdout = fx
        .run(&["coverage", "--min", "100", "--format", "csv"])
        .ok()
        .stdout;
    assert!(
        stdout.starts_with("document,sentences,with_claims,marked,missed,coverage_percent,with_mentions,mentions\r\nwld:rathor-2024,62,52,10,0,100.0,"),
        "{stdout}"
    );
}

#[test]
fn min_exits_1_when_a_claim_is_removed() {
    // The only claim of "This is how Western countries depict China's cyber superpower concept."
    let start = TOML
        .find("[[claim]]\nid = \"western-countries-depiction\"")
        .expect("claim block");
    let end = start + TOML[start + 1..].find("[[claim]]").expect("next claim") + 1;
    let fx = Fixture::with_annotation(&format!("{}{}", &TOML[..start], &TOML[end..]));
    fx.run(&["--store", "kg", "load", "rathor-2024.toml"]).ok();
    let below = fx.run(&["--store", "kg", "coverage", "--min", "100"]);
    assert_eq!(below.code, Some(1), "{below:?}");
    let stdout = &below.stdout;
    assert!(
        stdout.contains("MISSED") && stdout.contains("2425,2495"),
        "{stdout}"
    );
    assert_eq!(
        below.stderr.trim(),
        "wangluo: coverage of wld:rathor-2024 is 98.4%, below --min 100"
    );
    let json = fx
        .run(&["--store", "kg", "coverage", "--format", "json"])
        .ok();
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let document = &report["documents"][0];
    assert_eq!(document["missed"], 1);
    let missed: Vec<&serde_json::Value> = document["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .filter(|s| s["status"] == "missed")
        .collect();
    assert_eq!(
        missed[0]["text"],
        "This is how Western countries depict China's cyber superpower concept."
    );
    fx.run(&["--store", "kg", "coverage", "--min", "98"]).ok();
}

#[test]
fn no_claims_must_mark_whole_sentences_without_claims() {
    let mark = |exact: &str| {
        let mut changed = annotation();
        changed.document.as_mut().expect("a document").no_claims[0].exact = exact.to_owned();
        load(&changed).map(|_| ()).expect_err("refused").to_string()
    };
    let error = mark("Western Persp");
    assert!(
        error.contains("rathor-2024: no_claims: \"Western Persp\" is not a run of whole sentences"),
        "{error}"
    );
    let error = mark("This is how Western countries depict China's cyber superpower concept.");
    assert!(
        error.contains("but carries claim `western-countries-depiction`"),
        "{error}"
    );
    let error = mark("Eastern Perspective");
    assert!(
        error.contains("no_claims: quote not found in the text"),
        "{error}"
    );
}
