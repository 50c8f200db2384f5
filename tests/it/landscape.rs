//! Render snapshots of the Landscape pane (grid and table) at 80×24 and 160×48.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use wheelhouse::tui::action::Action;
use wheelhouse::tui::panes::landscape::LandscapePane;
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::theme::Theme;
use wheelhouse::tui::widgets::wardley::fixtures::{areas_and_flows, generated, tea_shop};
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::{Reference, Workspace};

fn workspace() -> Workspace {
    let mut ws = Workspace::default();
    let mut tea = tea_shop();
    tea.components[7].links = vec![Reference::parse("adr:3").unwrap()];
    tea.components[7].note = "Kettles are still bought one by one".into();
    ws.maps.push(tea);
    ws.maps.push(generated(36, 4));
    ws
}

/// The buffer as text, wide characters counted once.
fn text(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in a.top()..a.bottom() {
        let mut skip = 0;
        let mut line = String::new();
        for x in a.left()..a.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
            line.push_str(s);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn frame(actions: &[Action], w: u16, h: u16) -> String {
    text(&render_in(&workspace(), &Theme::default(), actions, w, h))
}

/// One frame of the pane over `ws` after `actions`, as the app would draw it.
fn render_in(ws: &Workspace, theme: &Theme, actions: &[Action], w: u16, h: u16) -> Buffer {
    let links = LinkIndex::build(ws);
    let ctx = Ctx {
        ws,
        links: &links,
        theme,
    };
    let mut pane = LandscapePane::new(ws);
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    // one frame first, so moves know the plot size as they would in the app
    pane.render(area, &mut buf, &ctx);
    for a in actions {
        pane.update(a, &ctx);
    }
    let mut buf = Buffer::empty(area);
    pane.render(area, &mut buf, &ctx);
    buf
}

#[test]
fn grid_80x24() {
    insta::assert_snapshot!(frame(&[Action::Down, Action::Left], 80, 24));
}

#[test]
fn grid_160x48() {
    insta::assert_snapshot!(frame(&[Action::Down, Action::Left], 160, 48));
}

#[test]
fn table_80x24() {
    insta::assert_snapshot!(frame(&[Action::ToggleView, Action::Down], 80, 24));
}

#[test]
fn table_160x48() {
    insta::assert_snapshot!(frame(&[Action::ToggleView, Action::Down], 160, 48));
}

#[test]
fn crowded_grid_80x24() {
    insta::assert_snapshot!(frame(&[Action::NextDoc], 80, 24));
}

#[test]
fn crowded_grid_160x48() {
    insta::assert_snapshot!(frame(&[Action::NextDoc], 160, 48));
}

#[test]
fn zoomed_and_panned_80x24() {
    insta::assert_snapshot!(frame(
        &[
            Action::NextDoc,
            Action::ZoomIn,
            Action::ZoomIn,
            Action::PanRight,
            Action::PanDown
        ],
        80,
        24
    ));
}

#[test]
fn detail_focus_160x48() {
    insta::assert_snapshot!(frame(
        &[Action::Bottom, Action::Up, Action::Select, Action::Down],
        160,
        48
    ));
}

// ---------------------------------------------------------------- the sample workspace

fn sample_frame(actions: &[Action], w: u16, h: u16) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let ws = Workspace::open(&dir).expect("the sample opens");
    let links = LinkIndex::build(&ws);
    let theme = Theme::default();
    let ctx = Ctx {
        ws: &ws,
        links: &links,
        theme: &theme,
    };
    let mut pane = LandscapePane::new(&ws);
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    pane.render(area, &mut buf, &ctx);
    for a in actions {
        pane.update(a, &ctx);
    }
    let mut buf = Buffer::empty(area);
    pane.render(area, &mut buf, &ctx);
    text(&buf)
}

#[test]
fn sample_grid_80x24() {
    insta::assert_snapshot!(sample_frame(&[], 80, 24));
}

#[test]
fn sample_grid_160x48() {
    insta::assert_snapshot!(sample_frame(&[], 160, 48));
}

#[test]
fn sample_table_80x24() {
    insta::assert_snapshot!(sample_frame(&[Action::ToggleView], 80, 24));
}

#[test]
fn sample_table_160x48() {
    insta::assert_snapshot!(sample_frame(&[Action::ToggleView], 160, 48));
}

#[test]
fn sample_second_map_80x24() {
    insta::assert_snapshot!(sample_frame(&[Action::NextDoc], 80, 24));
}

#[test]
fn sample_second_map_160x48() {
    insta::assert_snapshot!(sample_frame(&[Action::NextDoc], 160, 48));
}

// ---------------------------------------------------------------- areas and flows

fn areas_workspace() -> Workspace {
    let mut ws = Workspace::default();
    ws.maps.push(areas_and_flows());
    ws
}

fn areas_frame(actions: &[Action], w: u16, h: u16) -> String {
    text(&render_in(
        &areas_workspace(),
        &Theme::default(),
        actions,
        w,
        h,
    ))
}

#[test]
fn areas_and_flows_80x24() {
    let s = areas_frame(&[], 80, 24);
    // each area is boxed and named, each flow has its arrowhead and the labelled one its value
    for name in ["pioneers", "settlers", "town planners", "£2.9m"] {
        assert!(s.contains(name), "{name} missing:\n{s}");
    }
    assert!(s.contains('╭') && s.contains('╯'), "no area box:\n{s}");
    // `+>` ends in an arrow at Power, `+<` points back at App
    assert!(
        s.contains("→● Power") && s.contains("●↖App"),
        "no flow heads:\n{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn areas_and_flows_160x48() {
    insta::assert_snapshot!(areas_frame(&[], 160, 48));
}

#[test]
fn areas_and_flows_table_80x24() {
    let s = areas_frame(&[Action::ToggleView], 80, 24);
    assert!(s.contains("Ledger") && s.contains("Power"), "{s}");
    insta::assert_snapshot!(s);
}

/// With colour off the map reads the same: every area and flow mark is a glyph,
/// and no cell carries a colour.
#[test]
fn areas_and_flows_read_in_mono() {
    let ws = areas_workspace();
    let mono = Theme::default().without_colour();
    let coloured = text(&render_in(&ws, &Theme::default(), &[], 80, 24));
    let buf = render_in(&ws, &mono, &[], 80, 24);
    assert_eq!(text(&buf), coloured);
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
}
