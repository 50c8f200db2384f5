//! State tests: Actions in, view state and rendered cells out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::*;
use crate::tui::theme::Theme;
use crate::tui::widgets::wardley::fixtures::{generated, tea_shop};
use crate::tui::widgets::wardley::TextKind;
use crate::workspace::links::LinkIndex;

fn workspace() -> Workspace {
    let mut ws = Workspace::default();
    let mut tea = tea_shop();
    tea.components[7].links = vec![Reference::parse("adr:3").unwrap()];
    ws.maps.push(tea);
    ws.maps.push(generated(50, 1));
    ws
}

struct Fixture {
    ws: Workspace,
    links: LinkIndex,
    theme: Theme,
}

impl Fixture {
    fn new() -> Self {
        let ws = workspace();
        let links = LinkIndex::build(&ws);
        Fixture {
            ws,
            links,
            theme: Theme::default(),
        }
    }
    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            ws: &self.ws,
            links: &self.links,
            theme: &self.theme,
        }
    }
}

fn draw(pane: &mut LandscapePane, f: &Fixture, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    pane.render(area, &mut buf, &f.ctx());
    buf
}

fn text(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in a.top()..a.bottom() {
        let mut skip = 0;
        for x in a.left()..a.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
            out.push_str(s);
        }
        out.push('\n');
    }
    out
}

fn selected_name(pane: &LandscapePane, f: &Fixture) -> String {
    let map = pane.current_map(&f.ws).unwrap();
    map.components[pane.selected_index(&f.ws).unwrap()]
        .name
        .clone()
}

fn act(pane: &mut LandscapePane, f: &Fixture, a: Action) -> Option<Action> {
    pane.update(&a, &f.ctx())
}

#[test]
fn starts_on_the_first_map_at_the_top_of_the_value_chain() {
    let f = Fixture::new();
    let pane = LandscapePane::new(&f.ws);
    // Business and Public share visibility 0.95: the lower evolution comes first
    assert_eq!(selected_name(&pane, &f), "Business");
    assert_eq!(
        pane.selected(&f.ctx()).unwrap().to_string(),
        "map:tea-shop/business"
    );
}

#[test]
fn arrow_keys_move_to_the_nearest_component_that_way() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    draw(&mut pane, &f, 80, 24);
    act(&mut pane, &f, Action::Right);
    assert_eq!(selected_name(&pane, &f), "Public");
    act(&mut pane, &f, Action::Down);
    assert_eq!(selected_name(&pane, &f), "Cup");
    act(&mut pane, &f, Action::Down);
    assert_eq!(selected_name(&pane, &f), "Tea");
    // Cup lies up-left at 45°, nearer than Cup of Tea
    act(&mut pane, &f, Action::Left);
    assert_eq!(selected_name(&pane, &f), "Cup");
    act(&mut pane, &f, Action::Left);
    assert_eq!(selected_name(&pane, &f), "Cup of Tea");
    act(&mut pane, &f, Action::Left);
    assert_eq!(selected_name(&pane, &f), "Kettle");
    act(&mut pane, &f, Action::Down);
    assert_eq!(selected_name(&pane, &f), "Power");
    // nothing further down: stays
    act(&mut pane, &f, Action::Down);
    assert_eq!(selected_name(&pane, &f), "Power");
    act(&mut pane, &f, Action::Top);
    assert_eq!(selected_name(&pane, &f), "Business");
    act(&mut pane, &f, Action::Bottom);
    assert_eq!(selected_name(&pane, &f), "Power");
}

#[test]
fn every_component_is_reachable_with_arrow_keys() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    act(&mut pane, &f, Action::NextDoc);
    draw(&mut pane, &f, 80, 24);
    let n = f.ws.maps[1].components.len();
    let mut seen = std::collections::HashSet::new();
    // breadth-first over moves from the start
    let start = pane.selected_index(&f.ws).unwrap();
    let mut queue = vec![start];
    seen.insert(start);
    while let Some(i) = queue.pop() {
        for a in [Action::Up, Action::Down, Action::Left, Action::Right] {
            pane.select(&f.ws, i);
            act(&mut pane, &f, a);
            let j = pane.selected_index(&f.ws).unwrap();
            if seen.insert(j) {
                queue.push(j);
            }
        }
    }
    assert_eq!(seen.len(), n);
}

#[test]
fn maps_switch_with_brackets_and_remember_their_selection() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    act(&mut pane, &f, Action::Down);
    let on_tea = selected_name(&pane, &f);
    act(&mut pane, &f, Action::NextDoc);
    assert_eq!(pane.current_map(&f.ws).unwrap().id, "generated-50");
    let buf = draw(&mut pane, &f, 80, 24);
    assert!(text(&buf).contains("map 2/2"), "{}", text(&buf));
    act(&mut pane, &f, Action::NextDoc);
    assert_eq!(pane.current_map(&f.ws).unwrap().id, "tea-shop");
    assert_eq!(selected_name(&pane, &f), on_tea);
    act(&mut pane, &f, Action::PrevDoc);
    assert_eq!(pane.current_map(&f.ws).unwrap().id, "generated-50");
}

#[test]
fn zoom_keeps_the_selection_visible_and_pan_keeps_it_on_screen() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    act(&mut pane, &f, Action::NextDoc);
    draw(&mut pane, &f, 80, 24);
    for _ in 0..5 {
        act(&mut pane, &f, Action::Down);
        act(&mut pane, &f, Action::Right);
    }
    for _ in 0..10 {
        act(&mut pane, &f, Action::ZoomIn);
        draw(&mut pane, &f, 80, 24);
        let l = pane.layout(&f.ws).unwrap();
        assert!(pane.visible(&l, pane.selected_index(&f.ws).unwrap()));
    }
    assert_eq!(pane.zoom_factor(), *ZOOM_LEVELS.last().unwrap());
    // moves while zoomed scroll the viewport along
    for a in [
        Action::Left,
        Action::Left,
        Action::Up,
        Action::Up,
        Action::Down,
    ] {
        act(&mut pane, &f, a);
        let l = pane.layout(&f.ws).unwrap();
        assert!(pane.visible(&l, pane.selected_index(&f.ws).unwrap()));
    }
    // panning away drags the selection along to a visible component
    for a in [
        Action::PanLeft,
        Action::PanLeft,
        Action::PanDown,
        Action::PanRight,
        Action::PanUp,
    ] {
        let before = pane.offset();
        act(&mut pane, &f, a.clone());
        let l = pane.layout(&f.ws).unwrap();
        let sel = pane.selected_index(&f.ws).unwrap();
        let any_visible = (0..l.markers.len()).any(|j| pane.visible(&l, j));
        assert!(
            !any_visible || pane.visible(&l, sel),
            "{a:?} from {before:?}"
        );
    }
    act(&mut pane, &f, Action::ResetView);
    assert_eq!(pane.zoom_factor(), 1.0);
    let buf = draw(&mut pane, &f, 80, 24);
    assert_eq!(pane.offset(), (0, 0));
    assert!(!text(&buf).contains('◂'));
}

#[test]
fn pan_moves_the_viewport_within_bounds() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    draw(&mut pane, &f, 80, 24);
    act(&mut pane, &f, Action::PanRight);
    assert_eq!(pane.offset(), (0, 0), "nothing to pan at zoom 1");
    act(&mut pane, &f, Action::ZoomIn);
    act(&mut pane, &f, Action::ZoomIn);
    draw(&mut pane, &f, 80, 24);
    for _ in 0..50 {
        act(&mut pane, &f, Action::PanRight);
        act(&mut pane, &f, Action::PanDown);
    }
    let l = pane.layout(&f.ws).unwrap();
    let (ox, oy) = pane.offset();
    assert_eq!(ox, u32::from(l.width - pane.plot.0));
    assert_eq!(oy, u32::from(l.height - pane.plot.1));
    let buf = draw(&mut pane, &f, 80, 24);
    let s = text(&buf);
    assert!(s.contains('◂') && s.contains('▴'), "{s}");
}

#[test]
fn table_view_shares_the_selection() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    act(&mut pane, &f, Action::Down);
    let name = selected_name(&pane, &f);
    act(&mut pane, &f, Action::ToggleView);
    assert_eq!(pane.view(), View::Table);
    let buf = draw(&mut pane, &f, 80, 24);
    let s = text(&buf);
    let row = s.lines().find(|l| l.contains(&name)).unwrap();
    let y = s.lines().position(|l| l == row).unwrap() as u16;
    let x = row.find(&name).unwrap() as u16;
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    act(&mut pane, &f, Action::Down);
    let next = selected_name(&pane, &f);
    assert_ne!(next, name);
    act(&mut pane, &f, Action::Bottom);
    assert_eq!(selected_name(&pane, &f), "Power");
    act(&mut pane, &f, Action::ToggleView);
    assert_eq!(selected_name(&pane, &f), "Power");
}

#[test]
fn enter_walks_into_the_links_and_follows_one() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    let ctx = f.ctx();
    assert!(pane.reveal(&Reference::parse("map:tea-shop/kettle").unwrap(), &ctx));
    assert_eq!(selected_name(&pane, &f), "Kettle");
    let items = pane.items(&ctx);
    let kinds: Vec<ItemKind> = items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [ItemKind::Need, ItemKind::NeededBy, ItemKind::Link]);
    assert_eq!(act(&mut pane, &f, Action::Select), None);
    assert_eq!(pane.focus(), Focus::Detail);
    assert_eq!(
        act(&mut pane, &f, Action::Select),
        Some(Action::Follow(
            Reference::parse("map:tea-shop/power").unwrap()
        ))
    );
    act(&mut pane, &f, Action::Down);
    act(&mut pane, &f, Action::Down);
    act(&mut pane, &f, Action::Down); // clamps at the last
    assert_eq!(
        act(&mut pane, &f, Action::Select),
        Some(Action::Follow(Reference::parse("adr:3").unwrap()))
    );
    act(&mut pane, &f, Action::Cancel);
    assert_eq!(pane.focus(), Focus::Map);
    // following a need lands on it (the app calls reveal)
    assert!(pane.reveal(&Reference::parse("map:tea-shop/power").unwrap(), &ctx));
    assert_eq!(selected_name(&pane, &f), "Power");
}

#[test]
fn reveal_opens_maps_and_rejects_what_it_does_not_show() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    let ctx = f.ctx();
    assert!(pane.reveal(&Reference::parse("map:generated-50").unwrap(), &ctx));
    assert_eq!(pane.current_map(&f.ws).unwrap().id, "generated-50");
    assert!(pane.reveal(&Reference::parse("map:generated-50/c7").unwrap(), &ctx));
    assert_eq!(pane.selected_index(&f.ws), Some(7));
    assert!(!pane.reveal(&Reference::parse("map:nowhere").unwrap(), &ctx));
    assert!(!pane.reveal(&Reference::parse("adr:3").unwrap(), &ctx));
    assert!(!pane.reveal(&Reference::parse("map:tea-shop/nothing").unwrap(), &ctx));
}

#[test]
fn clicking_a_component_selects_it() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    let buf = draw(&mut pane, &f, 80, 24);
    let s = text(&buf);
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Hot Water"))
        .unwrap();
    let x = line[..line.find("Hot Water").unwrap()].chars().count() as u16;
    act(
        &mut pane,
        &f,
        Action::Click {
            col: x + 2,
            row: y as u16,
        },
    );
    assert_eq!(selected_name(&pane, &f), "Hot Water");
    // the table's rows are clickable too
    act(&mut pane, &f, Action::ToggleView);
    let buf = draw(&mut pane, &f, 80, 24);
    let s = text(&buf);
    let (y, _) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("● Water "))
        .unwrap();
    act(
        &mut pane,
        &f,
        Action::Click {
            col: 1,
            row: y as u16,
        },
    );
    assert_eq!(selected_name(&pane, &f), "Water");
}

#[test]
fn selection_shows_without_colour() {
    let f = Fixture {
        theme: Theme {
            // a monochrome theme: emphasis by modifiers only
            ..mono()
        },
        ..Fixture::new()
    };
    let mut pane = LandscapePane::new(&f.ws);
    let buf = draw(&mut pane, &f, 80, 24);
    let s = text(&buf);
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Business"))
        .unwrap();
    let x = line.find("Business").unwrap();
    let col = line[..x].chars().count() as u16;
    let cell = &buf[(col, y as u16)];
    assert!(cell.modifier.contains(Modifier::REVERSED));
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
    // unrelated labels are dimmed, related ones bold
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Kettle"))
        .unwrap();
    let col = line[..line.find("Kettle").unwrap()].chars().count() as u16;
    assert!(buf[(col, y as u16)].modifier.contains(Modifier::DIM));
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Cup of Tea"))
        .unwrap();
    let col = line[..line.find("Cup of Tea").unwrap()].chars().count() as u16;
    assert!(buf[(col, y as u16)].modifier.contains(Modifier::BOLD));
}

fn mono() -> Theme {
    use ratatui::style::Style;
    let m = |md: Modifier| Style::default().add_modifier(md);
    Theme {
        name: "mono".into(),
        monochrome: true,
        heading: m(Modifier::BOLD),
        code: Style::default(),
        base: Style::default(),
        muted: m(Modifier::DIM),
        title: m(Modifier::BOLD),
        border: m(Modifier::DIM),
        border_focus: m(Modifier::BOLD),
        selection: m(Modifier::REVERSED),
        matched: m(Modifier::UNDERLINED),
        link: m(Modifier::UNDERLINED),
        accent: Style::default(),
        error: m(Modifier::BOLD | Modifier::UNDERLINED),
        warning: m(Modifier::BOLD),
        ok: Style::default(),
        tab_active: m(Modifier::REVERSED),
        tab_inactive: Style::default(),
        status_bar: m(Modifier::REVERSED),
        phase_status: [Style::default(); 4],
        adr_status: [Style::default(); 6],
        deliverable_status: [Style::default(); 5],
        risk: [Style::default(); 4],
        stage: [Style::default(); 4],
    }
}

#[test]
fn never_panics_at_any_size() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    for (w, h) in [
        (0, 0),
        (0, 10),
        (10, 0),
        (1, 1),
        (19, 4),
        (20, 5),
        (21, 6),
        (40, 7),
        (80, 9),
        (80, 24),
        (119, 30),
        (120, 30),
        (160, 48),
        (300, 100),
    ] {
        for view in [Action::ToggleView, Action::ToggleView] {
            for _ in 0..3 {
                draw(&mut pane, &f, w, h);
                act(&mut pane, &f, Action::ZoomIn);
                act(&mut pane, &f, Action::PanRight);
                act(&mut pane, &f, Action::Down);
                act(
                    &mut pane,
                    &f,
                    Action::Click {
                        col: w / 2,
                        row: h / 2,
                    },
                );
            }
            act(&mut pane, &f, view);
        }
        act(&mut pane, &f, Action::NextDoc);
    }
    let buf = draw(&mut pane, &f, 10, 3);
    assert!(text(&buf).starts_with("Landscape:"));
}

#[test]
fn an_empty_workspace_says_how_to_add_a_map() {
    let ws = Workspace::default();
    let f = Fixture {
        links: LinkIndex::build(&ws),
        ws,
        theme: Theme::default(),
    };
    let mut pane = LandscapePane::new(&f.ws);
    for a in [
        Action::Down,
        Action::NextDoc,
        Action::ZoomIn,
        Action::Select,
    ] {
        assert_eq!(act(&mut pane, &f, a), None);
    }
    let s = text(&draw(&mut pane, &f, 80, 24));
    assert!(s.contains("No Wardley maps"));
    assert_eq!(pane.selected(&f.ctx()), None);
}

#[test]
fn a_reloaded_workspace_never_shows_a_stale_layout() {
    let mut f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    draw(&mut pane, &f, 80, 24);
    f.ws.maps[0].components[3].name = "Mug".into();
    f.ws.maps[0].components.truncate(5);
    let s = text(&draw(&mut pane, &f, 80, 24));
    assert!(s.contains("Mug"));
    assert!(!s.contains("Hot Water"));
}

#[test]
fn a_reloaded_map_redraws_its_areas_and_flows() {
    let mut f = Fixture::new();
    f.ws.maps[0] = crate::tui::widgets::wardley::fixtures::areas_and_flows();
    let mut pane = LandscapePane::new(&f.ws);
    let before = text(&draw(&mut pane, &f, 80, 24));
    assert!(
        before.contains("pioneers") && before.contains('→'),
        "{before}"
    );
    // an area, a flow and its label change: none of them may be drawn from the cached layout
    f.ws.maps[0].areas[0].rect = [0.98, 0.02, 0.86, 0.12];
    f.ws.maps[0].areas.pop();
    for c in &mut f.ws.maps[0].components {
        for n in &mut c.needs {
            n.flow = crate::workspace::model::LinkFlow::None;
            n.label = None;
        }
    }
    let after = text(&draw(&mut pane, &f, 80, 24));
    assert!(!after.contains("town planners"), "{after}");
    assert!(!after.contains("£2.9m"), "{after}");
    assert!(!after.contains(['→', '↖', '↘']), "{after}");
    assert_ne!(before, after);
}

/// A label is drawn in one style from end to end, whatever it crosses (a stage
/// boundary, an area's edge): nothing beneath shows through.
#[test]
fn labels_keep_their_style_across_boundaries_and_areas() {
    let mut f = Fixture::new();
    f.ws.maps[1] = crate::tui::widgets::wardley::fixtures::generated_with_flows_and_areas(50, 1);
    for theme in [Theme::default(), mono()] {
        f.theme = theme;
        let mut pane = LandscapePane::new(&f.ws);
        act(&mut pane, &f, Action::NextDoc);
        let buf = draw(&mut pane, &f, 80, 24);
        let l = pane.layout(&f.ws).expect("a layout");
        let (ox, oy) = pane.offset();
        let mut crossing = 0;
        for t in l.texts.iter().filter(|t| t.kind == TextKind::Label) {
            let (x0, y) = (u32::from(t.x), u32::from(t.y));
            if y < oy || x0 < ox || x0 + u32::from(t.width) > ox + 80 || y - oy + 2 >= 24 {
                continue;
            }
            let row = (y - oy) as u16 + 2; // under the header and the ruler
            let cells: Vec<&ratatui::buffer::Cell> = (0..t.width)
                .map(|dx| &buf[((x0 - ox) as u16 + dx, row)])
                .collect();
            let first = (cells[0].fg, cells[0].modifier);
            for (dx, c) in cells.iter().enumerate() {
                assert_eq!((c.fg, c.modifier), first, "{:?} at {dx}", t.text);
            }
            crossing += usize::from(
                (0..t.width).any(|dx| l.boundaries.contains(&(t.x + dx)))
                    || l.areas
                        .iter()
                        .any(|a| (0..t.width).any(|dx| a.outline(t.x + dx, t.y).is_some())),
            );
        }
        assert!(crossing > 0, "no label crosses a boundary or an area edge");
    }
}

#[test]
fn print_frames() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    act(&mut pane, &f, Action::Down);
    println!("{}", text(&draw(&mut pane, &f, 80, 24)));
    println!("{}", text(&draw(&mut pane, &f, 160, 48)));
    act(&mut pane, &f, Action::ToggleView);
    println!("{}", text(&draw(&mut pane, &f, 80, 24)));
    println!("{}", text(&draw(&mut pane, &f, 160, 48)));
    act(&mut pane, &f, Action::ToggleView);
    act(&mut pane, &f, Action::NextDoc);
    println!("{}", text(&draw(&mut pane, &f, 80, 24)));
    println!("{}", text(&draw(&mut pane, &f, 160, 48)));
}

#[test]
fn hostile_names_render_inert_and_wide_names_align() {
    let mut f = Fixture::new();
    f.ws.maps[0].components[3].name = "茶杯\x1b]0;pwned\x07".into();
    f.ws.maps[0].components[4].note = "\x1b[2Jgone\u{202e}".into();
    let mut pane = LandscapePane::new(&f.ws);
    assert!(pane.reveal(&Reference::parse("map:tea-shop/tea").unwrap(), &f.ctx()));
    for (w, h) in [(80, 24), (160, 48)] {
        let buf = draw(&mut pane, &f, w, h);
        let s = text(&buf);
        assert!(s.contains("茶杯^[]0;pwned^G"), "{s}");
        assert!(!buf
            .content()
            .iter()
            .any(|c| c.symbol().chars().any(|ch| ch.is_control())));
        assert!(!s.contains('\u{202e}'));
        // every row is exactly as wide as the pane
        for line in s.lines() {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(line),
                usize::from(w),
                "{line}"
            );
        }
    }
}

#[test]
fn a_submap_opens_its_map() {
    let mut f = Fixture::new();
    let tea = &mut f.ws.maps[0];
    tea.components[4].kind = crate::workspace::ComponentKind::Submap;
    tea.components[4].url = Some("gen".into());
    tea.urls.push(crate::workspace::model::MapUrl {
        id: "gen".into(),
        address: "map:generated-50".into(),
    });
    let mut pane = LandscapePane::new(&f.ws);
    assert!(pane.reveal(&Reference::parse("map:tea-shop/tea").unwrap(), &f.ctx()));
    let items = pane.items(&f.ctx());
    assert_eq!(items[0].kind, ItemKind::Opens);
    act(&mut pane, &f, Action::Select);
    assert_eq!(
        act(&mut pane, &f, Action::Select),
        Some(Action::Follow(
            Reference::parse("map:generated-50").unwrap()
        ))
    );
    let s = text(&draw(&mut pane, &f, 80, 24));
    assert!(s.contains("◎"), "submaps have their own marker");
}

#[test]
fn s_sorts_the_table_by_evolution_then_name_then_value_chain_again() {
    let f = Fixture::new();
    let mut pane = LandscapePane::new(&f.ws);
    let map = &f.ws.maps[0];
    // the rows' names in the order the table draws them
    let rows = |pane: &mut LandscapePane| -> Vec<String> {
        let s = text(&draw(pane, &f, 100, 30));
        let order = LandscapePane::table_order(map, pane.table_sort());
        let names: Vec<String> = order
            .iter()
            .map(|&i| map.components[i].name.clone())
            .collect();
        // every component's row is on screen, in that order
        let body: Vec<&str> = s.lines().skip_while(|l| !l.contains("Name")).collect();
        let ys: Vec<usize> = names
            .iter()
            .map(|n| {
                // the name column: from after the marker to the padding
                let name_of = |l: &str| {
                    let rest = l.split_once(['●', '◆']).map_or("", |(_, r)| r.trim_start());
                    rest.split("  ").next().unwrap_or("").to_string()
                };
                body.iter().position(|l| &name_of(l) == n).unwrap()
            })
            .collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]), "{s}");
        names
    };
    act(&mut pane, &f, Action::CycleSort);
    assert_eq!(pane.view(), View::Table, "s shows the table");
    assert!(text(&draw(&mut pane, &f, 100, 30)).contains("evo▾"));
    let by_evo = rows(&mut pane);
    let evo = |n: &String| {
        map.components
            .iter()
            .find(|c| &c.name == n)
            .unwrap()
            .evolution
    };
    assert!(by_evo.windows(2).all(|w| evo(&w[0]) <= evo(&w[1])));
    act(&mut pane, &f, Action::CycleSort);
    assert!(text(&draw(&mut pane, &f, 100, 30)).contains("Name▾"));
    let by_name = rows(&mut pane);
    let lower: Vec<String> = by_name.iter().map(|n| n.to_lowercase()).collect();
    assert!(lower.windows(2).all(|w| w[0] <= w[1]), "{by_name:?}");
    act(&mut pane, &f, Action::CycleSort);
    assert_eq!(pane.table_sort(), TableSort::ValueChain);
    assert!(text(&draw(&mut pane, &f, 100, 30)).contains("vis▾"));
}

#[test]
fn a_line_never_runs_into_a_name() {
    let f = Fixture::new();
    let braille = |s: &str| s.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c));
    for (map, (w, h)) in [0, 1]
        .into_iter()
        .flat_map(|m| [(80, 24), (60, 20), (160, 48)].map(|s| (m, s)))
    {
        let mut pane = LandscapePane::new(&f.ws);
        for _ in 0..map {
            act(&mut pane, &f, Action::NextDoc);
        }
        let buf = draw(&mut pane, &f, w, h);
        let l = pane.layout(&f.ws).unwrap();
        let (ox, oy) = pane.offset;
        let plot = pane.plot;
        // the labels in view
        for txt in l.texts.iter().filter(|t| t.kind == TextKind::Label) {
            let (tx, ty) = (u32::from(txt.x), u32::from(txt.y));
            if ty < oy || ty >= oy + u32::from(plot.1) || tx < ox {
                continue;
            }
            // find the label on screen by its text, on any row, and look either side of it
            let s = text(&buf);
            for line in s.lines().filter(|line| line.contains(&txt.text)) {
                let at = line.find(&txt.text).unwrap();
                let before = line[..at]
                    .chars()
                    .last()
                    .map(String::from)
                    .unwrap_or_default();
                let after = line[at + txt.text.len()..]
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default();
                assert!(
                    !braille(&before) && !braille(&after),
                    "map {map} at {w}×{h}: a line touches {:?}:\n{s}",
                    txt.text
                );
            }
        }
    }
}
