//! The library says what is wrong in its own words (`base IRI …`, `parameter …`, `output format
//! …`); the command line names the option that gave the value. One place, so that a library
//! error never has to know a flag.

use wangluo::export::jsonld::JsonLdError;
use wangluo::query::QueryError;
use wangluo::web::ServeError;
use wangluo::Error;

/// The one line printed for `error`: [`wangluo::error::one_line`], the option named where the
/// value came from one.
pub fn one_line(error: &Error) -> String {
    let line = wangluo::error::one_line(error);
    let renamed = match error {
        Error::InvalidBase { .. } => line.strip_prefix("base IRI ").map(|r| ("--base ", r)),
        Error::InvalidGraph { .. } => line.strip_prefix("graph ").map(|r| ("--graph ", r)),
        Error::Query(QueryError::Parameter { .. }) => {
            line.strip_prefix("parameter ").map(|r| ("--param ", r))
        }
        Error::Serve(ServeError::PublicUrl { .. }) => line
            .strip_prefix("public URL ")
            .map(|r| ("--public-url ", r)),
        Error::Serve(ServeError::Bind { .. }) => Some(("--bind: ", line.as_str())),
        Error::UnknownFormat { .. } => line
            .strip_prefix("input format ")
            .map(|r| ("--from ", r))
            .or_else(|| line.strip_prefix("output format ").map(|r| ("--to ", r)))
            .or_else(|| line.strip_prefix("format ").map(|r| ("--format ", r))),
        Error::InvalidOption { option, .. } if option == "canonical output" => line
            .strip_prefix("canonical output")
            .map(|r| ("--canonical", r)),
        Error::InvalidOption { option, reason } if option.starts_with("zip archive ") => {
            return format!(
                "--zip {}: {}",
                &option["zip archive ".len()..],
                reason.replace(
                    "replacing it must be asked for",
                    "use --force to replace it"
                )
            );
        }
        Error::JsonLd(JsonLdError::Context { context, .. }) if context == "JSON-LD context" => line
            .strip_prefix("JSON-LD context")
            .map(|r| ("--context", r)),
        _ => None,
    };
    let line = match renamed {
        Some((flag, rest)) => format!("{flag}{rest}"),
        None => line,
    };
    // Limits of a download or a request, wherever in the chain (`load URL`, `publish`,
    // `query --endpoint` set them with these options).
    let line = line
        .replace("(the time limit)", "(--timeout)")
        .replace("larger than the size limit of ", "larger than --max-bytes ")
        .replace(
            "(remote contexts are not allowed)",
            "(pass --allow-remote-context to allow it)",
        );
    if matches!(error, Error::NoStore { .. }) {
        return format!("{line}; create it with `wangluo --store DIR load`");
    }
    if line.contains("unless SERVICE calls are allowed") {
        format!("{line} (--allow-service)")
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;
    use wangluo::Error;

    #[test]
    fn a_value_is_named_by_its_option() {
        let error = Error::InvalidGraph {
            graph: "x".to_owned(),
            reason: "no such graph".to_owned(),
        };
        assert_eq!(one_line(&error), "--graph x: no such graph");
        let error = Error::UnknownFormat {
            file: "output format bogus".to_owned(),
            expected: "turtle".to_owned(),
        };
        assert_eq!(
            one_line(&error),
            "--to bogus: unknown format (expected one of: turtle)"
        );
        let error = Error::Output {
            target: "base IRI".to_owned(),
            source: std::io::Error::other("x"),
        };
        assert!(
            one_line(&error).starts_with("base IRI"),
            "only its variant is renamed"
        );
        let error = Error::Output {
            target: "x: no answer within 1 s (the time limit)".to_owned(),
            source: std::io::Error::other("y"),
        };
        assert!(one_line(&error).contains("within 1 s (--timeout)"));
    }
}
