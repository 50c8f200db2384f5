//! The same map as a table: one row per component in value-chain order, with a
//! position bar across the four stages. Shares the grid's selection.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::detail::{put, sourcing_key};
use super::{Hit, LandscapePane, TableSort};
use crate::tui::panes::Ctx;
use crate::tui::widgets::wardley::posbar::{position_bar, stage_widths};
use crate::tui::widgets::wardley::{display_name, marker_glyph, short_id, text_width, truncate};
use crate::workspace::model::stage_of;

struct Columns {
    name: usize,
    stage: usize,
    sourcing: usize,
    bar: usize,
}

/// Row layout: `"  7 ● " name " 0.43  0.35 " stage "→0.62  " "┃  " sourcing bar`.
const FIXED: usize = 4 + 2 + 13 + 7 + 3;
/// The bar gets at least this much before the stage and sourcing columns are kept.
const BAR_WANTED: usize = 21;

/// Column widths for the table: the position bar matters most, so the
/// sourcing column goes first, then the stage column shrinks, then it goes.
fn columns(width: usize, name_max: usize, stage_max: usize, src_max: usize) -> Columns {
    let name = name_max.clamp(6, 24);
    let mut stage = stage_max.clamp(5, 20) + 1;
    let mut sourcing = if src_max == 0 { 0 } else { src_max.min(10) + 1 };
    let left =
        |stage: usize, sourcing: usize| width.saturating_sub(FIXED + name + stage + sourcing);
    if left(stage, sourcing) < BAR_WANTED {
        sourcing = 0;
    }
    if left(stage, sourcing) < BAR_WANTED {
        stage = stage.min(13);
    }
    if left(stage, sourcing) < BAR_WANTED {
        stage = 0;
    }
    let room = left(stage, sourcing);
    let bar = if room >= 9 { room.min(60) } else { 0 };
    let name = if bar == 0 {
        width.saturating_sub(FIXED + stage + sourcing).clamp(1, 40)
    } else {
        name
    };
    Columns {
        name,
        stage,
        sourcing,
        bar,
    }
}

/// `s` cut or padded to exactly `w` columns, the last one always a space.
fn cell(s: &str, w: usize) -> String {
    if w == 0 {
        return String::new();
    }
    let mut out = pad(s, w - 1);
    out.push(' ');
    out
}

fn pad(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let fill = w.saturating_sub(text_width(&s));
    format!("{s}{}", " ".repeat(fill))
}

pub(super) fn render(pane: &mut LandscapePane, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let t = ctx.theme;
    let Some(map) = pane.current_map(ctx.ws) else {
        return;
    };
    if area.height < 2 {
        return;
    }
    let order = LandscapePane::table_order(map, pane.table_sort());
    let names: Vec<String> = map
        .components
        .iter()
        .map(|c| display_name(&c.name))
        .collect();
    let name_max = names.iter().map(|n| text_width(n)).max().unwrap_or(4);
    let stage_max = map
        .stages
        .iter()
        .map(|s| text_width(&display_name(s)))
        .max()
        .unwrap_or(5);
    let src_max = map
        .components
        .iter()
        .map(|c| {
            c.sourcing
                .iter()
                .map(|s| sourcing_key(*s).len() + 1)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);
    let cols = columns(usize::from(area.width), name_max, stage_max, src_max);

    let mut head = format!("{:>3}   ", "#");
    // the sorted column is marked ▾
    let mark = |on: bool, s: &str| if on { format!("{s}▾") } else { s.to_string() };
    let sort = pane.table_sort();
    head.push_str(&pad(&mark(sort == TableSort::Name, "Name"), cols.name));
    head.push_str(&format!(
        " {:>5} {:>5} ",
        mark(sort == TableSort::ValueChain, "vis"),
        mark(sort == TableSort::Evolution, "evo")
    ));
    head.push_str(&cell("Stage", cols.stage));
    head.push_str("evolve in ");
    head.push_str(&cell("Source", cols.sourcing));
    // the bar's header names each stage over its own cell
    if let Some(widths) = stage_widths(cols.bar) {
        head.push('|');
        for (s, w) in map.stages.iter().zip(widths) {
            head.push_str(&pad(&display_name(s), w));
            head.push('|');
        }
    }
    put(
        buf,
        area.x,
        area.y,
        area.right(),
        &head,
        t.title.add_modifier(Modifier::UNDERLINED),
    );

    let rows = usize::from(area.height - 1);
    pane.table_rows = rows as u16;
    let sel = pane.selected_index(ctx.ws);
    let sel_row = sel
        .and_then(|s| order.iter().position(|&i| i == s))
        .unwrap_or(0);
    if sel_row < pane.table_top {
        pane.table_top = sel_row;
    } else if sel_row >= pane.table_top + rows {
        pane.table_top = sel_row + 1 - rows;
    }
    pane.table_top = pane.table_top.min(order.len().saturating_sub(rows));

    for (row, &i) in order.iter().enumerate().skip(pane.table_top).take(rows) {
        let c = &map.components[i];
        let y = area.y + 1 + (row - pane.table_top) as u16;
        let selected = Some(i) == sel;
        let base = if selected {
            t.selection.add_modifier(Modifier::BOLD)
        } else {
            t.base
        };
        let muted = if selected { base } else { t.muted };
        let stage = stage_of(c.evolution).min(3);
        let mut x = area.x;
        let r = area.right();
        x = put(buf, x, y, r, &format!("{:>3} ", short_id(i)), muted);
        x = put(buf, x, y, r, &format!("{} ", marker_glyph(c.kind)), base);
        x = put(buf, x, y, r, &pad(&names[i], cols.name), base);
        x = put(
            buf,
            x,
            y,
            r,
            &format!(" {:>5.2} {:>5.2} ", c.visibility, c.evolution),
            base,
        );
        if cols.stage > 0 {
            let style = if selected { base } else { t.stage[stage] };
            x = put(
                buf,
                x,
                y,
                r,
                &cell(&display_name(&map.stages[stage]), cols.stage),
                style,
            );
        }
        let evolve = c.evolve.map(|e| format!("→{e:.2} ")).unwrap_or_default();
        x = put(
            buf,
            x,
            y,
            r,
            &format!("{evolve:<7}"),
            if selected { base } else { t.accent },
        );
        x = put(
            buf,
            x,
            y,
            r,
            if c.inertia { "┃  " } else { "   " },
            if selected {
                base
            } else {
                t.warning.add_modifier(Modifier::BOLD)
            },
        );
        if cols.sourcing > 0 {
            let s: Vec<&str> = c.sourcing.iter().map(|s| sourcing_key(*s)).collect();
            x = put(buf, x, y, r, &cell(&s.join(","), cols.sourcing), base);
        }
        if cols.bar > 0 {
            let bar = position_bar(c.evolution, c.evolve, cols.bar);
            for ch in bar.chars() {
                let style: Style = match ch {
                    'x' => t.accent.add_modifier(Modifier::BOLD),
                    '>' | '<' => t.accent,
                    '|' => t.border,
                    _ => t.muted,
                };
                if x < r {
                    if let Some(cell) = buf.cell_mut((x, y)) {
                        cell.set_char(ch).set_style(style);
                    }
                    x += 1;
                }
            }
        }
        // the whole row is clickable
        pane.hits
            .push((Rect::new(area.x, y, area.width, 1), Hit::Component(i)));
        let _ = x;
    }
    if order.is_empty() {
        put(
            buf,
            area.x,
            area.y + 1,
            area.right(),
            "(this map has no components)",
            t.muted,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_the_width_and_drop_in_order() {
        for w in [50usize, 60, 80, 120, 160, 200] {
            let c = columns(w, 20, 20, 10);
            let total = FIXED + c.name + c.stage + c.sourcing + c.bar;
            assert!(total <= w, "width {w}: {total}");
        }
        let wide = columns(160, 20, 20, 10);
        assert!(wide.stage > 0 && wide.sourcing > 0 && wide.bar >= 13);
        let narrow = columns(80, 20, 20, 10);
        assert_eq!(narrow.sourcing, 0);
        assert!(narrow.bar >= BAR_WANTED);
        assert_eq!(cell("Commodity", 6), "Comm… ");
    }
}
