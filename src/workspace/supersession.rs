//! Supersession as a graph: an edge from each record to each record that supersedes it, taken
//! from both sides (`superseded-by` of the old one, `supersedes` of the new one), so a chain
//! that only one side states is still a chain. A cycle in it (2 superseded by 3, 3 by 5, 5 by 2)
//! leaves no record of the chain current: the loader reports one (`supersede-cycle`) and the
//! edit engine refuses an edit that would close one.

use std::collections::{HashMap, VecDeque};

use super::model::{Adr, Workspace};
use super::reference::Reference;

/// Old → new edges between records, by index into `Workspace::decisions`.
pub(crate) struct Graph {
    next: Vec<Vec<usize>>,
}

impl Graph {
    pub(crate) fn build(ws: &Workspace) -> Graph {
        let n = ws.decisions.len();
        // log4brains slugs (and imported aliases) name records too; numbers go by binary search
        let slugs: HashMap<&str, usize> = ws
            .decisions
            .iter()
            .enumerate()
            .filter_map(|(i, a)| Some((a.slug.as_deref()?, i)))
            .collect();
        let find = |r: &Reference| -> Option<usize> {
            match r.adr_number() {
                Some(num) => {
                    let i = ws.decisions.partition_point(|a| a.number < num);
                    ws.decisions.get(i).filter(|a| a.number == num).map(|_| i)
                }
                None if r.kind == super::reference::RefKind::Adr => {
                    slugs.get(r.doc.as_str()).copied()
                }
                None => None,
            }
        };
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, a) in ws.decisions.iter().enumerate() {
            for r in &a.superseded_by {
                if let Some(j) = find(r) {
                    next[i].push(j);
                }
            }
            for r in &a.supersedes {
                if let Some(j) = find(r) {
                    next[j].push(i);
                }
            }
        }
        for out in &mut next {
            out.sort_unstable();
            out.dedup();
        }
        Graph { next }
    }

    /// The shortest way from `from` to `to` along supersessions (both ends included), if any.
    pub(crate) fn path(&self, from: usize, to: usize) -> Option<Vec<usize>> {
        self.path_within(from, to, |_| true)
    }

    /// A breadth-first walk from `from` that only enters nodes `inside` allows; `to` may be
    /// `from` itself (then the way is a cycle, `from` at both ends).
    fn path_within(
        &self,
        from: usize,
        to: usize,
        inside: impl Fn(usize) -> bool,
    ) -> Option<Vec<usize>> {
        let mut parent: HashMap<usize, usize> = HashMap::new();
        let mut queue = VecDeque::from([from]);
        while let Some(v) = queue.pop_front() {
            for &w in self.next.get(v)? {
                if w == to {
                    let mut way = vec![to, v];
                    let mut cur = v;
                    while cur != from {
                        cur = *parent.get(&cur)?;
                        way.push(cur);
                    }
                    way.reverse();
                    return Some(way);
                }
                if w != from && inside(w) && !parent.contains_key(&w) {
                    parent.insert(w, v);
                    queue.push_back(w);
                }
            }
        }
        None
    }

    /// The records that supersede each other in a ring, one list per ring (strongly connected
    /// components of two or more records; a record superseding itself is reported where it is
    /// read). Iterative Tarjan: a chain of 100,000 records needs no deep stack.
    pub(crate) fn cycles(&self) -> Vec<Vec<usize>> {
        const NONE: usize = usize::MAX;
        let n = self.next.len();
        let mut index = vec![NONE; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut out = Vec::new();
        let mut counter = 0;
        // (node, how many of its edges were followed)
        let mut work: Vec<(usize, usize)> = Vec::new();
        for start in 0..n {
            if index[start] != NONE || self.next[start].is_empty() {
                continue;
            }
            work.push((start, 0));
            while let Some(&mut (v, ref mut k)) = work.last_mut() {
                if *k == 0 && index[v] == NONE {
                    index[v] = counter;
                    low[v] = counter;
                    counter += 1;
                    stack.push(v);
                    on_stack[v] = true;
                }
                if let Some(&w) = self.next[v].get(*k) {
                    *k += 1;
                    if index[w] == NONE {
                        work.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut ring = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        ring.push(w);
                        if w == v {
                            break;
                        }
                    }
                    if ring.len() > 1 {
                        ring.sort_unstable();
                        out.push(ring);
                    }
                }
            }
        }
        out
    }

    /// One cycle through `at` inside `ring` (a component from [`Graph::cycles`]), `at` at both
    /// ends.
    pub(crate) fn cycle_through(&self, at: usize, ring: &[usize]) -> Option<Vec<usize>> {
        self.path_within(at, at, |v| ring.binary_search(&v).is_ok())
    }
}

/// `adr:2 → adr:3 → adr:5 → adr:2`; a long one keeps its ends and says how many are between.
pub(crate) fn chain_text(ws: &Workspace, way: &[usize]) -> String {
    let name = |i: usize| {
        ws.decisions
            .get(i)
            .map(|a: &Adr| a.reference().to_string())
            .unwrap_or_default()
    };
    const SHOWN: usize = 8;
    if way.len() <= SHOWN {
        return way.iter().map(|&i| name(i)).collect::<Vec<_>>().join(" → ");
    }
    let head: Vec<String> = way[..4].iter().map(|&i| name(i)).collect();
    let tail: Vec<String> = way[way.len() - 3..].iter().map(|&i| name(i)).collect();
    format!(
        "{} → … ({} more) → {}",
        head.join(" → "),
        way.len() - 7,
        tail.join(" → ")
    )
}

/// When `successor` already leads to `old` along supersessions (`old` is its successor, or
/// one further on), `old` superseded by it would close a circle: the way it already takes.
pub(crate) fn closes_loop(ws: &Workspace, old: &Adr, successor: &Adr) -> Option<String> {
    let (from, to) = (position(ws, successor)?, position(ws, old)?);
    let way = Graph::build(ws).path(from, to)?;
    Some(chain_text(ws, &way))
}

/// For each record that may not supersede `old` because `old` is already reached from it
/// (`old` superseded by it would close a circle): its index and the way it already takes. One
/// walk back from `old`, so a picker can mark every such record at once.
pub(crate) fn would_loop(ws: &Workspace, old: &Adr) -> Vec<(usize, String)> {
    let Some(to) = position(ws, old) else {
        return Vec::new();
    };
    let graph = Graph::build(ws);
    let mut back: Vec<Vec<usize>> = vec![Vec::new(); graph.next.len()];
    for (v, outs) in graph.next.iter().enumerate() {
        for &w in outs {
            back[w].push(v);
        }
    }
    // walking back from `old`, the record each one was first reached from is its next step
    // on a shortest way to `old`: the ways come with the walk, no search per record
    let mut toward: Vec<Option<usize>> = vec![None; back.len()];
    let mut queue = VecDeque::from([to]);
    let mut out = Vec::new();
    while let Some(v) = queue.pop_front() {
        for &u in &back[v] {
            if u == to || toward[u].is_some() {
                continue;
            }
            toward[u] = Some(v);
            queue.push_back(u);
            let mut way = vec![u];
            let mut at = u;
            while let Some(next) = toward[at] {
                way.push(next);
                at = next;
            }
            out.push((u, chain_text(ws, &way)));
        }
    }
    out
}

/// Where `adr` sits in `ws.decisions` (it is a reference into it).
pub(crate) fn position(ws: &Workspace, adr: &Adr) -> Option<usize> {
    ws.decisions.iter().position(|a| std::ptr::eq(a, adr))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(next: Vec<Vec<usize>>) -> Graph {
        Graph { next }
    }

    #[test]
    fn rings_are_found_and_a_chain_is_none() {
        // 0 → 1 → 2 → 0, 3 → 4 (a chain), 5 → 5 (itself: reported elsewhere)
        let g = graph(vec![vec![1], vec![2], vec![0], vec![4], vec![], vec![5]]);
        assert_eq!(g.cycles(), vec![vec![0, 1, 2]]);
        assert_eq!(g.cycle_through(1, &[0, 1, 2]), Some(vec![1, 2, 0, 1]));
        assert_eq!(g.path(3, 4), Some(vec![3, 4]));
        assert_eq!(g.path(4, 3), None);
        assert_eq!(g.path(0, 2), Some(vec![0, 1, 2]));
    }

    #[test]
    fn a_chain_of_100000_into_a_loop_is_one_ring_of_two() {
        let n = 100_000;
        let mut next: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        next[n - 1] = vec![n - 2];
        let g = graph(next);
        assert_eq!(g.cycles(), vec![vec![n - 2, n - 1]]);
        assert_eq!(g.path(0, n - 1).map(|p| p.len()), Some(n));
    }
}
