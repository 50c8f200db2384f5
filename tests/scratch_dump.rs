use std::path::Path;
#[test]
fn dump() {
    let dir = std::env::var("DUMP_DIR").unwrap_or_default();
    if dir.is_empty() { return; }
    let f = wheelhouse::workspace::markdown_adr::read_dir(Path::new(&dir), Path::new(""), 0);
    for r in &f.records {
        println!("{}\t{}\t{}\t{:?}\t{:?}\t{:?}\tsup={:?} by={:?} links={:?} opts={} chosen={:?} extra={:?}",
            r.number, r.title, r.status.key(), r.status_text, r.date, r.source,
            r.supersedes.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
            r.superseded_by.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
            r.links.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
            r.options.len(), r.options.iter().find(|o| o.chosen).map(|o| &o.name),
            r.extra_sections.iter().map(|x| x.0.as_str()).collect::<Vec<_>>());
    }
    for d in &f.diagnostics { println!("{d}"); }
}
