//! The Impact map pane on the sample workspace: state driven by Actions, and
//! render snapshots at 80×24 and 160×48.

use crate::support::panes as panes_support;

use panes_support::*;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::panes::impact::{nodes, Focus, ImpactPane, NodeKind};
use wheelhouse::tui::panes::Pane;
use wheelhouse::workspace::Workspace;

#[test]
fn the_tree_holds_every_level_in_file_order() {
    let fx = Fixture::sample();
    let map = fx.ws.impact_map("grow-members").unwrap();
    let all = nodes(map, None);
    assert_eq!(all[0].kind, NodeKind::Goal);
    assert_eq!(all[1].kind, NodeKind::Actor(0));
    assert_eq!(all[2].kind, NodeKind::Impact(0));
    let actors = all
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Actor(_)))
        .count();
    let impacts = all
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Impact(_)))
        .count();
    assert_eq!(actors, map.actors.len());
    assert_eq!(impacts, map.impacts.len());
    // A deliverable shows under every impact it serves.
    let placements: usize = map.deliverables.iter().map(|d| d.impacts.len()).sum();
    let shown = all
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Deliverable(_)))
        .count();
    assert_eq!(shown, placements);
    let keys: std::collections::HashSet<_> = all.iter().map(|n| n.key.clone()).collect();
    assert_eq!(keys.len(), all.len(), "node keys are unique");
}

#[test]
fn loose_items_are_gathered_not_dropped() {
    let mut fx = Fixture::sample();
    let m = fx
        .ws
        .impact_maps
        .iter_mut()
        .find(|m| m.id == "grow-members")
        .unwrap();
    m.impacts[0].actor = "nobody".into();
    m.deliverables[0].impacts = vec!["nothing".into()];
    let map = fx.ws.impact_map("grow-members").unwrap();
    let all = nodes(map, None);
    assert!(all.iter().any(|n| n.kind == NodeKind::LooseImpacts));
    assert!(all.iter().any(|n| n.kind == NodeKind::LooseDeliverables));
    assert!(all.iter().any(|n| n.kind == NodeKind::Impact(0)));
    assert!(all.iter().any(|n| n.kind == NodeKind::Deliverable(0)));
    let fx = Fixture::of(fx.ws);
    let ctx = fx.ctx();
    let mut p = ImpactPane::new(&fx.ws);
    assert!(p.reveal(&r("impact:grow-members/weekly-digest"), &ctx));
    let t = render_text(&mut p, &ctx, 120, 40);
    assert!(t.contains("(deliverables without an impact)"), "{t}");
}

#[test]
fn movement_folding_and_doc_switching() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = ImpactPane::new(&fx.ws);
    assert_eq!(p.selected(&ctx), Some(r("impact:grow-members")));
    press(&mut p, &ctx, &[Action::Down]);
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/lapsed-members"))
    );
    press(&mut p, &ctx, &[Action::Down, Action::Down]);
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/weekly-digest"))
    );
    // Left on a leaf goes to its parent; Left on an open node folds it.
    press(&mut p, &ctx, &[Action::Left]);
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/come-back-weekly"))
    );
    press(&mut p, &ctx, &[Action::Left]);
    press(&mut p, &ctx, &[Action::Down]);
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/mark-digest-as-spam")),
        "the folded impact's deliverables are skipped"
    );
    // ToggleFold on an actor hides its impacts.
    press(
        &mut p,
        &ctx,
        &[Action::Up, Action::Up, Action::ToggleFold, Action::Down],
    );
    assert_eq!(p.selected(&ctx), Some(r("impact:grow-members/new-members")));
    press(
        &mut p,
        &ctx,
        &[Action::Up, Action::ToggleFold, Action::Right],
    );
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/come-back-weekly")),
        "Right on an open node enters it"
    );
    press(&mut p, &ctx, &[Action::Right]);
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/come-back-weekly")),
        "Right on a folded node opens it"
    );
    press(&mut p, &ctx, &[Action::Down]);
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/weekly-digest"))
    );
    press(&mut p, &ctx, &[Action::Bottom]);
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/fast-pages-at-peak"))
    );

    // Documents: ] and [ wrap, the title says which one, each keeps its own state.
    let t = render_text(&mut p, &ctx, 80, 24);
    assert!(t.contains("grow-members 1/2"), "{t}");
    press(&mut p, &ctx, &[Action::NextDoc]);
    assert_eq!(p.doc(), 1);
    assert_eq!(p.selected(&ctx), Some(r("impact:recruit-suppliers")));
    let t = render_text(&mut p, &ctx, 80, 24);
    assert!(t.contains("recruit-suppliers 2/2"), "{t}");
    press(&mut p, &ctx, &[Action::NextDoc]);
    assert_eq!(p.doc(), 0);
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/fast-pages-at-peak"))
    );
    press(&mut p, &ctx, &[Action::PrevDoc]);
    assert_eq!(p.doc(), 1);
}

#[test]
fn enter_in_the_detail_follows_links_and_backlinks() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = ImpactPane::new(&fx.ws);
    assert!(p.reveal(&r("impact:grow-members/weekly-digest"), &ctx));
    assert_eq!(p.focus(), Focus::Tree);
    press(&mut p, &ctx, &[Action::Select]);
    assert_eq!(
        p.focus(),
        Focus::Detail,
        "Enter on a node with links opens the detail"
    );
    // Items: serves come-back-weekly, links adr:10 and map:market/weekly-digest, then backlinks.
    assert_eq!(
        p.update(&Action::Select, &ctx),
        Some(Action::Follow(r("impact:grow-members/come-back-weekly")))
    );
    assert_eq!(
        press(&mut p, &ctx, &[Action::Down, Action::Select]),
        Some(Action::Follow(r("adr:10")))
    );
    assert_eq!(
        press(&mut p, &ctx, &[Action::Down, Action::Select]),
        Some(Action::Follow(r("map:market/weekly-digest")))
    );
    let back = fx
        .links
        .backlinks(&r("impact:grow-members/weekly-digest"))
        .to_vec();
    assert!(!back.is_empty());
    assert_eq!(
        press(&mut p, &ctx, &[Action::Bottom, Action::Select]),
        Some(Action::Follow(back.last().unwrap().clone()))
    );
    // The goal's detail links its metric.
    assert!(p.reveal(&r("impact:grow-members"), &ctx));
    press(&mut p, &ctx, &[Action::FocusNext]);
    assert_eq!(
        p.update(&Action::Select, &ctx),
        Some(Action::Follow(r("metric:weekly-active-members")))
    );
    press(&mut p, &ctx, &[Action::Left]);
    assert_eq!(p.focus(), Focus::Tree);
}

#[test]
fn reveal_unfolds_and_selects() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = ImpactPane::new(&fx.ws);
    // Fold the goal, then reveal a deliverable deep inside.
    press(&mut p, &ctx, &[Action::ToggleFold]);
    assert!(p.reveal(&r("impact:grow-members/renewal-campaign"), &ctx));
    assert_eq!(
        p.selected(&ctx),
        Some(r("impact:grow-members/renewal-campaign"))
    );
    let t = render_text(&mut p, &ctx, 160, 48);
    assert!(t.contains("Structured supplier renewal campaign"), "{t}");
    for target in [
        "impact:recruit-suppliers",
        "impact:grow-members/suppliers",
        "impact:grow-members/poach-members",
    ] {
        assert!(p.reveal(&r(target), &ctx), "{target}");
        assert_eq!(p.selected(&ctx), Some(r(target)));
    }
    assert_eq!(p.doc(), 0);
    for other in [
        "impact:nope",
        "impact:grow-members/nope",
        "metric:weekly-active-members",
        "adr:1",
    ] {
        assert!(!p.reveal(&r(other), &ctx), "{other}");
    }
}

#[test]
fn every_node_is_reachable_from_the_keyboard() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = ImpactPane::new(&fx.ws);
    for m in &fx.ws.impact_maps {
        let mut seen = std::collections::HashSet::new();
        press(&mut p, &ctx, &[Action::Top]);
        for _ in 0..200 {
            seen.insert(p.selected(&ctx).unwrap().to_string());
            p.update(&Action::Down, &ctx);
        }
        for id in m
            .actors
            .iter()
            .map(|a| &a.id)
            .chain(m.impacts.iter().map(|i| &i.id))
            .chain(m.deliverables.iter().map(|d| &d.id))
        {
            assert!(seen.contains(&format!("impact:{}/{id}", m.id)), "{id}");
        }
        p.update(&Action::NextDoc, &ctx);
    }
}

#[test]
fn badges_and_obstructions_read_without_colour() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = ImpactPane::new(&fx.ws);
    let t = render_text(&mut p, &ctx, 160, 48);
    assert!(t.contains("[shipped] Weekly digest e-mail 每週精選"), "{t}");
    assert!(t.contains("⊘ mark the weekly e-mail as spam obstructs"));
    assert!(t.contains("[dropped] Rebuild the member portal from scratch"));
    assert!(t.contains("12,000 ▕"), "the goal gauge:\n{t}");
    assert!(t.contains("30,000 ↑  52%"));
    // The selected row is reversed (selection is a modifier, not a colour).
    press(&mut p, &ctx, &[Action::Down]);
    let rev = reversed(&draw(&mut p, &ctx, 80, 24));
    assert!(rev.iter().any(|l| l.contains("Lapsed members")), "{rev:?}");
}

#[test]
fn clicks_select_fold_and_follow() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = ImpactPane::new(&fx.ws);
    let buf = draw(&mut p, &ctx, 160, 48);
    let (x, y) = find(&buf, "Suppliers 供應商", 0).unwrap();
    assert_eq!(p.update(&Action::Click { col: x, row: y }, &ctx), None);
    assert_eq!(p.selected(&ctx), Some(r("impact:grow-members/suppliers")));
    // A second click on the selected node folds it.
    draw(&mut p, &ctx, 160, 48);
    p.update(&Action::Click { col: x, row: y }, &ctx);
    let t = render_text(&mut p, &ctx, 160, 48);
    assert!(t.contains("▸ Suppliers"), "{t}");
    assert!(!t.contains("Supplier self-service offer portal"));
    // The detail's backlink: select, then follow.
    let buf = draw(&mut p, &ctx, 160, 48);
    let (x, y) = find(&buf, "+ impact:grow-members/publish-offers-faster", 0).unwrap();
    assert_eq!(p.update(&Action::Click { col: x, row: y }, &ctx), None);
    assert_eq!(p.focus(), Focus::Detail);
    draw(&mut p, &ctx, 160, 48);
    assert_eq!(
        p.update(&Action::Click { col: x, row: y }, &ctx),
        Some(Action::Follow(r(
            "impact:grow-members/publish-offers-faster"
        )))
    );
}

#[test]
fn never_panics_at_any_size_or_on_an_empty_workspace() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    let mut p = ImpactPane::new(&fx.ws);
    p.reveal(&r("impact:grow-members/fast-pages-at-peak"), &ctx);
    for focus in 0..2 {
        for (w, h) in [
            (0, 0),
            (0, 24),
            (80, 0),
            (1, 1),
            (10, 3),
            (20, 5),
            (59, 9),
            (60, 10),
            (99, 30),
            (100, 30),
            (300, 100),
            (200, 2),
        ] {
            draw(&mut p, &ctx, w, h);
        }
        for w in 0..40 {
            draw(&mut p, &ctx, w, 6);
        }
        p.update(&Action::FocusNext, &ctx);
        let _ = focus;
    }
    let empty = Fixture::of(Workspace::default());
    let ctx = empty.ctx();
    let mut p = ImpactPane::new(&empty.ws);
    for a in [
        Action::Down,
        Action::NextDoc,
        Action::ToggleFold,
        Action::Select,
        Action::FocusNext,
        Action::Select,
    ] {
        assert_eq!(p.update(&a, &ctx), None);
    }
    assert_eq!(p.selected(&ctx), None);
    let t = render_text(&mut p, &ctx, 80, 24);
    assert!(t.contains("No impact maps"), "{t}");
}

#[test]
fn hostile_text_is_inert() {
    let mut fx = Fixture::sample();
    fx.ws.impact_maps[0].goal.title = "goal\x1b[2J\x07".into();
    fx.ws.impact_maps[0].actors[0].name = "\u{202e}evil\x1b]0;x\x07".into();
    let fx = Fixture::of(fx.ws);
    let ctx = fx.ctx();
    let mut p = ImpactPane::new(&fx.ws);
    let t = render_text(&mut p, &ctx, 160, 48);
    assert!(!t.contains('\x1b') && !t.contains('\x07') && !t.contains('\u{202e}'));
    assert!(t.contains("goal^[[2J^G"), "{t}");
    assert!(t.contains("<U+202E>evil^[]0;x^G"));
}

#[test]
fn snapshots() {
    let fx = Fixture::sample();
    let ctx = fx.ctx();
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut p = ImpactPane::new(&fx.ws);
        insta::assert_snapshot!(
            format!("impact_goal_{w}x{h}"),
            render_text(&mut p, &ctx, w, h)
        );
        p.reveal(&r("impact:grow-members/supplier-self-service"), &ctx);
        p.update(&Action::FocusNext, &ctx);
        insta::assert_snapshot!(
            format!("impact_deliverable_{w}x{h}"),
            render_text(&mut p, &ctx, w, h)
        );
        p.update(&Action::NextDoc, &ctx);
        insta::assert_snapshot!(
            format!("impact_second_map_{w}x{h}"),
            render_text(&mut p, &ctx, w, h)
        );
    }
    let mut p = ImpactPane::new(&fx.ws);
    p.reveal(&r("impact:grow-members/mark-digest-as-spam"), &ctx);
    insta::assert_snapshot!("impact_narrow_40x12", render_text(&mut p, &ctx, 40, 12));
}
