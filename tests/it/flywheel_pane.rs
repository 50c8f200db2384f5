//! The Flywheel pane on the sample workspace: state driven by Actions, and
//! render snapshots at 80×24 and 160×48.

use crate::support::panes as panes_support;

use panes_support::*;
use ratatui::style::{Modifier, Style};
use wheelhouse::tui::action::Action;
use wheelhouse::tui::panes::flywheel::{content, FlywheelPane, Focus};
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::theme::Theme;
use wheelhouse::tui::widgets::doc;
use wheelhouse::workspace::{PhaseId, Reference};

#[test]
fn movement_on_the_wheel_turns_the_phases_and_wraps() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = FlywheelPane::new(&fx.ws);
    assert_eq!(p.phase(), PhaseId::Clarity);
    assert_eq!(p.selected(&ctx), Some(r("phase:clarity")));
    press(&mut p, &ctx, &[Action::Down]);
    assert_eq!(p.phase(), PhaseId::Challenge);
    press(&mut p, &ctx, &[Action::Right, Action::Right]);
    assert_eq!(p.phase(), PhaseId::LongTerm);
    press(&mut p, &ctx, &[Action::Down]);
    assert_eq!(p.phase(), PhaseId::Clarity, "the wheel turns round");
    press(&mut p, &ctx, &[Action::Up]);
    assert_eq!(p.phase(), PhaseId::LongTerm);
    press(&mut p, &ctx, &[Action::Left, Action::Top]);
    assert_eq!(p.phase(), PhaseId::Clarity);
    press(&mut p, &ctx, &[Action::Bottom]);
    assert_eq!(p.phase(), PhaseId::LongTerm);
    assert_eq!(p.selected(&ctx), Some(r("phase:long-term")));
}

#[test]
fn tab_moves_focus_and_detail_keys_walk_items() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = FlywheelPane::new(&fx.ws);
    press(&mut p, &ctx, &[Action::FocusNext]);
    assert_eq!(p.focus(), Focus::Detail);
    // The first item of Clarity is the north star.
    assert_eq!(p.selected(&ctx), Some(r("metric:weekly-active-members")));
    press(&mut p, &ctx, &[Action::Down]);
    let second = p.selected_item(&ctx).unwrap();
    assert_eq!(
        second.follow,
        Some(r("metric:monthly-recurring-revenue")),
        "the drives link comes next"
    );
    press(&mut p, &ctx, &[Action::Up, Action::Up]);
    assert_eq!(
        p.selected(&ctx),
        Some(r("metric:weekly-active-members")),
        "Up stops at the first item"
    );
    // Left/Right in the detail turn the wheel and keep the detail focused.
    press(&mut p, &ctx, &[Action::Right]);
    assert_eq!((p.phase(), p.focus()), (PhaseId::Challenge, Focus::Detail));
    press(&mut p, &ctx, &[Action::FocusNext]);
    assert_eq!(p.focus(), Focus::Wheel);
    press(&mut p, &ctx, &[Action::Select]);
    assert_eq!(
        p.focus(),
        Focus::Detail,
        "Enter on the wheel opens the detail"
    );
}

/// Presses Down until the selected item follows `target`; returns what Enter answers.
fn follow_to(p: &mut FlywheelPane, ctx: &Ctx, target: &Reference) -> Option<Action> {
    for _ in 0..400 {
        if p.selected_item(ctx).and_then(|i| i.follow).as_ref() == Some(target) {
            return p.update(&Action::Select, ctx);
        }
        p.update(&Action::Down, ctx);
    }
    None
}

#[test]
fn enter_on_a_link_follows_it() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let cases = [
        (PhaseId::Clarity, "adr:4"),
        (PhaseId::Clarity, "impact:grow-members"),
        (PhaseId::Challenge, "map:serving"),
        (PhaseId::NextAction, "adr:8"),
        (PhaseId::LongTerm, "map:serving/lambda"),
        (PhaseId::LongTerm, "pillar:security"),
    ];
    for (phase, target) in cases {
        let mut p = FlywheelPane::new(&fx.ws);
        assert!(p.reveal(
            &Reference::new(wheelhouse::workspace::RefKind::Phase, phase.key(), None),
            &ctx
        ));
        p.update(&Action::FocusNext, &ctx);
        let t = r(target);
        assert_eq!(
            follow_to(&mut p, &ctx, &t),
            Some(Action::Follow(t.clone())),
            "{phase:?} → {target}"
        );
    }
    // Enter on an item that is not a link answers nothing.
    let mut p = FlywheelPane::new(&fx.ws);
    p.update(&Action::FocusNext, &ctx);
    assert_eq!(p.update(&Action::Select, &ctx), None);
}

#[test]
fn reveal_lands_on_the_item() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = FlywheelPane::new(&fx.ws);
    for (target, phase) in [
        ("metric:lead-time-for-changes", PhaseId::Clarity),
        ("metric:digest-unsubscribe-rate", PhaseId::Clarity),
        ("value-stream:idea-to-production", PhaseId::NextAction),
        ("pillar:security", PhaseId::LongTerm),
        ("pillar:sustainability", PhaseId::LongTerm),
        ("scenario:region-failover", PhaseId::LongTerm),
        ("review:2023-q3", PhaseId::LongTerm),
    ] {
        assert!(p.reveal(&r(target), &ctx), "{target}");
        assert_eq!(p.phase(), phase, "{target}");
        assert_eq!(p.focus(), Focus::Detail);
        assert_eq!(p.selected(&ctx), Some(r(target)));
    }
    assert!(p.reveal(&r("phase:challenge"), &ctx));
    assert_eq!((p.phase(), p.focus()), (PhaseId::Challenge, Focus::Wheel));
    assert_eq!(p.selected(&ctx), Some(r("phase:challenge")));
    for other in [
        "map:serving",
        "adr:4",
        "impact:grow-members",
        "metric:no-such-metric",
        "pillar:nope",
    ] {
        assert!(!p.reveal(&r(other), &ctx), "{other}");
    }
    assert_eq!(
        p.phase(),
        PhaseId::Challenge,
        "a failed reveal moves nothing"
    );
}

#[test]
fn every_item_of_the_sample_is_reachable_from_the_keyboard() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = FlywheelPane::new(&fx.ws);
    let mut seen = std::collections::HashSet::new();
    p.update(&Action::FocusNext, &ctx);
    for _ in 0..4 {
        p.update(&Action::Top, &ctx);
        for _ in 0..300 {
            if let Some(own) = p.selected(&ctx) {
                seen.insert(own.to_string());
            }
            p.update(&Action::Down, &ctx);
        }
        p.update(&Action::Right, &ctx);
    }
    let ws = &fx.ws;
    let mut want: Vec<String> = Vec::new();
    want.extend(ws.metrics.iter().map(|m| format!("metric:{}", m.id)));
    want.extend(
        ws.value_streams
            .iter()
            .map(|m| format!("value-stream:{}", m.id)),
    );
    want.extend(ws.pillars.iter().map(|m| format!("pillar:{}", m.id)));
    want.extend(ws.scenarios.iter().map(|m| format!("scenario:{}", m.id)));
    want.extend(ws.reviews.iter().map(|m| format!("review:{}", m.id)));
    assert!(want.len() > 15);
    for w in want {
        assert!(seen.contains(&w), "{w} not reachable; saw {seen:?}");
    }
    // Every phase link is a selectable item.
    for ph in &ws.phases {
        let (_, panel, rest) = content(&ctx, ph.id);
        let follows: Vec<_> = doc::items(&panel)
            .chain(doc::items(&rest))
            .filter_map(|i| i.follow.clone())
            .collect();
        for l in &ph.links {
            assert!(follows.contains(l), "{l} of {:?}", ph.id);
        }
    }
}

#[test]
fn value_stream_figures_are_computed() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = FlywheelPane::new(&fx.ws);
    p.reveal(&r("value-stream:idea-to-production"), &ctx);
    let t = render_text(&mut p, &ctx, 160, 48);
    let v = &fx.ws.value_streams[0];
    let ratio = v.activity_ratio().unwrap();
    let rolled = v.rolled_ca().unwrap();
    assert!(
        t.contains(&format!("Activity ratio {:.1}%", ratio * 100.0)),
        "{t}"
    );
    assert!(t.contains(&format!("{:.1}%", rolled * 100.0)), "{t}");
    assert!(t.contains("Change approval board"));
    assert!(t.contains("W E T"), "waste letters:\n{t}");
}

#[test]
fn scenarios_are_sorted_hh_first() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let (_, panel, _) = content(&ctx, PhaseId::LongTerm);
    let scen: Vec<String> = doc::items(&panel)
        .filter_map(|i| i.own.clone())
        .filter(|o| o.kind == wheelhouse::workspace::RefKind::Scenario)
        .map(|o| o.doc)
        .collect();
    assert_eq!(scen.len(), fx.ws.scenarios.len());
    let first = fx.ws.scenarios.iter().find(|s| s.id == scen[0]).unwrap();
    assert_eq!(
        (first.importance, first.difficulty),
        (
            Some(wheelhouse::workspace::Hml::H),
            Some(wheelhouse::workspace::Hml::H)
        )
    );
}

#[test]
fn selection_shows_without_colour() {
    let fx = Fixture::sample();
    let mono = Theme {
        selection: Style::default().add_modifier(Modifier::REVERSED),
        ..mono_theme()
    };
    let ctx = Ctx {
        ws: &fx.ws,
        links: &fx.links,
        theme: &mono,
    };
    let mut p = FlywheelPane::new(&fx.ws);
    p.update(&Action::Down, &ctx);
    let buf = draw(&mut p, &ctx, 80, 24);
    let rev = reversed(&buf);
    assert!(rev.iter().any(|l| l.contains("2 Challenge")), "{rev:?}");
    p.update(&Action::FocusNext, &ctx);
    let buf = draw(&mut p, &ctx, 160, 48);
    let rev = reversed(&buf);
    assert!(
        rev.iter()
            .any(|l| l.contains("Challenges (3)") || l.contains("map:serving")),
        "{rev:?}"
    );
}

#[test]
fn clicks_select_phases_and_items_and_a_second_click_follows() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = FlywheelPane::new(&fx.ws);
    let buf = draw(&mut p, &ctx, 80, 24);
    // The phase list under the wheel (the second "3 Next action" on screen).
    let (x, y) = find(&buf, "3 Next action", 1).unwrap();
    assert_eq!(p.update(&Action::Click { col: x, row: y }, &ctx), None);
    assert_eq!(p.phase(), PhaseId::NextAction);
    // The wheel's top label picks Clarity by its angle.
    let buf = draw(&mut p, &ctx, 80, 24);
    let (x, y) = find(&buf, "1 Clarity", 0).unwrap();
    p.update(&Action::Click { col: x + 3, row: y }, &ctx);
    assert_eq!(p.phase(), PhaseId::Clarity);
    // A link in the detail: first click selects, second follows.
    let buf = draw(&mut p, &ctx, 160, 48);
    let (x, y) = find(&buf, "drives → metric:monthly", 0).unwrap();
    assert_eq!(p.update(&Action::Click { col: x, row: y }, &ctx), None);
    assert_eq!(p.focus(), Focus::Detail);
    assert_eq!(
        p.selected_item(&ctx).unwrap().follow,
        Some(r("metric:monthly-recurring-revenue"))
    );
    draw(&mut p, &ctx, 160, 48);
    assert_eq!(
        p.update(&Action::Click { col: x, row: y }, &ctx),
        Some(Action::Follow(r("metric:monthly-recurring-revenue")))
    );
    // Clicks on nothing do nothing.
    assert_eq!(p.update(&Action::Click { col: 500, row: 500 }, &ctx), None);
}

#[allow(clippy::field_reassign_with_default)]
fn mono_theme() -> Theme {
    // Field by field, so new theme slots added elsewhere keep this compiling.
    let plain = Style::default();
    let mut t = Theme::default();
    t.name = "mono".into();
    t.base = plain;
    t.muted = plain.add_modifier(Modifier::DIM);
    t.title = plain.add_modifier(Modifier::BOLD);
    t.border = plain;
    t.border_focus = plain.add_modifier(Modifier::BOLD);
    t.selection = plain.add_modifier(Modifier::REVERSED);
    t.link = plain.add_modifier(Modifier::UNDERLINED);
    t.accent = plain;
    t.error = plain.add_modifier(Modifier::BOLD);
    t.warning = plain;
    t.ok = plain;
    t.phase_status = [plain; 4];
    t.deliverable_status = [plain; 5];
    t.risk = [plain; 4];
    t
}

#[test]
fn never_panics_at_any_size() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = FlywheelPane::new(&fx.ws);
    for phase in 0..4 {
        for focus in 0..2 {
            for (w, h) in [
                (0, 0),
                (0, 24),
                (80, 0),
                (1, 1),
                (10, 3),
                (20, 5),
                (49, 9),
                (50, 10),
                (60, 12),
                (119, 30),
                (120, 30),
                (300, 100),
                (200, 2),
            ] {
                draw(&mut p, &ctx, w, h);
            }
            for w in 0..30 {
                draw(&mut p, &ctx, w, 7);
            }
            p.update(&Action::FocusNext, &ctx);
            if focus == 0 {
                press(&mut p, &ctx, &[Action::Bottom]);
            }
        }
        p.update(&Action::Down, &ctx);
        let _ = phase;
    }
}

#[test]
fn hostile_text_is_inert_and_empty_workspaces_render() {
    let mut fx = Fixture::sample();
    fx.ws.phases[0].title = "Evil\x1b]0;pwned\x07 \u{202e}title".into();
    fx.ws.phases[0].summary = "**bold**\x1b[2J cleared".into();
    fx.ws.metrics[0].name = "m\x1b[31m".into();
    let fx = Fixture::of(fx.ws);
    let ctx = fx.ctx();
    let mut p = FlywheelPane::new(&fx.ws);
    p.update(&Action::FocusNext, &ctx);
    let buf = draw(&mut p, &ctx, 160, 48);
    let t = text(&buf);
    assert!(!t.contains('\x1b') && !t.contains('\x07') && !t.contains('\u{202e}'));
    assert!(t.contains("^[]0;pwned^G"), "{t}");
    assert!(t.contains("^[[2J cleared"));

    let empty = Fixture::of(wheelhouse::workspace::Workspace::default());
    let ctx = empty.ctx();
    let mut p = FlywheelPane::new(&empty.ws);
    let t = render_text(&mut p, &ctx, 80, 24);
    assert!(
        t.contains("Clarity of Purpose"),
        "default phases are shown:\n{t}"
    );
    assert!(t.contains("No metrics yet"));
    for a in [
        Action::FocusNext,
        Action::Down,
        Action::Select,
        Action::Bottom,
        Action::PageDown,
    ] {
        p.update(&a, &ctx);
    }
    render_text(&mut p, &ctx, 80, 24);
}

#[test]
fn snapshots() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut p = FlywheelPane::new(&fx.ws);
        for id in PhaseId::ALL {
            let t = render_text(&mut p, &ctx, w, h);
            insta::assert_snapshot!(format!("flywheel_{}_{w}x{h}", id.key()), t);
            p.update(&Action::Down, &ctx);
        }
    }
    // The detail focused and scrolled to a deep item, compact.
    let mut p = FlywheelPane::new(&fx.ws);
    p.reveal(&r("scenario:region-failover"), &ctx);
    insta::assert_snapshot!(
        "flywheel_scenario_focused_80x24",
        render_text(&mut p, &ctx, 80, 24)
    );
    insta::assert_snapshot!("flywheel_narrow_40x12", render_text(&mut p, &ctx, 40, 12));
}
