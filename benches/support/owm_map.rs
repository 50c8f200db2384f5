// The benchmark's generated map, shared by benches/owm.rs and examples/owm_bigmap.rs.

/// A deterministic 1,000-component map in OWM text.
pub fn big_map() -> String {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 10_000) as f64 / 10_000.0
    };
    let mut t = String::from("title A thousand components\nstyle wardley\n");
    let name = |i: usize| format!("Component {i} (service)");
    for i in 0..20 {
        t.push_str(&format!("anchor User group {i} [0.9{i}, {:.3}]\n", rnd()));
    }
    // 880 plain components, then 20 pipelines with 5 children each = 1,000 in all.
    for i in 0..880 {
        let mut line = format!("component {} [{:.3}, {:.3}]", name(i), rnd(), rnd());
        if i % 7 == 0 {
            line.push_str(" label [10, -20]");
        }
        if i % 9 == 0 {
            line.push_str(" (buy)");
            line.push_str(" inertia");
        }
        t.push_str(&line);
        t.push('\n');
        if i % 18 == 0 {
            t.push_str(&format!("evolve {} {:.2}\n", name(i), 0.5 + rnd() / 2.0));
        }
    }
    for p in 0..20 {
        t.push_str(&format!("pipeline {}\n{{\n", name(p * 40 + 1)));
        for c in 0..5 {
            t.push_str(&format!("  component Child {p}-{c} [{:.3}]\n", rnd()));
        }
        t.push_str("}\n");
    }
    for i in 0..20 {
        t.push_str(&format!("User group {i}->{}\n", name(i * 11)));
    }
    for i in 0..1480 {
        let from = name(i % 880);
        let to = name((i * 7 + 3) % 880);
        match i % 3 {
            0 => t.push_str(&format!("{from}->{to}\n")),
            1 => t.push_str(&format!("{from}+'${i}'>{to}\n")),
            _ => t.push_str(&format!("{from}->{to}; note {i}\n")),
        }
    }
    for i in 0..50 {
        t.push_str(&format!("note Note number {i} [{:.2}, {:.2}]\n", rnd(), rnd()));
    }
    for i in 0..20 {
        t.push_str(&format!(
            "annotation {i} [[{:.2},{:.2}],[{:.2},{:.2}]] Annotation {i}\n",
            rnd(),
            rnd(),
            rnd(),
            rnd()
        ));
    }
    t.push_str("annotations [0.1, 0.8]\npioneers [0.9, 0.1, 0.7, 0.3]\nsettlers [0.6, 0.4, 0.4, 0.6]\n");
    t
}
