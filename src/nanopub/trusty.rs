//! Trusty URIs (Kuhn and Dumontier, 2014): the artifact code of a nanopublication, computed and
//! checked by the `nanopub` crate (nanopub-rs), with the one place where that crate departs from
//! the reference implementations ([`literal_order_divergence`]); and the RSA signature check.

use super::verify::{Signature, Verdict};
use super::NanopubError;
use crate::error::Result;
use nanopub::extract::NpInfo;
use nanopub::sign::{make_trusty, normalize_dataset, replace_ns_in_quads};
use nanopub::vocab::npx;
use nanopub::Nanopub;
use oxigraph::model::{Dataset, Literal, LiteralRef, NamedNode, Quad, QuadRef, Term};
use std::collections::BTreeMap;

/// A nanopublication under its trusty URI.
pub struct Trusty {
    /// `{normalized namespace}RA…`.
    pub uri: NamedNode,
    /// The artifact code at the end of the URI (`RA…`).
    pub artifact_code: String,
    /// The statements, moved from the temporary namespace to the trusty URI.
    pub quads: Vec<Quad>,
}

/// Computes the artifact code of the nanopublication `quads`, written under the temporary
/// namespace `temp_ns` (`…/#`, normalized to `normalized_ns`), and moves it to its trusty URI.
/// `item` names it in errors.
pub fn make_trusty_uri(
    item: &str,
    quads: &[Quad],
    temp_ns: &str,
    normalized_ns: &str,
) -> Result<Trusty> {
    let trusty_error = |source| NanopubError::Trusty {
        item: item.to_owned(),
        source,
    };
    let temp: Dataset = quads.iter().collect();
    let artifact_code = make_trusty(&temp, temp_ns, normalized_ns, "#").map_err(trusty_error)?;
    let uri = format!("{normalized_ns}{artifact_code}");
    let moved = replace_ns_in_quads(&temp, temp_ns, temp_ns, &format!("{uri}#"), &uri)
        .map_err(trusty_error)?;
    Ok(Trusty {
        uri: NamedNode::new_unchecked(uri),
        artifact_code,
        quads: moved.iter().map(QuadRef::into_owned).collect(),
    })
}

/// The first subject and predicate (of one graph) whose literal objects the `nanopub` crate sorts
/// in another order than the Trusty URI reference implementations (trustyuri-java and its Python
/// port in nanopub-py): the crate sorts by language, datatype, then escaped value; the reference by
/// value, datatype, then language. Where the orders differ, so do the hashes.
pub fn literal_order_divergence(quads: &[Quad]) -> Option<String> {
    let mut groups: BTreeMap<(String, String, String), Vec<&Literal>> = BTreeMap::new();
    for q in quads {
        if let Term::Literal(l) = &q.object {
            groups
                .entry((
                    q.graph_name.to_string(),
                    q.subject.to_string(),
                    q.predicate.to_string(),
                ))
                .or_default()
                .push(l);
        }
    }
    for ((_, subject, predicate), literals) in groups {
        if literals.len() < 2 {
            continue;
        }
        let mut by_crate = literals.clone();
        by_crate.sort_by_cached_key(|l| {
            (
                l.language().unwrap_or_default().to_owned(),
                l.datatype().as_str().to_owned(),
                l.value().replace('\\', "\\\\").replace('\n', "\\n"),
            )
        });
        let mut by_reference = literals;
        by_reference.sort_by_cached_key(|l| {
            (
                l.value().to_owned(),
                l.language()
                    .is_none()
                    .then(|| l.datatype().as_str().to_owned()),
                l.language().map(str::to_ascii_lowercase),
            )
        });
        if by_crate != by_reference {
            return Some(format!("{subject} {predicate}"));
        }
    }
    None
}

/// Recomputes the artifact code as `nanopub`'s own check does, then checks an RSA signature.
pub(crate) fn trusty_verdict(nanopub: &Nanopub) -> Verdict {
    let info: &NpInfo = &nanopub.info;
    if info.trusty_hash.is_empty() {
        // A plain nanopublication passes as well-formed only if any signature it carries
        // verifies: nothing that was not checked is ever let through.
        return match (info.signature.is_empty(), check_signature(nanopub)) {
            (true, _) | (false, Ok(())) => Verdict::NotTrusty,
            (false, Err(SignatureProblem::Invalid(reason))) => Verdict::BadSignature(reason),
            (false, Err(SignatureProblem::Unsupported)) => Verdict::BadSignature(format!(
                "its {} signature cannot be checked (only RSA and DSA are)",
                info.algo
            )),
        };
    }
    let computed = match make_trusty(
        &nanopub.dataset,
        info.uri.as_str(),
        &info.normalized_ns,
        &info.separator_after_trusty,
    ) {
        Ok(code) => code,
        Err(e) => return Verdict::Malformed(e.to_string()),
    };
    if computed != info.trusty_hash {
        return Verdict::Tampered {
            expected: info.trusty_hash.clone(),
            computed,
        };
    }
    if info.signature.is_empty() {
        return Verdict::Trusty(Signature::Unsigned);
    }
    match check_signature(nanopub) {
        Ok(()) => Verdict::Trusty(Signature::Valid(info.algo.to_ascii_uppercase())),
        Err(SignatureProblem::Unsupported) => {
            Verdict::Trusty(Signature::NotChecked(info.algo.clone()))
        }
        Err(SignatureProblem::Invalid(reason)) => Verdict::BadSignature(reason),
    }
}

/// Why a signature does not verify.
enum SignatureProblem {
    /// An algorithm other than RSA and DSA: not checked.
    Unsupported,
    Invalid(String),
}

/// The signature is over the normalized nanopublication without its `npx:hasSignature`
/// statement (as `nanopub::Nanopub::check` does, which also prints to stdout), hashed with
/// SHA-256: `SHA256withRSA` or `SHA256withDSA`, as nanopub-java signs.
fn check_signature(nanopub: &Nanopub) -> std::result::Result<(), SignatureProblem> {
    use base64::Engine as _;
    let info = &nanopub.info;
    let is_rsa = info.algo.eq_ignore_ascii_case("RSA");
    if !is_rsa && !info.algo.eq_ignore_ascii_case("DSA") {
        return Err(SignatureProblem::Unsupported);
    }
    let invalid = SignatureProblem::Invalid;
    let mut dataset = nanopub.dataset.clone();
    dataset.remove(QuadRef::new(
        info.signature_iri.as_ref(),
        npx::HAS_SIGNATURE,
        LiteralRef::new_simple_literal(&info.signature),
        info.pubinfo.as_ref(),
    ));
    let normalized = normalize_dataset(
        &dataset,
        info.uri.as_str(),
        &info.normalized_ns,
        &info.separator_after_trusty,
    )
    .map_err(|e| invalid(e.to_string()))?;
    let engine = base64::engine::general_purpose::STANDARD;
    let key_der = engine
        .decode(info.public_key.as_bytes())
        .map_err(|e| invalid(format!("public key is not base64: {e}")))?;
    let signature = engine
        .decode(info.signature.as_bytes())
        .map_err(|e| invalid(format!("signature is not base64: {e}")))?;
    let message = normalized.as_bytes();
    let checked = if is_rsa {
        verify_rsa(&key_der, &signature, message)
    } else {
        verify_dsa(&key_der, &signature, message)
    };
    checked.map_err(invalid)
}

fn verify_rsa(key_der: &[u8], signature: &[u8], message: &[u8]) -> std::result::Result<(), String> {
    use rsa::pkcs8::DecodePublicKey as _;
    use rsa::sha2::{Digest as _, Sha256};
    let key = rsa::RsaPublicKey::from_public_key_der(key_der)
        .map_err(|e| format!("invalid RSA public key: {e}"))?;
    key.verify(
        rsa::Pkcs1v15Sign::new::<Sha256>(),
        &Sha256::digest(message),
        signature,
    )
    .map_err(|e| format!("it does not verify against the public key it carries ({e})"))
}

fn verify_dsa(key_der: &[u8], signature: &[u8], message: &[u8]) -> std::result::Result<(), String> {
    use dsa::pkcs8::DecodePublicKey as _;
    use dsa::signature::DigestVerifier as _;
    use rsa::sha2::{Digest as _, Sha256};
    let key = dsa::VerifyingKey::from_public_key_der(key_der)
        .map_err(|e| format!("invalid DSA public key: {e}"))?;
    let signature = dsa::Signature::try_from(signature)
        .map_err(|e| format!("the DSA signature is not DER: {e}"))?;
    key.verify_digest(Sha256::new_with_prefix(message), &signature)
        .map_err(|e| format!("it does not verify against the public key it carries ({e})"))
}
