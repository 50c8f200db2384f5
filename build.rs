//! Embeds `sample-data/` in the binary, so `wh init --sample` works far from the repository.
//! Generates `$OUT_DIR/sample_files.rs`: a table of (relative path, bytes) in path order.

use std::path::{Path, PathBuf};

fn walk(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, base, out);
        } else if let Ok(rel) = p.strip_prefix(base) {
            out.push(rel.to_path_buf());
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let sample = manifest.join("sample-data");
    // A directory here makes cargo rescan every file under it for changes.
    println!("cargo:rerun-if-changed=sample-data");
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    walk(&sample, &sample, &mut files);
    files.sort();
    let mut code = String::from("/// The sample workspace: (path relative to its root, `/`-separated; bytes).\npub static SAMPLE_FILES: &[(&str, &[u8])] = &[\n");
    for rel in files {
        let rel_text = rel.to_string_lossy().replace('\\', "/");
        let abs = sample.join(&rel);
        code.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            rel_text,
            abs.to_string_lossy()
        ));
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("sample_files.rs");
    std::fs::write(out, code).expect("write sample_files.rs");
}
