//! The answers about the whole graph are made once (issue 21, A: `/.well-known/void` took 2.5–3.9 s
//! on every request, `/download/wangluo.jsonld` 1.3–2.0 s): the graph does not change while the
//! server runs, so the second request gets what the first made. `X-Cache` says which (`miss`:
//! made for this request, `hit`: made before); the body and the ETag are the same.

use crate::util::{http_client, ServeProcess};
use reqwest::header::ETAG;

#[test]
fn void_and_downloads_are_made_once() {
    let server = ServeProcess::bundled(&[]);
    let client = http_client();
    for path in [
        "/.well-known/void",
        "/download/wangluo.nq.gz",
        "/download/wangluo.ttl",
        "/download/wangluo.jsonld",
    ] {
        let mut seen = Vec::new();
        for _ in 0..2 {
            let response = client.get(server.url(path)).send().expect("a response");
            assert_eq!(response.status(), 200, "{path}");
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            };
            let (cache, etag) = (header("x-cache"), header(ETAG.as_str()));
            seen.push((cache, etag, response.bytes().expect("a body")));
        }
        assert_eq!(seen[0].0, "miss", "{path}: the first request makes it");
        assert_eq!(
            seen[1].0, "hit",
            "{path}: the second is served what the first made"
        );
        assert!(!seen[0].1.is_empty(), "{path}: an ETag");
        assert_eq!(seen[0].1, seen[1].1, "{path}: the same ETag");
        assert_eq!(seen[0].2, seen[1].2, "{path}: the same body");
    }
}
