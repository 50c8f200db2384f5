//! Quick timing of the OWM importer on a file: `cargo run --release --example owm_time -- FILE`.
use std::path::Path;
use std::time::Instant;
use wheelhouse::interop::{owm, svg};

fn main() {
    let file = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..50 {
        n += owm::parse(&text, "m", Path::new(&file))
            .map
            .components
            .len();
    }
    println!("parse: {:?} per run ({n})", t.elapsed() / 50);
    let map = owm::parse(&text, "m", Path::new(&file)).map;
    let t = Instant::now();
    for _ in 0..50 {
        n += owm::write(&map).len();
    }
    println!("write: {:?} per run", t.elapsed() / 50);
    let t = Instant::now();
    for _ in 0..5 {
        n += svg::render_map(&map, &svg::SvgStyle::print()).len();
    }
    println!("svg: {:?} per run ({n})", t.elapsed() / 5);
}
