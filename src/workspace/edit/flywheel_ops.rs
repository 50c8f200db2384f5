//! The flywheel operations: each edits `wheelhouse.toml` through toml_edit (metric samples,
//! phase status, the lists of challenges, moves and pillar actions, reviews, pillar risk, value
//! stream steps).

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

use super::impact_ops::number;
use super::toml_util::{
    array_field, multiline_prefix, push, push_on_own_line, remove, section, set,
};
use super::{one_line, plan_in_file, Done, Plan};
use crate::workspace::error::{Result, WorkspaceError};
use crate::workspace::model::{FileKind, PhaseId, PhaseStatus, Risk, Waste, Workspace};
use crate::workspace::reference::{is_valid_id, RefKind, Reference};

/// A list of one-line entries in `wheelhouse.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryList {
    Challenges(PhaseId),
    Moves(PhaseId),
    PillarActions(String),
    ReviewActions(String),
}

impl EntryList {
    fn table(&self) -> (&'static str, String) {
        match self {
            EntryList::Challenges(p) | EntryList::Moves(p) => ("phase", p.key().to_string()),
            EntryList::PillarActions(id) => ("pillar", id.clone()),
            EntryList::ReviewActions(id) => ("review", id.clone()),
        }
    }

    fn key(&self) -> &'static str {
        match self {
            EntryList::Challenges(_) => "challenges",
            EntryList::Moves(_) => "moves",
            EntryList::PillarActions(_) | EntryList::ReviewActions(_) => "actions",
        }
    }

    /// "the challenges of clarity"
    pub fn describe(&self) -> String {
        let (kind, id) = self.table();
        format!("the {} of {kind} {id}", self.key())
    }

    /// The entries as loaded.
    pub fn entries<'w>(&self, ws: &'w Workspace) -> Option<&'w [String]> {
        match self {
            EntryList::Challenges(p) => ws
                .phases
                .iter()
                .find(|x| x.id == *p)
                .map(|x| x.challenges.as_slice()),
            EntryList::Moves(p) => ws
                .phases
                .iter()
                .find(|x| x.id == *p)
                .map(|x| x.moves.as_slice()),
            EntryList::PillarActions(id) => ws
                .pillars
                .iter()
                .find(|x| &x.id == id)
                .map(|x| x.actions.as_slice()),
            EntryList::ReviewActions(id) => ws
                .reviews
                .iter()
                .find(|x| &x.id == id)
                .map(|x| x.actions.as_slice()),
        }
    }
}

/// A field of a value-stream step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    /// Process time.
    Pt,
    /// Lead time.
    Lt,
    /// Percent complete and accurate: `0.7`, `70%` or `70`.
    Ca,
    /// Waste letters (`WDE`) or keys (`waiting, defects`).
    Waste,
}

impl StepField {
    pub const ALL: [StepField; 4] = [
        StepField::Pt,
        StepField::Lt,
        StepField::Ca,
        StepField::Waste,
    ];

    pub fn key(self) -> &'static str {
        match self {
            StepField::Pt => "pt",
            StepField::Lt => "lt",
            StepField::Ca => "ca",
            StepField::Waste => "waste",
        }
    }

    pub fn parse(text: &str) -> Option<StepField> {
        StepField::ALL.into_iter().find(|f| f.key() == text)
    }
}

/// A flywheel edit.
#[derive(Debug, Clone, PartialEq)]
pub enum FlywheelOp {
    /// A measurement of a metric on a day. The same value again for that day changes nothing;
    /// another value for a day that has one is refused.
    RecordSample {
        metric: String,
        date: String,
        value: f64,
    },
    SetPhaseStatus {
        phase: PhaseId,
        status: PhaseStatus,
    },
    AddEntry {
        list: EntryList,
        text: String,
    },
    EditEntry {
        list: EntryList,
        index: usize,
        text: String,
    },
    RemoveEntry {
        list: EntryList,
        index: usize,
    },
    /// One place up (`-1`) or down (`1`).
    MoveEntry {
        list: EntryList,
        index: usize,
        by: i32,
    },
    /// A dated review: a score 0..3 per tenet of each phase scored, actions and notes.
    NewReview {
        id: String,
        date: String,
        facilitator: String,
        scores: Vec<(PhaseId, Vec<u8>)>,
        actions: Vec<String>,
        notes: String,
    },
    SetReviewNotes {
        review: String,
        notes: String,
    },
    SetPillarRisk {
        pillar: String,
        risk: Risk,
    },
    /// A step of a value stream (by its place in the stream), one field.
    SetStep {
        stream: String,
        step: usize,
        field: StepField,
        value: String,
    },
}

fn refuse(msg: String) -> WorkspaceError {
    WorkspaceError::Invalid(msg)
}

pub fn status_key(s: PhaseStatus) -> &'static str {
    match s {
        PhaseStatus::NotStarted => "not-started",
        PhaseStatus::InProgress => "in-progress",
        PhaseStatus::Healthy => "healthy",
        PhaseStatus::AtRisk => "at-risk",
    }
}

pub fn parse_status(text: &str) -> Option<PhaseStatus> {
    [
        PhaseStatus::NotStarted,
        PhaseStatus::InProgress,
        PhaseStatus::Healthy,
        PhaseStatus::AtRisk,
    ]
    .into_iter()
    .find(|s| status_key(*s) == text)
}

/// The status after `s`, in the order a phase usually goes.
pub fn next_status(s: PhaseStatus) -> PhaseStatus {
    match s {
        PhaseStatus::NotStarted => PhaseStatus::InProgress,
        PhaseStatus::InProgress => PhaseStatus::Healthy,
        PhaseStatus::Healthy => PhaseStatus::AtRisk,
        PhaseStatus::AtRisk => PhaseStatus::NotStarted,
    }
}

pub fn risk_key(r: Risk) -> &'static str {
    match r {
        Risk::None => "none",
        Risk::Medium => "medium",
        Risk::High => "high",
        Risk::Unanswered => "unanswered",
    }
}

pub fn parse_risk(text: &str) -> Option<Risk> {
    [Risk::None, Risk::Medium, Risk::High, Risk::Unanswered]
        .into_iter()
        .find(|r| risk_key(*r) == text)
}

pub fn next_risk(r: Risk) -> Risk {
    match r {
        Risk::Unanswered => Risk::None,
        Risk::None => Risk::Medium,
        Risk::Medium => Risk::High,
        Risk::High => Risk::Unanswered,
    }
}

/// Today's date (UTC) as YYYY-MM-DD.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::workspace::load::date_from_days((secs / 86_400) as i64)
}

/// A number as it is shown and written: `21300`, not `21300.0`.
pub fn show_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn number_value(v: f64) -> Value {
    number(&show_number(v)).unwrap_or_else(|| Value::from(v))
}

fn date_value(text: &str) -> Result<Value> {
    if !crate::workspace::load::valid_date(text) {
        return Err(refuse(format!(
            "`{text}` is not a date YYYY-MM-DD of the calendar"
        )));
    }
    let d: toml_edit::Datetime = text
        .parse()
        .map_err(|_| refuse(format!("`{text}` is not a date")))?;
    Ok(Value::from(d))
}

pub(super) fn plan(ws: &Workspace, op: &FlywheelOp) -> Result<Plan> {
    let file = ws
        .files
        .iter()
        .position(|f| f.kind == FileKind::Root)
        .filter(|_| ws.mode == crate::workspace::Mode::Full)
        .ok_or_else(|| {
            refuse(
                "there is no wheelhouse.toml here: the flywheel lives in a workspace (make one \
                 with `wh init`)"
                    .into(),
            )
        })?;
    plan_in_file(ws, file, |doc, _| edit(ws, doc, op))
}

/// `[KIND.ID]`, made when missing (a phase or pillar the file leaves to its defaults).
fn entry_table<'d>(doc: &'d mut DocumentMut, kind: &str, id: &str) -> Result<&'d mut Table> {
    let parent = section(doc, kind).ok_or_else(|| refuse(format!("`{kind}` is not a table")))?;
    if !parent.contains_key(id) {
        parent.insert(id, Item::Table(Table::new()));
    }
    parent
        .get_mut(id)
        .and_then(Item::as_table_mut)
        .ok_or_else(|| refuse(format!("[{kind}.{id}] is not written as a table")))
}

fn edit(ws: &Workspace, doc: &mut DocumentMut, op: &FlywheelOp) -> Result<Done> {
    match op {
        FlywheelOp::RecordSample {
            metric,
            date,
            value,
        } => record(ws, doc, metric, date, *value),
        FlywheelOp::SetPhaseStatus { phase, status } => {
            let t = entry_table(doc, "phase", phase.key())?;
            set(t, "status", status_key(*status));
            Ok((
                format!("{}: {}", title_of(ws, *phase), status_key(*status)),
                Some(Reference::new(RefKind::Phase, phase.key(), None)),
            ))
        }
        FlywheelOp::AddEntry { list, text } => {
            let text = one_line(text, "the text")?;
            let a = list_mut(ws, doc, list)?;
            push(a, text);
            Ok((format!("added to {}: {text}", list.describe()), owner(list)))
        }
        FlywheelOp::EditEntry { list, index, text } => {
            let text = one_line(text, "the text")?;
            let a = list_mut(ws, doc, list)?;
            let v = a
                .get_mut(*index)
                .ok_or_else(|| refuse(format!("{} has no entry {}", list.describe(), index + 1)))?;
            let decor = v.decor().clone();
            *v = Value::from(text);
            *v.decor_mut() = decor;
            Ok((
                format!("changed in {}: {text}", list.describe()),
                owner(list),
            ))
        }
        FlywheelOp::RemoveEntry { list, index } => {
            let a = list_mut(ws, doc, list)?;
            if *index >= a.len() {
                return Err(refuse(format!(
                    "{} has no entry {}",
                    list.describe(),
                    index + 1
                )));
            }
            let gone = a
                .get(*index)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let mut i = 0;
            super::toml_util::retain(a, |_| {
                i += 1;
                i != index + 1
            });
            Ok((
                format!("removed from {}: {gone}", list.describe()),
                owner(list),
            ))
        }
        FlywheelOp::MoveEntry { list, index, by } => {
            let a = list_mut(ws, doc, list)?;
            let to = *index as i64 + i64::from(by.signum());
            if *index >= a.len() {
                return Err(refuse(format!(
                    "{} has no entry {}",
                    list.describe(),
                    index + 1
                )));
            }
            if *by == 0 || to < 0 || to as usize >= a.len() {
                return Ok((
                    format!("already the {}", if *by < 0 { "first" } else { "last" }),
                    owner(list),
                ));
            }
            swap_values(a, *index, to as usize);
            Ok((
                format!(
                    "moved {} in {}",
                    if *by < 0 { "up" } else { "down" },
                    list.describe()
                ),
                owner(list),
            ))
        }
        FlywheelOp::NewReview {
            id,
            date,
            facilitator,
            scores,
            actions,
            notes,
        } => new_review(ws, doc, id, date, facilitator, scores, actions, notes),
        FlywheelOp::SetReviewNotes { review, notes } => {
            if !ws.reviews.iter().any(|r| &r.id == review) {
                return Err(refuse(format!("no review `{review}`")));
            }
            let t = entry_table(doc, "review", review)?;
            if notes.trim().is_empty() {
                remove(t, "notes");
            } else {
                set(t, "notes", notes.trim());
            }
            Ok((
                format!("review {review}: notes changed"),
                Some(Reference::new(RefKind::Review, review, None)),
            ))
        }
        FlywheelOp::SetPillarRisk { pillar, risk } => {
            if !ws.pillars.iter().any(|p| &p.id == pillar) {
                return Err(refuse(format!("no pillar `{pillar}` in wheelhouse.toml")));
            }
            let t = entry_table(doc, "pillar", pillar)?;
            set(t, "risk", risk_key(*risk));
            Ok((
                format!("{pillar}: risk {}", risk_key(*risk)),
                Some(Reference::new(RefKind::Pillar, pillar, None)),
            ))
        }
        FlywheelOp::SetStep {
            stream,
            step,
            field,
            value,
        } => set_step(ws, doc, stream, *step, *field, value),
    }
}

fn title_of(ws: &Workspace, phase: PhaseId) -> String {
    ws.phases
        .iter()
        .find(|p| p.id == phase)
        .map_or_else(|| phase.default_title().to_string(), |p| p.title.clone())
}

fn owner(list: &EntryList) -> Option<Reference> {
    Some(match list {
        EntryList::Challenges(p) | EntryList::Moves(p) => {
            Reference::new(RefKind::Phase, p.key(), None)
        }
        EntryList::PillarActions(id) => Reference::new(RefKind::Pillar, id, None),
        EntryList::ReviewActions(id) => Reference::new(RefKind::Review, id, None),
    })
}

fn list_mut<'d>(
    ws: &Workspace,
    doc: &'d mut DocumentMut,
    list: &EntryList,
) -> Result<&'d mut Array> {
    if list.entries(ws).is_none() {
        let (kind, id) = list.table();
        return Err(refuse(format!("no {kind} `{id}` in wheelhouse.toml")));
    }
    let (kind, id) = list.table();
    let t = entry_table(doc, kind, &id)?;
    array_field(t, list.key())
        .ok_or_else(|| refuse(format!("`{}` of [{kind}.{id}] is not a list", list.key())))
}

/// Swaps two elements keeping each place's spacing (the first element's and the last one's
/// decor belong to the brackets' layout).
fn swap_values(a: &mut Array, i: usize, j: usize) {
    let (Some(x), Some(y)) = (a.get(i).cloned(), a.get(j).cloned()) else {
        return;
    };
    let (dx, dy) = (x.decor().clone(), y.decor().clone());
    let mut nx = y;
    *nx.decor_mut() = dx;
    let mut ny = x;
    *ny.decor_mut() = dy;
    a.replace_formatted(i, nx);
    a.replace_formatted(j, ny);
}

fn record(
    ws: &Workspace,
    doc: &mut DocumentMut,
    metric: &str,
    date: &str,
    value: f64,
) -> Result<Done> {
    let m = ws
        .metric(metric)
        .ok_or_else(|| refuse(format!("no metric `{metric}` in wheelhouse.toml")))?;
    if !value.is_finite() {
        return Err(refuse(format!("{value} is not a number to record")));
    }
    let date_v = date_value(date)?;
    let focus = Some(Reference::new(RefKind::Metric, metric, None));
    let unit = if m.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", m.unit)
    };
    if let Some(s) = m.samples.iter().find(|s| s.date == date) {
        if s.value == value {
            return Ok((
                format!(
                    "{}: {}{unit} on {date} already recorded",
                    m.name,
                    show_number(value)
                ),
                focus,
            ));
        }
        return Err(refuse(format!(
            "{} already has {}{unit} for {date}, not {}: edit wheelhouse.toml if the first \
             one was wrong",
            m.name,
            show_number(s.value),
            show_number(value)
        )));
    }
    let t = entry_table(doc, "metric", metric)?;
    let samples = array_field(t, "samples")
        .ok_or_else(|| refuse(format!("`samples` of [metric.{metric}] is not a list")))?;
    let mut sample = InlineTable::new();
    sample.insert("date", date_v);
    sample.insert("value", number_value(value));
    // in date order when the file keeps them so; else at the end
    let dates: Vec<String> = samples
        .iter()
        .map(|v| {
            v.as_inline_table()
                .and_then(|t| t.get("date"))
                .map(|d| d.to_string().trim().trim_matches('"').to_string())
                .unwrap_or_default()
        })
        .collect();
    let sorted = dates.windows(2).all(|w| w[0] <= w[1]);
    let at = if sorted {
        dates
            .iter()
            .position(|d| d.as_str() > date)
            .unwrap_or(dates.len())
    } else {
        dates.len()
    };
    insert_like(samples, at, Value::InlineTable(sample));
    Ok((
        format!("{}: {}{unit} on {date}", m.name, show_number(value)),
        focus,
    ))
}

/// Inserts at `at`, formatted like its neighbours: one per line or all on one line.
fn insert_like(a: &mut Array, at: usize, mut v: Value) {
    if at >= a.len() {
        let text = v.clone();
        if let Some(s) = text.as_str() {
            push(a, s);
            return;
        }
        match multiline_prefix(a) {
            Some(prefix) => push_on_own_line(a, v, prefix),
            None => {
                if a.is_empty() {
                    a.push_formatted(v);
                } else {
                    v.decor_mut().set_prefix(" ");
                    let suffix = a
                        .get(a.len() - 1)
                        .and_then(|l| l.decor().suffix())
                        .and_then(|s| s.as_str())
                        .unwrap_or("")
                        .to_string();
                    if let Some(last) = a.get_mut(a.len() - 1) {
                        last.decor_mut().set_suffix("");
                    }
                    v.decor_mut().set_suffix(suffix);
                    a.push_formatted(v);
                }
            }
        }
        return;
    }
    // before an element: take its place's decor, give it the same
    let decor = a.get(at).map(|n| n.decor().clone());
    if let Some(d) = decor {
        let first = at == 0;
        if first {
            // the new first element takes the bracket-side prefix; the old first one gets
            // the prefix of a middle element (the second's, or one space)
            let middle = a
                .get(1)
                .and_then(|n| n.decor().prefix())
                .and_then(|p| p.as_str())
                .map(str::to_string)
                .or_else(|| {
                    d.prefix()
                        .and_then(|p| p.as_str())
                        .filter(|p| p.contains('\n'))
                        .map(str::to_string)
                })
                .unwrap_or_else(|| " ".into());
            if let Some(old) = a.get_mut(0) {
                old.decor_mut().set_prefix(middle);
            }
        }
        let prefix = d
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string();
        v.decor_mut().set_prefix(prefix);
        v.decor_mut().set_suffix("");
        a.insert_formatted(at, v);
    }
}

#[allow(clippy::too_many_arguments)]
fn new_review(
    ws: &Workspace,
    doc: &mut DocumentMut,
    id: &str,
    date: &str,
    facilitator: &str,
    scores: &[(PhaseId, Vec<u8>)],
    actions: &[String],
    notes: &str,
) -> Result<Done> {
    if !is_valid_id(id) {
        return Err(refuse(format!(
            "`{id}` is not a review id: use lower-case letters, digits and dashes"
        )));
    }
    if ws.reviews.iter().any(|r| r.id == id) {
        return Err(refuse(format!("a review `{id}` already exists")));
    }
    let date_v = date_value(date)?;
    // the same review again (a script run twice) changes nothing, as a metric sample does
    let same = ws.reviews.iter().find(|r| {
        r.date == date
            && r.facilitator.trim() == facilitator.trim()
            && r.notes.trim() == notes.trim()
            && r.actions
                .iter()
                .map(|a| a.trim())
                .eq(actions.iter().map(|a| a.trim()))
            && r.scores.len() == scores.len()
            && scores.iter().all(|(p, v)| r.scores.get(p) == Some(v))
    });
    if let Some(r) = same {
        return Ok((
            format!("the review of {date} is already recorded, as `{}`", r.id),
            Some(Reference::new(RefKind::Review, &r.id, None)),
        ));
    }
    let mut t = Table::new();
    t.insert("date", Item::Value(date_v));
    if !facilitator.trim().is_empty() {
        t.insert(
            "facilitator",
            toml_edit::value(one_line(facilitator, "the facilitator")?),
        );
    }
    let mut score_table = InlineTable::new();
    for (phase, s) in scores {
        let tenets = ws
            .phases
            .iter()
            .find(|p| p.id == *phase)
            .map_or(3, |p| p.tenets.len());
        if s.len() != tenets {
            return Err(refuse(format!(
                "{} has {tenets} tenets: give {tenets} scores, not {}",
                phase.key(),
                s.len()
            )));
        }
        if let Some(bad) = s.iter().find(|v| **v > 3) {
            return Err(refuse(format!(
                "a score is 0 to 3, not {bad} ({})",
                phase.key()
            )));
        }
        let mut a = Array::new();
        for v in s {
            a.push(i64::from(*v));
        }
        score_table.insert(phase.key(), Value::Array(a));
    }
    if !score_table.is_empty() {
        t.insert("scores", toml_edit::value(score_table));
    }
    if !actions.is_empty() {
        let mut a = Array::new();
        for x in actions {
            a.push(one_line(x, "an action")?);
        }
        t.insert("actions", toml_edit::value(a));
    }
    if !notes.trim().is_empty() {
        t.insert("notes", toml_edit::value(notes.trim()));
    }
    let reviews = section(doc, "review").ok_or_else(|| refuse("`review` is not a table".into()))?;
    reviews.insert(id, Item::Table(t));
    Ok((
        format!("new review {id} on {date}"),
        Some(Reference::new(RefKind::Review, id, None)),
    ))
}

/// `WDE` or `waiting, defects` → the wastes, in the order given, each once.
pub fn parse_wastes(text: &str) -> Result<Vec<Waste>> {
    let t = text.trim();
    let mut out: Vec<Waste> = Vec::new();
    let words: Vec<&str> = t
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    // letters run together (`WED`) or apart as the table shows them (`W E D`)
    let is_letters = |w: &str| {
        w.chars().all(|c| c.is_ascii_alphabetic())
            && w.chars().count() <= 8
            && Waste::ALL.iter().all(|x| x.key() != w.to_ascii_lowercase())
    };
    let letters = !words.is_empty()
        && words.iter().all(|w| is_letters(w))
        && (words.len() == 1 || words.iter().all(|w| w.chars().count() == 1));
    if letters {
        for c in words.concat().chars() {
            let w = Waste::ALL
                .into_iter()
                .find(|w| w.letter() == c.to_ascii_uppercase())
                .ok_or_else(|| {
                    refuse(format!(
                        "`{c}` is not a waste letter: D O W N T I M E (defects, overproduction, \
                         waiting, non-utilised talent, transportation, inventory, motion, \
                         extra processing)"
                    ))
                })?;
            if !out.contains(&w) {
                out.push(w);
            }
        }
    } else {
        for word in words {
            let w = Waste::ALL
                .into_iter()
                .find(|w| w.key() == word.to_ascii_lowercase())
                .ok_or_else(|| {
                    refuse(format!(
                        "`{word}` is not a waste: letters D O W N T I M E, or names such as \
                         defects, waiting, motion"
                    ))
                })?;
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    Ok(out)
}

fn set_step(
    ws: &Workspace,
    doc: &mut DocumentMut,
    stream: &str,
    step: usize,
    field: StepField,
    text: &str,
) -> Result<Done> {
    let vs = ws
        .value_streams
        .iter()
        .find(|v| v.id == stream)
        .ok_or_else(|| refuse(format!("no value stream `{stream}`")))?;
    let s = vs.steps.get(step).ok_or_else(|| {
        refuse(format!(
            "value stream {stream} has {} steps, not {}",
            vs.steps.len(),
            step + 1
        ))
    })?;
    let text = text.trim();
    let value: Value = match field {
        StepField::Pt | StepField::Lt => {
            let v = super::parse_number(text)
                .filter(|v| *v >= 0.0)
                .ok_or_else(|| {
                    refuse(format!(
                        "{} is a time in {}: a number 0 or more, not `{text}`",
                        field.key(),
                        if vs.unit.is_empty() {
                            "the stream's unit"
                        } else {
                            &vs.unit
                        }
                    ))
                })?;
            let (pt, lt) = match field {
                StepField::Pt => (v, s.lt),
                _ => (s.pt, v),
            };
            if pt > lt {
                return Err(refuse(format!(
                    "the process time ({}) would exceed the lead time ({}): the lead time \
                     includes it",
                    show_number(pt),
                    show_number(lt)
                )));
            }
            number_value(v)
        }
        StepField::Ca => {
            let (num, percent) = match text.strip_suffix('%') {
                Some(n) => (n.trim(), true),
                None => (text, false),
            };
            let v = num
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    refuse(format!("%C/A is a fraction or a percentage, not `{text}`"))
                })?;
            let f = if percent || v > 1.0 { v / 100.0 } else { v };
            if !(0.0..=1.0).contains(&f) {
                return Err(refuse(format!("%C/A is 0 to 100%, not `{text}`")));
            }
            number_value((f * 1000.0).round() / 1000.0)
        }
        StepField::Waste => {
            let wastes = parse_wastes(text)?;
            let mut a = Array::new();
            for w in wastes {
                a.push(w.key());
            }
            Value::Array(a)
        }
    };
    let shown = value.to_string();
    let steps = doc
        .get_mut("value-stream")
        .and_then(Item::as_table_like_mut)
        .and_then(|t| t.get_mut(stream))
        .and_then(Item::as_table_like_mut)
        .and_then(|t| t.get_mut("step"))
        .ok_or_else(|| {
            refuse(format!(
                "the steps of {stream} are not [[value-stream.{stream}.step]] tables"
            ))
        })?;
    let t: &mut dyn TableLike = match steps {
        Item::ArrayOfTables(a) => a.get_mut(step).map(|t| t as &mut dyn TableLike),
        Item::Value(Value::Array(a)) => a
            .get_mut(step)
            .and_then(Value::as_inline_table_mut)
            .map(|t| t as &mut dyn TableLike),
        _ => None,
    }
    .ok_or_else(|| refuse(format!("step {} of {stream} is not a table", step + 1)))?;
    if field == StepField::Waste && value.as_array().is_some_and(Array::is_empty) {
        remove(t, "waste");
    } else {
        set(t, field.key(), value);
    }
    Ok((
        format!("{}: {} = {}", s.name, field.key(), shown.trim()),
        Some(Reference::new(RefKind::ValueStream, stream, None)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wastes_read_as_typed_or_as_shown() {
        let wed = [Waste::Waiting, Waste::ExtraProcessing, Waste::Defects];
        assert_eq!(parse_wastes("WED").unwrap(), wed);
        assert_eq!(parse_wastes("W E D").unwrap(), wed);
        assert_eq!(parse_wastes("w, e, d").unwrap(), wed);
        assert_eq!(
            parse_wastes("waiting defects").unwrap(),
            [Waste::Waiting, Waste::Defects]
        );
        assert!(parse_wastes("W X").is_err());
        let e = parse_wastes("waitng").unwrap_err().to_string();
        assert!(e.contains("D O W N T I M E"), "{e}");
    }
}
