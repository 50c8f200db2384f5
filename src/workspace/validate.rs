//! Cross-file checks, run once every file is loaded: references resolve, ADR numbers are
//! unique, supersede chains agree in both directions, metrics do not drive in circles.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, Severity};
use super::id_index::IdIndex;
use super::load::fields::{did_you_mean, RefSite, HINTED_MISSES};
use super::load::Scope;
use super::model::*;
use super::reference::{RefKind, Reference};

pub(crate) fn validate(ws: &mut Workspace, refs: &[RefSite], scope: Scope) {
    let mut out = Vec::new();
    let ids = IdIndex::build(ws);
    dangling(ws, &ids, refs, scope, &mut out);
    duplicate_numbers(ws, &mut out);
    supersede_agreement(ws, &mut out);
    supersede_cycles(ws, refs, &mut out);
    if scope == Scope::Full {
        drives_cycles(ws, &ids, &mut out);
    }
    ws.diagnostics.extend(out);
}

fn path_of(ws: &Workspace, file: usize) -> PathBuf {
    ws.file_path(file)
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn at(
    ws: &Workspace,
    o: Origin,
    severity: Severity,
    code: &'static str,
    message: String,
    target: Option<Reference>,
) -> Diagnostic {
    Diagnostic {
        file: path_of(ws, o.file),
        line: o.line,
        col: o.col,
        severity,
        code,
        message,
        target,
    }
}

fn dangling(
    ws: &Workspace,
    ids: &IdIndex,
    refs: &[RefSite],
    scope: Scope,
    out: &mut Vec<Diagnostic>,
) {
    let mut hints_left = HINTED_MISSES;
    // listed once: scanning every file per dangling reference is quadratic in large workspaces
    let broken_files: Vec<&SourceFile> = ws.files.iter().filter(|f| f.broken).collect();
    for site in refs {
        let r = &site.reference;
        if scope.decisions_only() && r.kind != RefKind::Adr {
            continue; // the rest of the workspace was not loaded
        }
        if ids.resolve(ws, r).is_some() {
            continue;
        }
        let o = Origin {
            file: site.file,
            line: site.line,
            col: site.col,
        };
        // A reference into a file that failed to parse is not the referrer's fault.
        if let Some(broken) = broken_home(&broken_files, r) {
            out.push(at(
                ws,
                o,
                Severity::Warning,
                "unresolved-reference",
                format!(
                    "`{r}` cannot be checked: {} could not be read",
                    broken.display()
                ),
                site.owner.clone(),
            ));
            continue;
        }
        let hint = if hints_left > 0 {
            hints_left -= 1;
            suggestion(ws, r)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default()
        } else {
            String::new()
        };
        out.push(at(
            ws,
            o,
            Severity::Error,
            "dangling-reference",
            format!("`{r}` does not exist{hint}"),
            site.owner.clone(),
        ));
    }
}

/// The broken file that would hold the referenced document, if there is one.
fn broken_home<'w>(broken_files: &[&'w SourceFile], r: &Reference) -> Option<&'w Path> {
    let (kind, dir) = match r.kind {
        RefKind::Map => (FileKind::WardleyMap, "maps"),
        RefKind::Impact => (FileKind::ImpactMap, "impact"),
        RefKind::Adr => (FileKind::Decision, "decisions"),
        _ => (FileKind::Root, ""),
    };
    broken_files
        .iter()
        .filter(|f| f.kind == kind)
        .find(|f| {
            let stem = f.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            match r.kind {
                RefKind::Adr => {
                    r.adr_number().is_some()
                        && super::reference::parse_adr_number(
                            &stem[..stem.bytes().take_while(u8::is_ascii_digit).count()],
                        ) == r.adr_number()
                }
                RefKind::Map | RefKind::Impact => stem == r.doc && f.path.starts_with(dir),
                _ => true,
            }
        })
        .map(|f| f.path.as_path())
}

/// A near miss of the same kind, to offer as "did you mean".
fn suggestion(ws: &Workspace, r: &Reference) -> Option<String> {
    let pick = |names: Vec<&str>, wanted: &str| {
        did_you_mean(wanted, names.into_iter()).map(str::to_string)
    };
    let make = |doc: &str, item: Option<&str>| {
        Reference::new(r.kind, doc, item.map(str::to_string)).to_string()
    };
    match (r.kind, &r.item) {
        (RefKind::Map, Some(item)) => match ws.map(&r.doc) {
            Some(m) => pick(m.components.iter().map(|c| c.id.as_str()).collect(), item)
                .map(|i| make(&r.doc, Some(&i))),
            None => pick(ws.maps.iter().map(|m| m.id.as_str()).collect(), &r.doc)
                .map(|d| make(&d, Some(item))),
        },
        (RefKind::Map, None) => {
            pick(ws.maps.iter().map(|m| m.id.as_str()).collect(), &r.doc).map(|d| make(&d, None))
        }
        (RefKind::Impact, Some(item)) => match ws.impact_map(&r.doc) {
            Some(m) => {
                let ids = m
                    .actors
                    .iter()
                    .map(|a| a.id.as_str())
                    .chain(m.impacts.iter().map(|a| a.id.as_str()))
                    .chain(m.deliverables.iter().map(|a| a.id.as_str()))
                    .collect();
                pick(ids, item).map(|i| make(&r.doc, Some(&i)))
            }
            None => pick(
                ws.impact_maps.iter().map(|m| m.id.as_str()).collect(),
                &r.doc,
            )
            .map(|d| make(&d, Some(item))),
        },
        (RefKind::Impact, None) => pick(
            ws.impact_maps.iter().map(|m| m.id.as_str()).collect(),
            &r.doc,
        )
        .map(|d| make(&d, None)),
        (RefKind::Metric, _) => {
            pick(ws.metrics.iter().map(|m| m.id.as_str()).collect(), &r.doc).map(|d| make(&d, None))
        }
        (RefKind::Phase, _) => {
            pick(PhaseId::ALL.iter().map(|p| p.key()).collect(), &r.doc).map(|d| make(&d, None))
        }
        (RefKind::ValueStream, _) => pick(
            ws.value_streams.iter().map(|m| m.id.as_str()).collect(),
            &r.doc,
        )
        .map(|d| make(&d, None)),
        (RefKind::Pillar, _) => {
            pick(ws.pillars.iter().map(|m| m.id.as_str()).collect(), &r.doc).map(|d| make(&d, None))
        }
        (RefKind::Scenario, _) => {
            pick(ws.scenarios.iter().map(|m| m.id.as_str()).collect(), &r.doc)
                .map(|d| make(&d, None))
        }
        (RefKind::Review, _) => {
            pick(ws.reviews.iter().map(|m| m.id.as_str()).collect(), &r.doc).map(|d| make(&d, None))
        }
        (RefKind::Adr, _) => None,
    }
}

fn duplicate_numbers(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    // decisions are sorted by number, so duplicates sit side by side; within a run of one
    // number, the first record of each folder is remembered (not searched for: 30,000 records of
    // one number would make the search quadratic)
    let folder_of = |a: &Adr| ws.adr_folder_of(a).map(|(d, _)| d.to_path_buf());
    let mut firsts: HashMap<Option<PathBuf>, usize> = HashMap::new();
    for (i, dup) in ws.decisions.iter().enumerate() {
        // 0 is a real number (adr-tools and MADR folders start at 0000), so it is checked too
        if i == 0 || ws.decisions[i - 1].number != dup.number {
            firsts.clear();
        }
        // log4brains names records by slug: the date standing in for their number is no
        // identity, and two records of one day are no collision
        let alone = ws
            .decisions
            .get(i + 1)
            .is_none_or(|n| n.number != dup.number)
            && firsts.is_empty();
        if dup.source == AdrSource::Log4brains || alone {
            continue;
        }
        // a monorepo's folders number their records each from 1: a number is per folder
        let first_at = *firsts.entry(folder_of(dup)).or_insert(i);
        if first_at == i {
            continue;
        }
        let first = &ws.decisions[first_at];
        out.push(at(
            ws,
            dup.origin,
            Severity::Error,
            "duplicate-adr",
            format!(
                "ADR number {} is also used by {}: renumber one of them",
                dup.number,
                path_of(ws, first.origin.file).display()
            ),
            Some(dup.reference()),
        ));
    }
}

/// Decisions are sorted by number: binary search keeps 10,000 records cheap.
fn find_adr(ws: &Workspace, n: u32) -> Option<(usize, &Adr)> {
    let i = ws.decisions.partition_point(|a| a.number < n);
    ws.decisions
        .get(i)
        .filter(|a| a.number == n)
        .map(|a| (i, a))
}

fn supersede_agreement(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    // (record position, reference it lists) for both lists, hashed once: one record superseding 30,000
    // others made each of them scan its list of 30,000
    let listed = |field: fn(&Adr) -> &Vec<Reference>| -> HashSet<(usize, &Reference)> {
        ws.decisions
            .iter()
            .enumerate()
            .flat_map(|(i, a)| field(a).iter().map(move |r| (i, r)))
            .collect()
    };
    let supersedes = listed(|a| &a.supersedes);
    let superseded_by = listed(|a| &a.superseded_by);
    for a in &ws.decisions {
        if a.source != AdrSource::Toml {
            continue;
        }
        for r in &a.superseded_by {
            if let Some((b_at, b)) = r.adr_number().and_then(|n| find_adr(ws, n)) {
                if !supersedes.contains(&(b_at, &a.reference())) && b.number != a.number {
                    out.push(at(
                        ws,
                        a.origin,
                        Severity::Warning,
                        "supersede-mismatch",
                        format!(
                            "adr:{} says it is superseded by adr:{}, but adr:{} does not list it in `supersedes`",
                            a.number, b.number, b.number
                        ),
                        Some(a.reference()),
                    ));
                }
            }
        }
        for r in &a.supersedes {
            if let Some((b_at, b)) = r.adr_number().and_then(|n| find_adr(ws, n)) {
                if b.number == a.number {
                    continue;
                }
                if !superseded_by.contains(&(b_at, &a.reference()))
                    || b.status != AdrStatus::Superseded
                {
                    out.push(at(
                        ws,
                        a.origin,
                        Severity::Warning,
                        "supersede-mismatch",
                        format!(
                            "adr:{} supersedes adr:{}, which should then have status = \"superseded\" and superseded-by = [\"adr:{}\"]",
                            a.number, b.number, a.number
                        ),
                        Some(a.reference()),
                    ));
                }
            }
        }
    }
}

/// Records that supersede each other in a ring: none of them is current. Each record on a ring
/// is reported, where its file names the next one (its `superseded-by` entry) or else at the
/// record, with the ring as it goes round from it.
fn supersede_cycles(ws: &Workspace, refs: &[RefSite], out: &mut Vec<Diagnostic>) {
    use super::supersession::{chain_text, Graph};
    let graph = Graph::build(ws);
    for ring in graph.cycles() {
        // one cycle through the ring's first record; the others on it see it from themselves
        let Some(cycle) = graph.cycle_through(ring[0], &ring) else {
            continue;
        };
        let on_cycle = &cycle[..cycle.len() - 1];
        for &i in &ring {
            let a = &ws.decisions[i];
            let (message, next) = match on_cycle.iter().position(|&j| j == i) {
                Some(k) => {
                    let mut way: Vec<usize> = on_cycle[k..].to_vec();
                    way.extend(&on_cycle[..=k]);
                    let next = way.get(1).copied();
                    (
                        format!(
                            "{} is superseded in a circle ({}): no record of it is current; \
                             end the circle at the record that stands",
                            a.reference(),
                            chain_text(ws, &way)
                        ),
                        next,
                    )
                }
                None => (
                    format!(
                        "{} is superseded in a circle ({}, and it with them): no record of it \
                         is current; end the circle at the record that stands",
                        a.reference(),
                        chain_text(ws, &cycle)
                    ),
                    None,
                ),
            };
            // the entry that names the next record, when this file has one
            let site = next.and_then(|j| {
                let b = &ws.decisions[j];
                refs.iter().find(|s| {
                    s.file == a.origin.file
                        && s.reference.kind == RefKind::Adr
                        && ws
                            .decision_by(&s.reference)
                            .is_some_and(|x| std::ptr::eq(x, b))
                        && a.superseded_by.contains(&s.reference)
                })
            });
            let origin = match site {
                Some(s) => Origin {
                    file: s.file,
                    line: s.line,
                    col: s.col,
                },
                None => a.origin,
            };
            out.push(at(
                ws,
                origin,
                Severity::Error,
                "supersede-cycle",
                message,
                Some(a.reference()),
            ));
        }
    }
}

/// Each metric drives at most one other, so following `drives` from every metric walks a forest
/// of chains, some ending in a cycle. Each metric is visited once overall (a walk stops at the
/// first metric an earlier walk reached), which keeps a 10,000-long chain linear.
fn drives_cycles(ws: &Workspace, ids: &IdIndex, out: &mut Vec<Diagnostic>) {
    let next: Vec<Option<usize>> = ws
        .metrics
        .iter()
        .map(|m| ids.metric_position(ws, &m.drives.as_ref()?.doc))
        .collect();
    let on_cycle = metrics_on_cycles(&next);
    for (i, m) in ws.metrics.iter().enumerate() {
        // a metric that drives itself directly is not reported (it is its own, obvious, mistake)
        if on_cycle[i] && next[i] != Some(i) {
            out.push(at(
                ws,
                m.origin,
                Severity::Warning,
                "drives-cycle",
                format!("metric `{}` ends up driving itself through `drives`", m.id),
                Some(Reference::new(RefKind::Metric, m.id.clone(), None)),
            ));
        }
    }
}

/// Which nodes of a functional graph (`next[i]` is the one successor of `i`) lie on a cycle.
/// Linear: every node is entered once, then marked done.
pub(crate) fn metrics_on_cycles(next: &[Option<usize>]) -> Vec<bool> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; next.len()];
    let mut on_cycle = vec![false; next.len()];
    // where each node sits in the current walk (meaningful while it is ON_PATH)
    let mut place = vec![0; next.len()];
    let mut order = Vec::new();
    for start in 0..next.len() {
        if state[start] != NEW {
            continue;
        }
        order.clear();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                NEW => {
                    state[i] = ON_PATH;
                    place[i] = order.len();
                    order.push(i);
                    cur = next[i];
                }
                ON_PATH => {
                    // the walk came back to itself: everything from `i` on is the cycle
                    for &j in &order[place[i]..] {
                        on_cycle[j] = true;
                    }
                    break;
                }
                _ => break,
            }
        }
        for &j in &order {
            state[j] = DONE;
        }
    }
    on_cycle
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(number: u32, file: usize) -> Adr {
        let origin = Origin {
            file,
            line: 1,
            col: 1,
        };
        Adr::new(number, format!("R{number}"), AdrSource::Toml, origin)
    }

    #[test]
    fn every_duplicate_of_a_long_run_is_reported_against_the_first() {
        // 50,000 distinct numbers, then 50,000 records of one number: searching for the first
        // of the run from the start cost 50,000 steps per duplicate
        let mut ws = Workspace::default();
        for i in 0..100_000 {
            ws.decisions.push(record(i.min(50_000), i as usize));
            ws.files.push(SourceFile {
                path: PathBuf::from(format!("decisions/{i}.toml")),
                kind: FileKind::Decision,
                hash: 0,
                broken: false,
            });
        }
        let mut out = Vec::new();
        duplicate_numbers(&ws, &mut out);
        assert_eq!(out.len(), 49_999);
        assert!(out
            .iter()
            .all(|d| d.message.contains("decisions/50000.toml")));
    }

    #[test]
    fn one_record_superseding_100000_agrees_with_each_of_them() {
        let n = 100_000;
        let mut ws = Workspace::default();
        for i in 1..=n {
            let mut a = record(i, 0);
            a.status = AdrStatus::Superseded;
            a.superseded_by.push(Reference::adr(n + 1));
            ws.decisions.push(a);
        }
        let mut head = record(n + 1, 0);
        head.supersedes = (1..=n).map(Reference::adr).collect();
        ws.decisions.push(head);
        let mut out = Vec::new();
        supersede_agreement(&ws, &mut out);
        assert!(out.is_empty(), "{:?}", out.first().map(|d| &d.message));
        // and a record that does not answer is still caught
        ws.decisions[n as usize].supersedes.pop();
        supersede_agreement(&ws, &mut out);
        assert_eq!(out.len(), 1, "{:?}", out.first().map(|d| &d.message));
    }

    #[test]
    fn only_the_members_of_a_cycle_are_on_it() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 1 feeds it; 4 → 4 drives itself; 5 → 6 ends
        let next = [Some(1), Some(2), Some(0), Some(1), Some(4), Some(6), None];
        let on = metrics_on_cycles(&next);
        assert_eq!(on, [true, true, true, false, true, false, false]);
    }

    #[test]
    fn a_chain_of_100000_ending_in_a_loop_is_walked_once() {
        // 0 → 1 → … → 99,999 → 50,000: recursion would overflow, rescanning would be quadratic
        let n = 100_000;
        let next: Vec<Option<usize>> = (0..n)
            .map(|i| Some(if i + 1 < n { i + 1 } else { n / 2 }))
            .collect();
        let on = metrics_on_cycles(&next);
        assert_eq!(on.iter().filter(|&&c| c).count(), n / 2);
        assert!(!on[n / 2 - 1] && on[n / 2] && on[n - 1]);
    }
}
