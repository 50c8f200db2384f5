use super::fixtures::{areas_and_flows, generated, generated_with_flows_and_areas, tea_shop};
use super::*;
use std::io::Write as _;

/// Every cell covered by a text, with its owner's index in `texts`.
fn text_cells(l: &MapLayout) -> Vec<((u16, u16), usize)> {
    l.texts
        .iter()
        .enumerate()
        .flat_map(|(i, t)| (0..t.width).map(move |dx| ((t.x + dx, t.y), i)))
        .collect()
}

fn assert_legible(l: &MapLayout) {
    let cells = text_cells(l);
    let mut seen = std::collections::HashMap::new();
    for (cell, i) in &cells {
        assert!(
            cell.0 < l.width && cell.1 < l.height,
            "text outside the grid"
        );
        if let Some(j) = seen.insert(*cell, *i) {
            panic!(
                "texts {:?} and {:?} overlap at {cell:?}",
                l.texts[j], l.texts[*i]
            );
        }
        assert!(
            !l.markers.iter().any(|m| (m.x, m.y) == *cell),
            "text {:?} covers a marker",
            l.texts[*i]
        );
        assert!(
            !l.glyphs.iter().any(|g| (g.x, g.y) == *cell),
            "text {:?} covers a glyph",
            l.texts[*i]
        );
    }
    // two texts never touch on a row (there is always a gap to tell them apart)
    for t in &l.texts {
        if let Some(j) = seen.get(&(t.x + t.width, t.y)) {
            panic!("{:?} runs into {:?}", t, l.texts[*j]);
        }
    }
    // links never draw over a text, a marker or a glyph
    let w = u32::from(l.width);
    for link in &l.links {
        for (index, bits) in &link.cells {
            assert_ne!(*bits, 0);
            let cell = ((index % w) as u16, (index / w) as u16);
            assert!(!seen.contains_key(&cell), "link over a text at {cell:?}");
            assert!(!l.markers.iter().any(|m| (m.x, m.y) == cell));
        }
    }
}

#[test]
fn projection_follows_the_reference_formula() {
    let p = Projection::new(80, 22);
    assert_eq!(p.col(0.0), 0);
    assert_eq!(p.col(1.0), 79);
    assert_eq!(p.col(0.35), 28); // round(0.35 * 79) = round(27.65)
    assert_eq!(p.row(1.0), 0);
    assert_eq!(p.row(0.0), 21);
    assert_eq!(p.row(0.43), 12); // round(0.57 * 21) = round(11.97)
    assert_eq!(p.boundary_cols(), [14, 32, 56]);
    let p = Projection::new(160, 44);
    assert_eq!(p.boundary_cols(), [28, 64, 112]);
    // out-of-range and NaN coordinates stay inside the grid
    assert_eq!(p.col(1.7), 159);
    assert_eq!(p.col(-0.2), 0);
    assert_eq!(p.row(f64::NAN), 43);
    // degenerate sizes are clamped, never divided by
    let p = Projection::new(0, 0);
    assert_eq!((p.width, p.height), (1, 1));
    assert_eq!(p.col(0.5), 0);
    assert_eq!(p.boundary_cols(), [0, 0, 0]);
}

#[test]
fn tea_shop_lays_out_with_every_name_in_full() {
    let map = tea_shop();
    let l = layout(&map, 78, 18);
    assert_legible(&l);
    assert!(l.legend.is_empty(), "legend: {:?}", l.legend);
    for (i, c) in map.components.iter().enumerate() {
        let t = &l.texts[l.label_of[i].expect("labelled")];
        assert_eq!(t.text, c.name);
        assert_eq!(t.kind, TextKind::Label);
    }
    // Kettle's OWM label offset is negative: its name goes to the left
    let k = l.markers[7];
    let t = &l.texts[l.label_of[7].unwrap()];
    assert_eq!((t.y, t.x + t.width + 1), (k.y, k.x));
    // the note and both annotations found room
    assert_eq!(l.hidden_notes, 0);
    assert!(l.texts.iter().any(|t| t.kind == TextKind::Note));
    assert_eq!(
        l.texts
            .iter()
            .filter(|t| t.kind == TextKind::Annotation)
            .count(),
        3
    );
    assert_eq!(l.links.len(), 8);
}

#[test]
fn evolve_arrow_runs_from_marker_to_target_with_a_head() {
    let map = tea_shop();
    let l = layout(&map, 78, 18);
    let p = Projection::new(78, 18);
    let k = l.markers[7];
    let head = l
        .glyphs
        .iter()
        .find(|g| g.owner == 7 && g.kind == GlyphKind::EvolveHead)
        .expect("head");
    assert_eq!((head.ch, head.y), ('>', k.y));
    assert_eq!(head.x, p.col(0.62));
    let shaft: Vec<u16> = l
        .glyphs
        .iter()
        .filter(|g| g.owner == 7 && g.kind == GlyphKind::EvolveShaft)
        .map(|g| g.x)
        .collect();
    assert!(shaft.iter().all(|x| *x > k.x && *x < head.x));
    // the evolved copy is named
    assert!(l
        .texts
        .iter()
        .any(|t| t.kind == TextKind::EvolvedName && t.text == "Electric Kettle"));
}

#[test]
fn inertia_sits_at_the_boundary_crossed_by_the_evolve() {
    let map = tea_shop();
    let l = layout(&map, 80, 22);
    let bar = l
        .glyphs
        .iter()
        .find(|g| g.kind == GlyphKind::Inertia)
        .expect("inertia bar");
    // Kettle 0.35 -> 0.62 crosses the 0.40 boundary
    assert_eq!(bar.owner, 7);
    assert_eq!(bar.x, l.boundaries[1]);
    assert_eq!(bar.ch, '┃');
    assert_eq!(bar.y, l.markers[7].y);
}

#[test]
fn inertia_without_evolve_sits_just_ahead() {
    let mut map = tea_shop();
    map.components[3].inertia = true; // Cup at 0.78, no evolve
    let l = layout(&map, 80, 22);
    let bar = l
        .glyphs
        .iter()
        .find(|g| g.kind == GlyphKind::Inertia && g.owner == 3)
        .unwrap();
    let m = l.markers[3];
    assert!(bar.x > m.x && bar.x <= m.x + 5, "{bar:?} {m:?}");
}

#[test]
fn pipeline_box_spans_its_children_under_the_parent() {
    let map = generated(40, 3);
    let l = layout(&map, 120, 36);
    let parent = map
        .components
        .iter()
        .position(|c| c.id == map.pipelines[0].component)
        .unwrap();
    let kids: Vec<u16> = map
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| c.pipeline.is_some())
        .map(|(i, _)| l.markers[i].x)
        .collect();
    let boxes: Vec<&Glyph> = l
        .glyphs
        .iter()
        .filter(|g| g.kind == GlyphKind::Pipeline)
        .collect();
    assert!(!boxes.is_empty());
    assert!(boxes.iter().all(|g| g.y == l.markers[parent].y + 1));
    let (lo, hi) = (
        boxes.iter().map(|g| g.x).min().unwrap(),
        boxes.iter().map(|g| g.x).max().unwrap(),
    );
    assert!(kids.iter().all(|x| *x >= lo && *x <= hi));
}

#[test]
fn legacy_pipeline_box_uses_its_range() {
    let mut map = tea_shop();
    map.pipelines.push(crate::workspace::model::Pipeline {
        component: "kettle".into(),
        range: Some([0.2, 0.5]),
        origin: Default::default(),
    });
    let l = layout(&map, 100, 30);
    let p = Projection::new(100, 30);
    let xs: Vec<u16> = l
        .glyphs
        .iter()
        .filter(|g| g.kind == GlyphKind::Pipeline)
        .map(|g| g.x)
        .collect();
    assert_eq!(xs.iter().min(), Some(&(p.col(0.2) - 1)));
    assert_eq!(xs.iter().max(), Some(&(p.col(0.5) + 1)));
}

#[test]
fn crowded_maps_stay_legible_at_every_size() {
    for seed in 0..6 {
        let map = generated(50, seed);
        for (w, h) in [
            (80, 18),
            (80, 22),
            (120, 36),
            (160, 44),
            (200, 56),
            (30, 8),
            (3, 2),
        ] {
            let l = layout(&map, w, h);
            assert_legible(&l);
            assert_eq!(l.markers.len(), 50);
            // every component is labelled or listed in the legend
            for i in 0..50 {
                let full = l.label_of[i]
                    .map(|t| l.texts[t].text == display_name(&map.components[i].name))
                    .unwrap_or(false);
                assert!(full || l.legend.iter().any(|e| e.component == i));
            }
        }
    }
}

#[test]
fn crowding_falls_back_to_short_ids_with_a_legend() {
    let map = generated(50, 1);
    let l = layout(&map, 80, 18);
    let short: Vec<&PlacedText> = l
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::ShortId)
        .collect();
    assert!(
        !short.is_empty(),
        "a 50-component map at 80x18 needs short IDs"
    );
    for t in short {
        assert_eq!(t.text, short_id(t.owner));
        assert!(l.legend.iter().any(|e| e.component == t.owner && e.placed));
    }
    // at a larger size fewer names need the legend
    let big = layout(&map, 200, 56);
    assert!(big.legend.len() < l.legend.len());
}

#[test]
fn co_located_components_get_distinct_cells() {
    let mut map = tea_shop();
    map.components[3].visibility = map.components[4].visibility;
    map.components[3].evolution = map.components[4].evolution;
    let l = layout(&map, 80, 22);
    assert_ne!(
        (l.markers[3].x, l.markers[3].y),
        (l.markers[4].x, l.markers[4].y)
    );
}

#[test]
fn hostile_and_wide_names_are_measured_and_inert() {
    let mut map = tea_shop();
    map.components[3].name = "茶杯\x1b[2J".into();
    let l = layout(&map, 80, 22);
    let t = &l.texts[l.label_of[3].unwrap()];
    assert_eq!(t.text, "茶杯^[[2J");
    assert_eq!(t.width, 4 + 5);
    assert_legible(&l);
}

#[test]
fn dangling_needs_and_degenerate_sizes_never_panic() {
    let mut map = tea_shop();
    map.components[0].needs.push(fixtures::need("nowhere"));
    map.components[1].needs.push(fixtures::need("public")); // itself
    map.components[2].visibility = f64::NAN;
    map.components[2].evolution = f64::INFINITY;
    map.components[7].evolve = Some(f64::NAN);
    for (w, h) in [(0, 0), (1, 1), (2, 1), (1, 50), (u16::MAX, u16::MAX)] {
        let l = layout(&map, w, h);
        assert!(l.width >= 1 && l.height >= 1);
        assert!(l.width <= MAX_GRID_WIDTH && l.height <= MAX_GRID_HEIGHT);
    }
}

#[test]
fn hit_finds_markers_and_labels() {
    let map = tea_shop();
    let l = layout(&map, 80, 22);
    let m = l.markers[5];
    assert_eq!(l.hit(m.x, m.y), Some(5));
    let t = &l.texts[l.label_of[5].unwrap()];
    assert_eq!(l.hit(t.x + t.width - 1, t.y), Some(5));
    assert_eq!(
        l.hit(t.x + t.width + 1, t.y),
        l.hit(t.x + t.width + 1, t.y).filter(|i| *i != 5)
    );
}

#[test]
fn braille_is_well_formed() {
    assert_eq!(route::braille(0), '\u{2800}');
    assert_eq!(route::braille(0xff), '\u{28ff}');
    assert_eq!(route::dot_bit(1, 3), 0x80);
}

#[test]
fn truncation_respects_display_width() {
    assert_eq!(truncate("abcdef", 4), "abc…");
    assert_eq!(truncate("abc", 4), "abc");
    assert_eq!(truncate("茶杯茶杯", 5), "茶杯…");
    assert_eq!(text_width(&truncate("茶杯茶杯", 5)), 5);
    assert_eq!(display_name("a\nb"), "a b");
}

/// The layout as plain text (for eyeballing with `--nocapture`).
pub(super) fn ascii(l: &MapLayout) -> String {
    let (w, h) = (usize::from(l.width), usize::from(l.height));
    let mut g = vec![vec![" ".to_string(); w]; h];
    for row in g.iter_mut() {
        for b in l.boundaries {
            row[usize::from(b)] = "┆".into();
        }
    }
    for a in &l.areas {
        for (y, row) in g.iter_mut().enumerate() {
            for (x, cell) in row.iter_mut().enumerate() {
                if let Some(ch) = a.outline(x as u16, y as u16) {
                    *cell = ch.to_string();
                }
            }
        }
    }
    let mut dots = vec![0u8; w * h];
    for link in &l.links {
        for (i, bits) in &link.cells {
            dots[*i as usize] |= bits;
        }
    }
    for (i, bits) in dots.iter().enumerate().filter(|(_, b)| **b != 0) {
        g[i / w][i % w] = route::braille(*bits).to_string();
    }
    for link in &l.links {
        for (i, ch) in &link.heads {
            g[*i as usize / w][*i as usize % w] = ch.to_string();
        }
    }
    for gl in &l.glyphs {
        g[usize::from(gl.y)][usize::from(gl.x)] = gl.ch.to_string();
    }
    for m in &l.markers {
        g[usize::from(m.y)][usize::from(m.x)] = m.glyph.to_string();
    }
    for t in &l.texts {
        let mut x = usize::from(t.x);
        for c in t.text.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if cw == 0 {
                continue;
            }
            g[usize::from(t.y)][x] = c.to_string();
            for k in 1..cw {
                g[usize::from(t.y)][x + k] = String::new();
            }
            x += cw;
        }
    }
    g.into_iter().map(|r| r.concat() + "\n").collect()
}

#[test]
fn print_layouts() {
    println!("{}", ascii(&layout(&tea_shop(), 78, 18)));
    println!("{}", ascii(&layout(&generated(40, 3), 120, 36)));
    println!("{}", ascii(&layout(&generated(50, 1), 80, 18)));
}

/// Real maps (OWM's examples and its golden-master fixture) stay legible at the
/// sizes of the collision table in owm-language §9.
#[test]
fn corpus_maps_are_legible_at_every_size() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/owm");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: no OWM corpus at {}",
            dir.display()
        );
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "owm"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let map = crate::interop::owm::parse(&text, "corpus", &path).map;
        for (w, h) in [(78, 18), (80, 22), (120, 36), (200, 56)] {
            let l = layout(&map, w, h);
            assert_legible(&l);
            assert_eq!(l.markers.len(), map.components.len());
            // these maps hold 4 to 18 elements: at 120×36 and up every name is written
            // out, except where several components share one point (OWM's default
            // [0.9, 0.1] for components written without coordinates)
            let shares_a_point = |i: usize| {
                let c = &map.components[i];
                map.components.iter().enumerate().any(|(j, o)| {
                    j != i && o.visibility == c.visibility && o.evolution == c.evolution
                })
            };
            if w >= 120 {
                for e in &l.legend {
                    assert!(
                        shares_a_point(e.component),
                        "{} at {w}x{h}:\n{}",
                        path.display(),
                        ascii(&l)
                    );
                }
            }
        }
    }
}

#[test]
fn areas_are_boxes_from_their_corners() {
    let map = areas_and_flows();
    let (w, h) = (80, 22);
    let l = layout(&map, w, h);
    assert_legible(&l);
    let p = Projection::new(w, h);
    assert_eq!(l.areas.len(), 3);
    for (a, b) in map.areas.iter().zip(&l.areas) {
        // [v1, m1, v2, m2]: top-left (v1, m1) to bottom-right (v2, m2)
        let [v1, m1, v2, m2] = a.rect;
        assert_eq!(b.kind, a.kind);
        assert_eq!(
            (b.x0, b.y0, b.x1, b.y1),
            (p.col(m1), p.row(v1), p.col(m2), p.row(v2))
        );
        assert_eq!(b.outline(b.x0, b.y0), Some('╭'));
        assert_eq!(b.outline(b.x1, b.y1), Some('╯'));
        assert_eq!(b.outline(b.x0 + 1, b.y1), Some('─'));
        assert_eq!(b.outline(b.x1, b.y0 + 1), Some('│'));
        assert_eq!(
            b.outline(b.x0 + 1, b.y0 + 1),
            None,
            "the inside stays clear"
        );
        assert_eq!(b.outline(b.x1 + 1, b.y0), None);
    }
    // each is named on its top edge, inside the corners
    for (k, b) in l.areas.iter().enumerate() {
        let t = l
            .texts
            .iter()
            .find(|t| t.kind == TextKind::AreaName && t.owner == k)
            .unwrap_or_else(|| panic!("area {k} unnamed:\n{}", ascii(&l)));
        assert_eq!(t.text, area_name(b.kind).0);
        assert_eq!(t.y, b.y0, "{}", ascii(&l));
        assert!(t.x > b.x0 && t.x + t.width <= b.x1, "{}", ascii(&l));
    }
    // a reversed rectangle is the same box
    let mut flipped = map.clone();
    for a in &mut flipped.areas {
        let [v1, m1, v2, m2] = a.rect;
        a.rect = [v2, m2, v1, m1];
    }
    assert_eq!(layout(&flipped, w, h).areas, l.areas);
}

#[test]
fn areas_never_move_a_label_or_a_link() {
    // areas are background: the layout without them is the same but for their names
    for (map, w, h) in [
        (areas_and_flows(), 80, 22),
        (areas_and_flows(), 40, 12),
        (generated_with_flows_and_areas(120, 5), 120, 36),
    ] {
        let l = layout(&map, w, h);
        assert_legible(&l);
        let mut bare = map.clone();
        bare.areas.clear();
        let b = layout(&bare, w, h);
        assert!(b.areas.is_empty());
        let others = |l: &MapLayout| -> Vec<PlacedText> {
            l.texts
                .iter()
                .filter(|t| t.kind != TextKind::AreaName)
                .cloned()
                .collect()
        };
        assert_eq!(others(&l), others(&b));
        assert_eq!(l.markers, b.markers);
        assert_eq!(l.glyphs, b.glyphs);
        // links only lose the cells an area name took
        let named: Vec<(u16, u16)> = l
            .texts
            .iter()
            .filter(|t| t.kind == TextKind::AreaName)
            .flat_map(|t| (0..t.width).map(move |dx| (t.x + dx, t.y)))
            .collect();
        let lw = u32::from(l.width);
        for (with, without) in l.links.iter().zip(&b.links) {
            let kept: Vec<(u32, u8)> = without
                .cells
                .iter()
                .copied()
                .filter(|(i, _)| !named.contains(&((i % lw) as u16, (i / lw) as u16)))
                .collect();
            assert_eq!(with.cells, kept);
        }
    }
}

#[test]
fn a_crowded_area_falls_back_to_its_initial() {
    let mut map = areas_and_flows();
    // a box too narrow for "town planners" but not for "T"
    map.areas.truncate(1);
    map.areas[0].kind = AreaKind::Townplanners;
    map.areas[0].rect = [0.6, 0.40, 0.3, 0.50];
    let l = layout(&map, 80, 22);
    let t = l
        .texts
        .iter()
        .find(|t| t.kind == TextKind::AreaName)
        .expect("named");
    assert_eq!(t.text, "T", "{}", ascii(&l));
}

#[test]
fn flows_are_thick_with_arrowheads_and_labels() {
    let map = areas_and_flows();
    let l = layout(&map, 80, 22);
    assert_legible(&l);
    let link = |from: &str, to: &str| {
        let (i, j) = (
            map.components.iter().position(|c| c.id == from).unwrap(),
            map.components.iter().position(|c| c.id == to).unwrap(),
        );
        l.links
            .iter()
            .find(|k| k.from == i && k.to == j)
            .expect("link")
    };
    let plain = link("user", "app");
    assert_eq!(plain.flow, LinkFlow::None);
    assert!(plain.heads.is_empty());
    // a flow's second stroke: more dots than the one-dot line between the same points
    let dots = |k: &LinkPath| -> u32 { k.cells.iter().map(|(_, b)| b.count_ones()).sum() };
    let forward = link("user", "shop");
    let mut thin = map.clone();
    thin.components[0].needs[1].flow = LinkFlow::None;
    let thin_l = layout(&thin, 80, 22);
    let thin_link = &thin_l.links[1];
    assert!(thin_link.heads.is_empty());
    assert!(dots(forward) > dots(thin_link) + 4, "{}", ascii(&l));
    // heads: `+>` at the far end, `+<` at the near end, `+<>` at both
    let (u, s) = (l.markers[0], l.markers[2]);
    assert_eq!(forward.heads.len(), 1);
    // the head is the first stroke's last cell, so it sits nearer the far end
    let w = u32::from(l.width);
    let dist = |cell: u32, m: Marker| {
        let (x, y) = ((cell % w) as i64, (cell / w) as i64);
        (x - i64::from(m.x)).abs().max((y - i64::from(m.y)).abs())
    };
    assert!(dist(forward.heads[0].0, s) < dist(forward.heads[0].0, u));
    assert_eq!(
        forward.heads[0].1,
        arrow(
            i64::from(s.x) - i64::from(u.x),
            i64::from(s.y) - i64::from(u.y)
        )
    );
    let backward = link("app", "ledger");
    assert_eq!(backward.heads.len(), 1);
    assert_eq!(backward.heads[0].0, backward.cells[0].0);
    assert!(dist(backward.heads[0].0, l.markers[1]) < dist(backward.heads[0].0, l.markers[3]));
    assert_eq!(backward.heads[0].1, '↖', "{}", ascii(&l));
    let both = link("shop", "stock");
    assert_eq!(both.heads.len(), 2, "{}", ascii(&l));
    // the labelled flow's value sits on the map, owned by its link
    let labelled = l
        .texts
        .iter()
        .find(|t| t.kind == TextKind::FlowLabel)
        .expect("flow label");
    assert_eq!(labelled.text, "£2.9m");
    let owner = &l.links[labelled.owner];
    assert_eq!(
        (
            map.components[owner.from].id.as_str(),
            map.components[owner.to].id.as_str()
        ),
        ("ledger", "power")
    );
}

#[test]
fn arrows_point_the_eight_ways() {
    assert_eq!(arrow(5, 0), '→');
    assert_eq!(arrow(-5, 0), '←');
    assert_eq!(arrow(0, -3), '↑');
    assert_eq!(arrow(0, 3), '↓');
    // a cell is twice as tall as wide: 4 across and 2 down is a diagonal
    assert_eq!(arrow(4, 2), '↘');
    assert_eq!(arrow(-4, -2), '↖');
    assert_eq!(arrow(4, -2), '↗');
    assert_eq!(arrow(-4, 2), '↙');
    assert_eq!(arrow(20, 1), '→');
}

#[test]
fn generated_flows_and_areas_stay_legible() {
    for (n, w, h) in [(40, 78, 18), (200, 200, 60), (200, 80, 22)] {
        let map = generated_with_flows_and_areas(n, 11);
        let l = layout(&map, w, h);
        assert_legible(&l);
        assert_eq!(l.areas.len(), 3);
        assert!(l.links.iter().any(|k| !k.heads.is_empty()));
        for k in &l.links {
            assert_eq!(
                k.heads.is_empty(),
                k.flow == LinkFlow::None || k.cells.is_empty()
            );
        }
    }
}
