//! The map picture is well-formed XML with the elements a Wardley map needs: one circle per
//! component, one line per link, a text for every name, axes, stages, evolve arrows, inertia,
//! pipelines, annotations, areas; text escaped; labels inside the picture.

use crate::support::corpus;
use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;
use wheelhouse::interop::owm;
use wheelhouse::interop::svg::{render_map, SvgStyle};
use wheelhouse::workspace::{ComponentKind, WardleyMap};

#[derive(Debug, Clone)]
struct Element {
    name: String,
    attrs: HashMap<String, String>,
    /// Text inside, descendants included, entities resolved.
    text: String,
}

impl Element {
    fn class(&self) -> &str {
        self.attrs.get("class").map(String::as_str).unwrap_or("")
    }
    fn has_class(&self, c: &str) -> bool {
        self.class().split_whitespace().any(|x| x == c)
    }
    fn num(&self, a: &str) -> f64 {
        self.attrs
            .get(a)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{} has no numeric {a}: {:?}", self.name, self.attrs))
    }
}

/// Parses the whole document (panics on malformed XML) into a flat element list.
fn elements(svg: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(svg);
    let mut all: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut depth_check = 0i32;
    let push_text = |all: &mut Vec<Element>, open: &[usize], t: &str| {
        for &i in open {
            all[i].text.push_str(t);
        }
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                all.push(element(&e));
                open.push(all.len() - 1);
                depth_check += 1;
            }
            Event::Empty(e) => all.push(element(&e)),
            Event::End(_) => {
                open.pop();
                depth_check -= 1;
            }
            Event::Text(t) => {
                let s = t.decode().expect("utf-8").into_owned();
                push_text(&mut all, &open, &s);
            }
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref().expect("char ref") {
                    Some(c) => c.to_string(),
                    None => match &*r.decode().expect("utf-8") {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("unknown entity &{other};"),
                    },
                };
                push_text(&mut all, &open, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth_check, 0, "every element closed");
    all
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> Element {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("attribute");
            (
                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                a.unescape_value().expect("attribute value").into_owned(),
            )
        })
        .collect();
    Element {
        name,
        attrs,
        text: String::new(),
    }
}

fn check_map(map: &WardleyMap, style: &SvgStyle) -> Vec<Element> {
    let svg = render_map(map, style);
    let els = elements(&svg);
    let root = &els[0];
    assert_eq!(root.name, "svg");
    assert_eq!(root.attrs["xmlns"], "http://www.w3.org/2000/svg");
    let view: Vec<f64> = root.attrs["viewBox"]
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    let (w, h) = (view[2], view[3]);
    let with = |name: &str, class: &str| -> Vec<&Element> {
        els.iter()
            .filter(|e| e.name == name && e.has_class(class))
            .collect()
    };
    // One circle per component (anchors are names, not dots).
    let dots = map
        .components
        .iter()
        .filter(|c| c.kind != ComponentKind::Anchor)
        .count();
    assert_eq!(with("circle", "component").len(), dots, "{}", map.title);
    // One line per link, flows marked.
    let links: usize = map.components.iter().map(|c| c.needs.len()).sum();
    assert_eq!(with("line", "link").len(), links, "{}", map.title);
    let flows = map
        .components
        .iter()
        .flat_map(|c| &c.needs)
        .filter(|n| n.flow != wheelhouse::workspace::LinkFlow::None)
        .count();
    assert_eq!(with("line", "flow").len(), flows);
    // Evolve arrows: a red dashed line (when there is room) and a copy.
    let evolves = map.components.iter().filter(|c| c.evolve.is_some()).count();
    assert_eq!(with("circle", "evolved").len(), evolves);
    for line in with("line", "evolve") {
        assert_eq!(line.attrs["stroke"], style.evolve);
        assert!(line.attrs.contains_key("stroke-dasharray"));
    }
    assert_eq!(
        with("rect", "inertia").len(),
        map.components.iter().filter(|c| c.inertia).count()
    );
    assert_eq!(with("rect", "area").len(), map.areas.len());
    let points: usize = map.annotations.iter().map(|a| a.points.len()).sum();
    assert_eq!(with("g", "annotation").len(), points);
    assert_eq!(
        with("g", "annotations-legend").len(),
        usize::from(!map.annotations.is_empty())
    );
    // Axes, the three boundaries at OWM's places, and the four stages.
    assert_eq!(with("line", "axis").len(), 2);
    let boundaries = with("line", "stage-boundary");
    assert_eq!(boundaries.len(), 3);
    let x0 = els
        .iter()
        .find(|e| e.has_class("axis"))
        .map(|e| e.num("x1"))
        .unwrap();
    let plot_w = els
        .iter()
        .filter(|e| e.has_class("axis"))
        .map(|e| e.num("x2"))
        .fold(0.0, f64::max)
        - 4.0
        - x0;
    for (b, m) in boundaries.iter().zip([0.175, 0.40, 0.70]) {
        assert!(
            (b.num("x1") - (x0 + m * plot_w)).abs() < 0.02,
            "boundary at {m}"
        );
    }
    let texts: Vec<&Element> = els.iter().filter(|e| e.name == "text").collect();
    let all_text: Vec<&str> = texts.iter().map(|t| t.text.as_str()).collect();
    if map.hide_value_chain.is_none() {
        assert!(all_text.contains(&"Visibility"));
    }
    if !map.hide_evolution {
        assert!(all_text.contains(&"Evolution"));
        assert_eq!(with("text", "stage-label").len(), 4);
    }
    // Every name is written (multi-line names as lines), and every text sits inside.
    for c in &map.components {
        let first_line = c.name.lines().next().unwrap_or("").trim();
        if first_line.is_empty() || first_line.chars().count() > 40 {
            continue;
        }
        assert!(
            texts.iter().any(|t| t.text.contains(first_line)),
            "{}: no text for `{}`",
            map.title,
            c.name
        );
    }
    for t in &texts {
        if let (Some(x), Some(y)) = (t.attrs.get("x"), t.attrs.get("y")) {
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            assert!(
                (0.0..=w).contains(&x) && (0.0..=h).contains(&y),
                "`{}` at {x},{y}",
                t.text
            );
        }
    }
    els
}

#[test]
fn corpus_maps_draw_every_element() {
    let Some(dir) = corpus("owm") else {
        return;
    };
    let entries = std::fs::read_dir(&dir).expect("read the OWM corpus");
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "owm") {
            let map = owm::parse(&std::fs::read_to_string(&p).unwrap(), "m", &p).map;
            check_map(&map, &SvgStyle::print());
            check_map(&map, &SvgStyle::dark());
        }
    }
}

#[test]
fn text_is_escaped_and_absurd_offsets_ignored() {
    let text = r#"title <script>alert("x")</script> & co
anchor "Users & <friends>" [0.95, 0.5]
component Hidden label [0.5, 0.5] label [-103, -3557]
component "Two\nlines" [0.4, 0.4] inertia
component Weird'quote [0.3, 0.3]
"Users & <friends>"+'£5 & more'>"Two\nlines"; ctx <b>
"Two\nlines"->Weird'quote
evolve "Two\nlines"->"Three & four" 0.8
note "a <note>\nsecond line" [0.2, 0.2]
annotation 1 [[0.5, 0.5], [0.6, 0.6]] first & only
evolution --hide
valuechain --hide
"#;
    let mut map = owm::parse(text, "m", Path::new("x.owm")).map;
    map.components[2].name.push('\u{1b}');
    let els = check_map(&map, &SvgStyle::print());
    let texts: Vec<&str> = els
        .iter()
        .filter(|e| e.name == "text" || e.name == "title")
        .map(|e| e.text.as_str())
        .collect();
    assert!(texts.contains(&"<script>alert(\"x\")</script> & co"));
    assert!(texts.contains(&"Users & <friends>"));
    assert!(texts.contains(&"£5 & more"));
    assert!(texts.contains(&"ctx <b>"));
    assert!(texts.contains(&"Three & four"));
    assert!(
        texts.contains(&"Twolines"),
        "tspans of a two-line name: {texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("1. first & only")));
    // Hidden axes: no stage labels, no "Visibility".
    assert!(!texts.contains(&"Genesis") && !texts.contains(&"Visibility"));
    // The control character never reaches the document.
    assert!(!render_map(&map, &SvgStyle::print()).contains('\u{1b}'));
}

#[test]
fn out_of_range_coordinates_stay_in_the_picture() {
    let map = owm::parse(
        "component Far [1.5, -0.2]\ncomponent Long name that goes on and on and on and on at the right edge [0.5, 0.99]\nFar->Long name that goes on and on and on and on at the right edge\n",
        "m",
        Path::new("x.owm"),
    )
    .map;
    let els = check_map(&map, &SvgStyle::print());
    for c in els.iter().filter(|e| e.has_class("component")) {
        assert!((0.0..=1100.0).contains(&c.num("cx")) && (0.0..=800.0).contains(&c.num("cy")));
    }
}

#[test]
fn sample_workspace_maps_draw_every_element() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let ws = wheelhouse::workspace::Workspace::open(&dir).expect("the sample workspace opens");
    assert!(!ws.maps.is_empty(), "the sample has maps");
    for map in &ws.maps {
        check_map(map, &SvgStyle::print());
        check_map(map, &SvgStyle::for_map(map));
    }
}
