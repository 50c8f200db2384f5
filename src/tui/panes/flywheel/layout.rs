//! The Flywheel pane's layout: the wheel, the phase list and strip for narrow terminals,
//! and the scrolling columns the detail is drawn in.

use super::*;

/// The head, the panel and the rest one under the other, a blank line between.
pub(super) fn stack(head: Vec<Block>, panel: Vec<Block>, rest: Vec<Block>) -> Vec<Block> {
    let mut all = head;
    for part in [panel, rest] {
        if !part.is_empty() {
            all.push(Block::Blank);
            all.extend(part);
        }
    }
    all
}

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_column(
    blocks: &[Block],
    area: Rect,
    buf: &mut Buffer,
    sel: Option<usize>,
    n: usize,
    focused: bool,
    scroll: &mut u16,
    theme: &Theme,
) -> Vec<(Rect, usize)> {
    if area.is_empty() {
        return Vec::new();
    }
    // One cell of margin on the right for the scroll marks.
    let lines = doc::layout(blocks, area.width.saturating_sub(1).max(1), theme);
    doc::scroll_to(&lines, area.height, sel, n, scroll);
    doc::draw(&lines, area, buf, *scroll, sel, focused, theme)
}

pub(super) fn framed<'a>(title: &str, focused: bool, theme: &Theme) -> Frame<'a> {
    doc::frame(title, 60, focused, theme)
}

pub(super) fn wheel(selected: usize, ctx: &Ctx) -> Wheel {
    let seg = |i: usize| {
        let id = PhaseId::ALL[i];
        let p = phase_of(ctx.ws, id);
        Segment {
            label: format!("{} {}", i + 1, inert(&p.title)),
            short: format!("{} {}", i + 1, short_title(id)),
            style: ctx.theme.phase_status[status_index(p.status)],
        }
    };
    let p = phase_of(ctx.ws, PhaseId::ALL[selected]);
    Wheel {
        segments: [seg(0), seg(1), seg(2), seg(3)],
        selected,
        center: vec![
            Line::styled(inert(&p.persona).into_owned(), ctx.theme.title),
            Line::styled(
                status_badge(p.status),
                ctx.theme.phase_status[status_index(p.status)],
            ),
        ],
        arrow_style: ctx.theme.muted,
    }
}

/// The four phases as a list: number, title and status; persona and a
/// one-line summary below each when `full`.
pub(super) fn phase_list(
    selected: usize,
    ctx: &Ctx,
    area: Rect,
    buf: &mut Buffer,
    focused: bool,
    full: bool,
) -> Vec<(Rect, usize)> {
    let mut hits = Vec::new();
    let theme = ctx.theme;
    let w = area.width as usize;
    let mut y = area.y;
    for (i, id) in PhaseId::ALL.into_iter().enumerate() {
        if y >= area.bottom() {
            break;
        }
        let p = phase_of(ctx.ws, id);
        let st = theme.phase_status[status_index(p.status)];
        let badge = status_badge(p.status);
        let (badge_text, title) = if full {
            (badge.to_string(), inert(&p.title).into_owned())
        } else {
            (
                badge.chars().next().unwrap_or(' ').to_string(),
                short_title(id).to_string(),
            )
        };
        let mark = if i == selected { "▸" } else { " " };
        let left = format!("{mark}{} {}", i + 1, title);
        let room = w.saturating_sub(text::width(&badge_text) + 1);
        let line = Line::from(vec![
            Span::styled(
                text::pad(&left, room),
                theme.base.add_modifier(Modifier::BOLD),
            ),
            Span::raw(" "),
            Span::styled(badge_text, st),
        ]);
        text::put_line(buf, area, area.x, y, &line, area.width);
        if i == selected {
            let style = if focused {
                theme.selection
            } else {
                Style::default().add_modifier(Modifier::BOLD)
            };
            buf.set_style(
                Rect::new(area.x, y, area.width, 1).intersection(area),
                style,
            );
        }
        let top = y;
        y += 1;
        if full && y < area.bottom() {
            let sub = format!(
                "   {} · {}",
                inert(&p.persona),
                inert(&markdown::first_line(&p.summary))
            );
            text::put_str(buf, area, area.x, y, &text::truncate(&sub, w), theme.muted);
            y += 1;
        }
        hits.push((
            Rect::new(area.x, top, area.width, y - top).intersection(area),
            i,
        ));
    }
    if !full {
        // the rows show only the glyphs: say what they mean in the rows left below
        let rows = area.bottom().saturating_sub(y) as usize;
        for line in status_legend(w, rows) {
            text::put_str(buf, area, area.x, y, &line, theme.muted);
            y += 1;
        }
    }
    hits
}

/// The status glyphs explained in at most `rows` lines of `width` cells: the badges' own
/// words when they fit, else one line of short words (`○ new ◐ doing ● ok ▲ risk`).
pub(super) fn status_legend(width: usize, rows: usize) -> Vec<String> {
    if rows == 0 {
        return Vec::new();
    }
    let statuses = [
        PhaseStatus::NotStarted,
        PhaseStatus::InProgress,
        PhaseStatus::Healthy,
        PhaseStatus::AtRisk,
    ];
    let mut lines: Vec<String> = Vec::new();
    for badge in statuses.map(status_badge) {
        match lines.last_mut() {
            Some(l) if text::width(l) + 2 + text::width(badge) <= width => {
                l.push_str("  ");
                l.push_str(badge);
            }
            _ => lines.push(badge.to_string()),
        }
    }
    if lines.len() <= rows && lines.iter().all(|l| text::width(l) <= width) {
        return lines;
    }
    vec![text::truncate("○ new ◐ doing ● ok ▲ risk", width).into_owned()]
}

/// `1 Clarity │ 2 Challenge │ …` on one line for narrow areas.
pub(super) fn strip(
    selected: usize,
    ctx: &Ctx,
    area: Rect,
    buf: &mut Buffer,
    focused: bool,
) -> Vec<(Rect, Hit)> {
    let mut hits = Vec::new();
    let mut x = area.x;
    for (i, id) in PhaseId::ALL.into_iter().enumerate() {
        let p = phase_of(ctx.ws, id);
        let label = format!(
            "{}{} {}",
            status_badge(p.status).chars().next().unwrap_or(' '),
            i + 1,
            if area.width >= 44 {
                short_title(id)
            } else {
                ""
            }
        );
        let mut style = ctx.theme.phase_status[status_index(p.status)];
        if i == selected {
            style = if focused {
                style.patch(ctx.theme.selection)
            } else {
                style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            };
        }
        text::put_str(buf, area, x, area.y, label.trim_end(), style);
        let w = text::width(label.trim_end()) as u16;
        hits.push((Rect::new(x, area.y, w, 1).intersection(area), Hit::Phase(i)));
        x = x.saturating_add(w + 1);
    }
    hits
}

// ------------------------------------------------------------------ content
