use super::*;

const SOURCE: &str = r#"# A document (this comment stays).
[document]
id = "doc"
type = "OpEd"
title = "Title"
text = "doc.txt"
sha256 = "00"
language = "en"
no_claims = [
  { exact = "Title", reason = "title" },
]

# The ODNI, declared here.
[[entity]]
id = "odni"
type = "IntelligenceAgency"
label = "ODNI"
quotes = ["ODNI"]

# The first claim.
[[claim]]
id = "doc-first"
label = "First"  # the paraphrase
claimant = "odni"
subjects = ["china"]
perspective = "western"
quotes = ["first words"]

[[claim]]
id = "doc-second"
label = "Second"
claimant = "odni"
subjects = ["china"]
perspective = "western"
quotes = ["second words"]
"#;

fn quote(exact: &str, occurrence: Option<usize>) -> Quote {
    Quote {
        exact: exact.to_owned(),
        occurrence,
        start: 0,
        end: exact.chars().count(),
    }
}

fn fields(label: &str) -> ClaimFields {
    ClaimFields {
        label: label.to_owned(),
        claimant: "odni".to_owned(),
        source: String::new(),
        subjects: vec!["china".to_owned(), "usa".to_owned()],
        perspective: "western".to_owned(),
        characterizations: vec!["adversarial".to_owned()],
    }
}

#[test]
fn a_selection_becomes_its_words_trimmed_with_the_occurrence_when_they_recur() {
    let text = SourceText::new("网络强国 means power. Power means 网络强国 too.");
    let q = quote_at(&text, 0, 4).unwrap();
    assert_eq!((q.exact.as_str(), q.occurrence), ("网络强国", Some(1)));
    let q = quote_at(&text, 30, 34).unwrap();
    assert_eq!((q.exact.as_str(), q.occurrence), ("网络强国", Some(2)));
    // White space around the selection is left out; unique words need no occurrence.
    let q = quote_at(&text, 4, 17).unwrap();
    assert_eq!((q.exact.as_str(), q.occurrence), ("means power.", None));
    assert_eq!((q.start, q.end), (5, 17));
    assert!(matches!(
        quote_at(&text, 5, 99),
        Err(EditError::BadSelection { .. })
    ));
    assert!(quote_at(&text, 4, 5).is_err(), "white space alone");
    assert!(quote_at(&text, 7, 7).is_err(), "nothing selected");
}

#[test]
fn a_new_claim_goes_after_the_others_and_every_comment_stays() {
    let edit = Edit::AddClaim {
        id: "doc-third".to_owned(),
        fields: fields("Third"),
        quote: quote("third words", Some(2)),
    };
    let out = apply(SOURCE, &edit).unwrap();
    assert!(
        out.starts_with(SOURCE),
        "the file is kept as it was:\n{out}"
    );
    let added = &out[SOURCE.len()..];
    assert_eq!(
        added,
        "\n[[claim]]\nid = \"doc-third\"\nlabel = \"Third\"\nclaimant = \"odni\"\n\
         subjects = [\"china\", \"usa\"]\nperspective = \"western\"\n\
         characterizations = [\"adversarial\"]\n\
         quotes = [{ exact = \"third words\", occurrence = 2 }]\n"
    );
    let parsed = crate::annotation::AnnotationFile::parse("doc.toml", &out).unwrap();
    assert_eq!(parsed.claims.len(), 3);
}

#[test]
fn a_claim_changed_keeps_its_place_comments_and_quotes() {
    let edit = Edit::UpdateClaim {
        id: "doc-first".to_owned(),
        fields: fields("First, rephrased"),
        quote: None,
    };
    let out = apply(SOURCE, &edit).unwrap();
    assert!(out.contains("label = \"First, rephrased\"  # the paraphrase\n"));
    assert!(out.contains("# The first claim.\n[[claim]]\nid = \"doc-first\""));
    assert!(out.contains("subjects = [\"china\", \"usa\"]"));
    let first = out.find("doc-first").unwrap();
    let second = out.find("doc-second").unwrap();
    assert!(first < second);
    let parsed = crate::annotation::AnnotationFile::parse("doc.toml", &out).unwrap();
    assert_eq!(parsed.claims[0].quotes[0].exact(), "first words");
    assert_eq!(parsed.claims[0].characterizations, ["adversarial"]);
    // A new selection replaces its quotes.
    let edit = Edit::UpdateClaim {
        id: "doc-second".to_owned(),
        fields: fields("Second"),
        quote: Some(quote("other words", None)),
    };
    let out = apply(SOURCE, &edit).unwrap();
    assert!(out.contains("quotes = [\"other words\"]"));
    assert!(!out.contains("second words"));
}

#[test]
fn a_claim_deleted_leaves_the_rest_and_an_unknown_one_is_refused() {
    let out = apply(
        SOURCE,
        &Edit::DeleteClaim {
            id: "doc-first".to_owned(),
        },
    )
    .unwrap();
    assert!(!out.contains("doc-first") && out.contains("doc-second"));
    assert!(out.contains("# The ODNI, declared here."));
    let missing = apply(
        SOURCE,
        &Edit::DeleteClaim {
            id: "odni".to_owned(),
        },
    );
    assert_eq!(missing, Err(EditError::NoSuchClaim("odni".to_owned())));
}

#[test]
fn a_mention_extends_the_entity_of_this_file_or_declares_it_again() {
    let link = |id: &str| Edit::LinkEntity {
        id: id.to_owned(),
        class: "IntelligenceAgency".to_owned(),
        label: "X".to_owned(),
        quote: quote("the Office", None),
    };
    let out = apply(SOURCE, &link("odni")).unwrap();
    assert!(out.contains("quotes = [\"ODNI\", \"the Office\"]"), "{out}");
    assert_eq!(out.matches("[[entity]]").count(), 1);
    let out = apply(SOURCE, &link("cia")).unwrap();
    assert_eq!(out.matches("[[entity]]").count(), 2);
    assert!(out.contains(
        "[[entity]]\nid = \"cia\"\ntype = \"IntelligenceAgency\"\nlabel = \"X\"\nquotes = [\"the Office\"]\n"
    ));
    let parsed = crate::annotation::AnnotationFile::parse("doc.toml", &out).unwrap();
    assert_eq!(parsed.entities.len(), 2);
    assert_eq!(parsed.claims.len(), 2);
}

#[test]
fn a_sentence_without_a_claim_joins_the_list_in_its_layout() {
    let edit = Edit::NoClaim {
        quote: quote("By a scholar", Some(1)),
        reason: "byline".to_owned(),
    };
    let out = apply(SOURCE, &edit).unwrap();
    assert!(
        out.contains(
            "no_claims = [\n  { exact = \"Title\", reason = \"title\" },\n  \
             { exact = \"By a scholar\", occurrence = 1, reason = \"byline\" },\n]"
        ),
        "{out}"
    );
    let bare = "[document]\nid = \"d\"\n";
    let out = apply(bare, &edit).unwrap();
    assert!(
        out.contains("no_claims = [{ exact = \"By a scholar\""),
        "{out}"
    );
    assert!(apply("[[claim]]\nid = \"x\"\n", &edit).is_err());
}

#[test]
fn a_new_claim_id_is_a_slug_of_its_label_not_taken() {
    let taken = |id: &str| id == "doc-china-is-an-adversary";
    assert_eq!(
        claim_id("doc", "China is an adversary!", &taken),
        "doc-china-is-an-adversary-2"
    );
    assert_eq!(claim_id("doc", "网络", &|_| false), "doc-claim");
}

#[test]
fn an_edit_is_checked_with_the_corpus_before_it_is_written() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let paths = crate::store::files_under(&dir).unwrap();
    let alpha = dir.join("alpha.toml");
    let source = std::fs::read_to_string(&alpha).unwrap();
    let text = SourceText::new(std::fs::read_to_string(dir.join("alpha.txt")).unwrap());
    let start = text.as_str().find("The ODNI repeated").unwrap();
    let q = quote_at(&text, start, start + "The ODNI repeated".len()).unwrap();
    let mut claim = fields("The ODNI said it again.");
    claim.subjects = vec!["china".to_owned()];
    let good = Edit::AddClaim {
        id: "alpha-again".to_owned(),
        fields: claim.clone(),
        quote: q.clone(),
    };
    let base = Base::default();
    let out = apply(&source, &good).unwrap();
    assert_eq!(check_edit(&paths, &alpha, &out, &base).unwrap().len(), 0);
    claim.claimant = "nobody-known".to_owned();
    let bad = Edit::AddClaim {
        id: "alpha-again".to_owned(),
        fields: claim,
        quote: q,
    };
    let out = apply(&source, &bad).unwrap();
    let errors = check_edit(&paths, &alpha, &out, &base).unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].to_string().contains("nobody-known"),
        "{}",
        errors[0]
    );
    assert_eq!(std::fs::read_to_string(&alpha).unwrap(), source);
}
