//! The second pass: ids for components, then everything that names them (pipelines,
//! evolves, links, legacy sourcing lines) resolved, with a diagnostic for what cannot be.

use super::*;

impl Reader {
    /// Second pass: ids, pipelines, legacy sourcing lines, evolves and links.
    pub(super) fn resolve(&mut self) {
        // `url` names become kebab-case ids (the workspace format's rule); submaps follow.
        let mut url_ids = IdAllocator::default();
        let mut url_names: HashMap<String, String> = HashMap::new();
        for u in &mut self.map.urls {
            let id = url_ids.allocate(&u.id);
            url_names
                .entry(std::mem::replace(&mut u.id, id.clone()))
                .or_insert(id);
        }
        for c in &mut self.comps {
            if let Some(id) = c.url.as_ref().and_then(|u| url_names.get(u)) {
                c.url = Some(id.clone());
            }
        }
        let mut ids = IdAllocator::default();
        let mut exact: HashMap<String, usize> = HashMap::new();
        let mut loose: HashMap<String, usize> = HashMap::new();
        let comps = std::mem::take(&mut self.comps);
        for (i, raw) in comps.iter().enumerate() {
            let at = At {
                line: raw.line,
                col: raw.col,
            };
            if exact.contains_key(&raw.name) {
                self.warn(
                    at,
                    "duplicate-name",
                    format!(
                        "a second component named `{}`; links by name go to the first",
                        clip(&raw.name)
                    ),
                );
            }
            exact.entry(raw.name.clone()).or_insert(i);
            loose.entry(normalise_name(&raw.name)).or_insert(i);
            let origin = self.origin(at);
            self.map.components.push(Component {
                id: ids.allocate(&raw.name),
                name: raw.name.clone(),
                kind: raw.kind,
                visibility: raw.pos[0],
                evolution: raw.pos[1],
                needs: Vec::new(),
                inertia: raw.inertia,
                evolve: raw.evolve,
                evolve_name: None,
                sourcing: raw.sourcing.clone(),
                label: raw.label,
                pipeline: None,
                url: raw.url.clone(),
                note: String::new(),
                links: Vec::new(),
                origin,
            });
        }
        let lookup = |name: &str| -> Option<usize> {
            exact
                .get(name)
                .or_else(|| loose.get(&normalise_name(name)))
                .copied()
        };

        // Pipelines: find the component that holds each; children take its visibility.
        // Children and loose parent names are grouped once: per pipeline scans are quadratic.
        let pipelines = std::mem::take(&mut self.pipelines);
        let mut children_of: Vec<Vec<usize>> = vec![Vec::new(); pipelines.len()];
        let mut loose_parents: HashMap<String, usize> = HashMap::new();
        for (i, c) in comps.iter().enumerate() {
            match c.block {
                Some(pi) => {
                    if let Some(list) = children_of.get_mut(pi) {
                        list.push(i);
                    }
                }
                None => {
                    loose_parents.entry(normalise_name(&c.name)).or_insert(i);
                }
            }
        }
        let mut piped: HashSet<String> = HashSet::new();
        for (pi, raw) in pipelines.iter().enumerate() {
            let at = At {
                line: raw.line,
                col: raw.col,
            };
            let parent = exact
                .get(&raw.name)
                .filter(|&&i| comps[i].block.is_none())
                .copied()
                .or_else(|| loose_parents.get(&normalise_name(&raw.name)).copied());
            let children = std::mem::take(&mut children_of[pi]);
            let Some(parent) = parent else {
                self.warn(
                    at,
                    "dangling-link",
                    format!(
                        "pipeline `{}` has no component of that name (OWM draws nothing); {} child component(s) kept as plain components",
                        clip(&raw.name),
                        children.len()
                    ),
                );
                continue;
            };
            let parent_id = self.map.components[parent].id.clone();
            let parent_v = self.map.components[parent].visibility;
            if !piped.insert(parent_id.clone()) {
                self.warn(
                    at,
                    "duplicate-name",
                    format!(
                        "a second pipeline on `{}`; its children join the first",
                        clip(&raw.name)
                    ),
                );
            } else {
                let origin = self.origin(at);
                self.map.pipelines.push(Pipeline {
                    component: parent_id.clone(),
                    range: raw.range,
                    origin,
                });
            }
            for c in children {
                let child = &mut self.map.components[c];
                child.pipeline = Some(parent_id.clone());
                child.visibility = parent_v;
            }
        }

        for m in std::mem::take(&mut self.methods) {
            let at = At {
                line: m.line,
                col: m.col,
            };
            let word = m.sourcing.as_str();
            match lookup(&m.name) {
                Some(i) => {
                    self.warn(
                        at,
                        "owm-legacy",
                        format!(
                            "legacy `{word} NAME` line (OWM now ignores it); applied as `({word})`"
                        ),
                    );
                    let c = &mut self.map.components[i];
                    if !c.sourcing.contains(&m.sourcing) {
                        c.sourcing.push(m.sourcing);
                    }
                }
                None => self.warn(
                    at,
                    "dangling-link",
                    format!(
                        "legacy `{word}` names no component: `{}`; ignored",
                        clip(&m.name)
                    ),
                ),
            }
        }

        for e in std::mem::take(&mut self.evolves) {
            let at = At {
                line: e.line,
                col: e.col,
            };
            let (target, maturity) = match (&e.whole_number, lookup(&e.name)) {
                (None, Some(i)) => (Some(i), e.maturity.unwrap_or(DEFAULT_EVOLVE)),
                (Some(num), Some(i)) => {
                    let m = num.parse::<f64>().unwrap_or(DEFAULT_EVOLVE);
                    self.warn(
                        at,
                        "owm-syntax",
                        format!(
                            "OWM needs a decimal point in the maturity (`{num}.0`); read as {m}"
                        ),
                    );
                    (Some(i), m)
                }
                (Some(num), None) => {
                    // OWM's reading: the number is part of the name, maturity 0.85.
                    let whole = format!("{} {num}", e.name);
                    (lookup(&whole), DEFAULT_EVOLVE)
                }
                (None, None) => (None, DEFAULT_EVOLVE),
            };
            let Some(i) = target else {
                self.warn(
                    at,
                    "dangling-link",
                    format!("evolve names no component: `{}`; ignored", clip(&e.name)),
                );
                continue;
            };
            let c = &mut self.map.components[i];
            if c.evolve.is_some() {
                self.warn(
                    at,
                    "duplicate-name",
                    format!("`{}` is evolved twice; the last evolve kept", clip(&e.name)),
                );
            }
            let c = &mut self.map.components[i];
            c.evolve = Some(maturity);
            c.evolve_name = e.new_name.filter(|n| !n.is_empty());
        }

        // (from, need) pairs kept so far: one component may have thousands of links
        let mut kept: HashSet<KeptLink> = HashSet::new();
        for l in std::mem::take(&mut self.links) {
            let at = At {
                line: l.line,
                col: l.col,
            };
            let (from, to) = (lookup(&l.from), lookup(&l.to));
            let (Some(from), Some(to)) = (from, to) else {
                let missing: Vec<String> = [(&l.from, from), (&l.to, to)]
                    .iter()
                    .filter(|(_, found)| found.is_none())
                    .map(|(n, _)| format!("`{}`", clip(n)))
                    .collect();
                self.warn(
                    at,
                    "dangling-link",
                    format!("link to no component ({}); not kept", missing.join(" and ")),
                );
                continue;
            };
            let need = Need {
                to: self.map.components[to].id.clone(),
                flow: l.flow,
                label: l.label,
                context: l.context,
            };
            let key = (
                from,
                need.to.clone(),
                need.flow as u8,
                need.label.clone(),
                need.context.clone(),
            );
            if !kept.insert(key) {
                self.warn(
                    at,
                    "duplicate-link",
                    format!(
                        "duplicate link `{}` → `{}`; kept once",
                        clip(&l.from),
                        clip(&l.to)
                    ),
                );
            } else {
                self.map.components[from].needs.push(need);
            }
        }
    }
}
