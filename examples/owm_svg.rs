//! Renders an OWM file (or a workspace map) as SVG to stdout: `cargo run --example owm_svg -- FILE [dark]`.
use std::path::Path;
use wheelhouse::interop::{owm, svg};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: owm_svg FILE.owm [dark]");
        return;
    };
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let map = owm::parse(&text, "m", Path::new(&file)).map;
    let style = if args.next().as_deref() == Some("dark") {
        svg::SvgStyle::dark()
    } else {
        svg::SvgStyle::print()
    };
    print!("{}", svg::render_map(&map, &style));
}
