//! Prints what the OWM importer reads from a file: counts, then diagnostics.
//! `cargo run --example owm_dump -- FILE...`
use std::path::Path;
use wheelhouse::interop::owm;

fn main() {
    for arg in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&arg) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{arg}: {e}");
                continue;
            }
        };
        let p = owm::parse(&text, "m", Path::new(&arg));
        let m = &p.map;
        let comps = m
            .components
            .iter()
            .filter(|c| {
                c.kind == wheelhouse::workspace::ComponentKind::Component && c.pipeline.is_none()
            })
            .count();
        let anchors = m
            .components
            .iter()
            .filter(|c| c.kind == wheelhouse::workspace::ComponentKind::Anchor)
            .count();
        let links: usize = m.components.iter().map(|c| c.needs.len()).sum();
        let flows: usize = m
            .components
            .iter()
            .flat_map(|c| &c.needs)
            .filter(|n| n.flow != wheelhouse::workspace::LinkFlow::None)
            .count();
        let evolve = m.components.iter().filter(|c| c.evolve.is_some()).count();
        let children = m.components.iter().filter(|c| c.pipeline.is_some()).count();
        println!("{arg}\n  title={:?} comps={comps} anchors={anchors} links={links} ({flows}) evolve={evolve} pipelines={} ({children}) notes={} annot={} pst={} acc={} urls={}",
            m.title, m.pipelines.len(), m.notes.len(), m.annotations.len(), m.areas.len(), m.accelerators.len(), m.urls.len());
        for d in &p.diagnostics {
            println!("  {d}");
        }
        if std::env::var_os("OWM_WRITE").is_some() {
            println!("{}", owm::write(m));
        }
    }
}
