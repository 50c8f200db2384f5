//! Prints the benchmark's generated 1,000-component OWM map.
include!("../benches/support/owm_map.rs");
fn main() {
    print!("{}", big_map());
}
