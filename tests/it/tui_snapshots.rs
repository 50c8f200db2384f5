//! Render snapshots of the whole app (TestBackend + insta): every pane of the sample at
//! 80×24 and 160×48, and help, the finder and the diagnostics list.
//! Re-accept after a pane changes on purpose: `INSTA_UPDATE=always cargo test --test tui_snapshots`,
//! then read the .snap diff before committing it.

use crate::support::tui as tui_support;

use tui_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn panes_at_80x24_and_160x48() {
    for (tab, name) in [
        ("1", "flywheel"),
        ("2", "impact"),
        ("3", "decisions"),
        ("4", "landscape"),
    ] {
        for (w, h) in SIZES {
            let mut app = sample_app();
            press(&mut app, &[tab]);
            let s = render(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
        }
    }
}

#[test]
fn decisions_detail_at_both_sizes() {
    for (w, h) in SIZES {
        let mut app = sample_app();
        app.update(wheelhouse::tui::action::Action::Follow(
            wheelhouse::workspace::Reference::adr(3),
        ));
        let s = render(&mut app, w, h);
        insta::assert_snapshot!(format!("decisions_detail_adr3_{w}x{h}"), s);
    }
}

#[test]
fn decisions_filtered() {
    let mut app = sample_app();
    press(&mut app, &["3", "/"]);
    type_text(&mut app, "map");
    let s = render(&mut app, 160, 48);
    insta::assert_snapshot!("decisions_filter_map_160x48", s);
}

#[test]
fn popups_at_both_sizes() {
    for (keys, name) in [
        (&["?"][..], "help"),
        (&["ctrl-k"][..], "finder"),
        (&["!"][..], "diagnostics"),
        (&[":"][..], "commands"),
    ] {
        for (w, h) in SIZES {
            let mut app = sample_app();
            press(&mut app, keys);
            let s = render(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
        }
    }
}

#[test]
fn finder_with_a_query() {
    let mut app = sample_app();
    press(&mut app, &["ctrl-k"]);
    type_text(&mut app, "cdn");
    let s = render(&mut app, 160, 48);
    insta::assert_snapshot!("finder_cdn_160x48", s);
}

#[test]
fn loading_frame_shows_progress() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let area = Rect::new(0, 0, 60, 5);
    let mut buf = Buffer::empty(area);
    wheelhouse::tui::loading_frame(
        area,
        &mut buf,
        std::path::Path::new("/big/work\u{1b}[2Jspace"),
        std::time::Duration::from_millis(1500),
        2,
        "reading files 3/10",
        &wheelhouse::tui::theme::Theme::default(),
    );
    let s = screen(&buf);
    assert!(
        s.contains("⠹ loading /big/work^[[2Jspace  1.5 s  reading files 3/10"),
        "{s}"
    );
}
