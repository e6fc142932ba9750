//! The ontology's documentation page (`/page/ontology`): the page `wangluo package` writes
//! (one renderer, `crate::docs::ontology::html`), inside the site's layout, read from every
//! graph (the concept schemes of the texts too), its links to things outside the page going to
//! their pages on this site.

use super::Page;
use crate::docs::ontology::{html, OntologyDoc};
use crate::web::site::Site;

pub(crate) fn page(site: &Site) -> crate::Result<String> {
    let doc = OntologyDoc::read(site.kg.store(), &site.base, None)?;
    let body = html::body(&doc, &|iri: &str| site.href(iri));
    Ok(Page {
        title: &doc.title,
        thing: Some("ontology"),
        body,
    }
    .render(site))
}
