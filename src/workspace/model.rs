//! The workspace model: plain data, no I/O, no TUI.
//!
//! Everything a loader reads lands here; everything the CLI and the TUI show
//! comes from here. Derived figures (activity ratio, rolled %C/A, current
//! metric value, backlinks) are computed by methods, never stored.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

use super::diagnostic::Diagnostic;
use super::reference::{RefKind, Reference};

/// Where an item was read from: an index into `Workspace::files` plus the
/// 1-based line and column of its header, so diagnostics and the TUI can
/// point at it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub file: usize,
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// `wheelhouse.toml`
    Root,
    /// `impact/NAME.toml`
    ImpactMap,
    /// `maps/NAME.toml`
    WardleyMap,
    /// `decisions/NNNN-slug.toml`
    Decision,
    /// a markdown ADR in a folder named by the workspace (or found in decisions-only mode)
    MarkdownDecision,
}

/// Every file the loader saw, parsed or not: a broken file stays listed.
#[derive(Debug, Clone, Serialize)]
pub struct SourceFile {
    /// Path relative to the workspace root, with `/` separators.
    pub path: PathBuf,
    pub kind: FileKind,
    /// FNV-1a 64 of the bytes read; the writer refuses to save over a file whose hash changed.
    pub hash: u64,
    /// True when the file could not be parsed at all (its items are missing from the model).
    pub broken: bool,
}

impl SourceFile {
    /// A decision record (TOML or markdown) that could not be parsed: listed by its file.
    pub fn is_broken_decision(&self) -> bool {
        self.broken && matches!(self.kind, FileKind::Decision | FileKind::MarkdownDecision)
    }

    /// The number the file's name starts with: `decisions/0007-use-x.toml` → 7.
    pub fn leading_number(&self) -> Option<u32> {
        let name = self.path.file_name()?.to_str()?;
        let digits: String = name.chars().take_while(|c| c.is_ascii_digit()).collect();
        digits.parse().ok()
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkspaceMeta {
    pub name: String,
    pub description: String,
    pub format: u32,
    /// Markdown ADR folders (relative to the root) shown beside the TOML records; new
    /// records are written to the first.
    pub adr_dirs: Vec<PathBuf>,
    /// The log4brains package of each ADR folder that belongs to one (folder, package name).
    pub adr_packages: Vec<(PathBuf, String)>,
    /// `adr-template`: the template of new TOML records, when not `decisions/template.toml`.
    pub adr_template: Option<PathBuf>,
}

/// How the workspace was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// A folder with `wheelhouse.toml`.
    #[default]
    Full,
    /// No `wheelhouse.toml`, only a markdown ADR folder: decisions-only mode.
    DecisionsOnly,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Workspace {
    pub root: PathBuf,
    pub mode: Mode,
    pub meta: WorkspaceMeta,
    /// Always the four phases, in flywheel order (a missing one is defaulted and diagnosed).
    pub phases: Vec<Phase>,
    pub metrics: Vec<Metric>,
    pub reviews: Vec<Review>,
    pub value_streams: Vec<ValueStream>,
    pub pillars: Vec<Pillar>,
    pub scenarios: Vec<Scenario>,
    pub impact_maps: Vec<ImpactMap>,
    pub maps: Vec<WardleyMap>,
    /// Sorted by number; records from markdown folders included.
    pub decisions: Vec<Adr>,
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the loader knew beyond the model (each file's own diagnostics and references), so
    /// that changed files can be read again alone: see `Workspace::reload_paths`.
    #[serde(skip)]
    pub loaded: super::reload::LoadRecord,
}

// ---------------------------------------------------------------- flywheel

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseId {
    Clarity,
    Challenge,
    NextAction,
    LongTerm,
}

impl PhaseId {
    pub const ALL: [PhaseId; 4] = [
        PhaseId::Clarity,
        PhaseId::Challenge,
        PhaseId::NextAction,
        PhaseId::LongTerm,
    ];

    /// The key used in TOML (`[phase.next-action]`) and in references (`phase:next-action`).
    pub fn key(self) -> &'static str {
        match self {
            PhaseId::Clarity => "clarity",
            PhaseId::Challenge => "challenge",
            PhaseId::NextAction => "next-action",
            PhaseId::LongTerm => "long-term",
        }
    }

    pub fn from_key(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == s)
    }

    pub fn default_title(self) -> &'static str {
        match self {
            PhaseId::Clarity => "Clarity of Purpose",
            PhaseId::Challenge => "Challenge & Landscape",
            PhaseId::NextAction => "Next Best Action",
            PhaseId::LongTerm => "Long-Term Value",
        }
    }

    pub fn default_persona(self) -> &'static str {
        match self {
            PhaseId::Clarity => "CEO",
            PhaseId::Challenge => "Engineers",
            PhaseId::NextAction => "Product Leaders",
            PhaseId::LongTerm => "CTO",
        }
    }

    /// The book's three tenets for the phase (The Value Flywheel Effect, 2022).
    pub fn default_tenets(self) -> [&'static str; 3] {
        match self {
            PhaseId::Clarity => [
                "Clarity of purpose: a data-informed north star",
                "Obsess over your time to value: innovation is a lagging metric",
                "Map the market: can you differentiate in the market?",
            ],
            PhaseId::Challenge => [
                "Psychological safety: team-first environments always win",
                "The system is the asset: a sociotechnical systems view",
                "Map the org for enablement: enable empowered engineers",
            ],
            PhaseId::NextAction => [
                "Code is a liability: a serverless-first mindset delivers value",
                "Frictionless developer experience: an easy path to production",
                "Map your solution: align on how you will serve customers",
            ],
            PhaseId::LongTerm => [
                "A problem-prevention culture: well-architected and engineered systems",
                "Keep a low carbon footprint: sustainability",
                "Map the emerging value: next-generation companies can see ahead",
            ],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseStatus {
    #[default]
    NotStarted,
    InProgress,
    Healthy,
    AtRisk,
}

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    pub id: PhaseId,
    pub title: String,
    pub persona: String,
    pub status: PhaseStatus,
    /// Markdown.
    pub summary: String,
    pub challenges: Vec<String>,
    pub moves: Vec<String>,
    /// Effective tenets: the file's override, else the three built-in ones.
    pub tenets: Vec<String>,
    pub links: Vec<Reference>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricKind {
    NorthStar,
    Input,
    Business,
    Guardrail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Indicator {
    Leading,
    Lagging,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    #[default]
    Up,
    Down,
}

/// A calendar date kept as written (`YYYY-MM-DD`, validated by the loader).
pub type Date = String;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sample {
    pub date: Date,
    pub value: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub kind: MetricKind,
    pub indicator: Option<Indicator>,
    pub unit: String,
    pub direction: Direction,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub due: Option<Date>,
    /// How often it is measured, in days (`cadence = "weekly"`, `"monthly"`, `"quarterly"` or
    /// a number of days): a latest sample older than this is `strategy-metric-stale`.
    pub cadence: Option<u32>,
    /// The metric this one feeds (`metric:ID`).
    pub drives: Option<Reference>,
    pub description: String,
    /// In file order; `current()` is the one with the latest date.
    pub samples: Vec<Sample>,
    pub origin: Origin,
}

impl Metric {
    /// The latest sample's value.
    pub fn current(&self) -> Option<f64> {
        self.samples
            .iter()
            .max_by(|a, b| a.date.cmp(&b.date))
            .map(|s| s.value)
    }

    /// clamp((current − baseline) / (target − baseline), 0, 1); works for both directions.
    pub fn progress(&self) -> Option<f64> {
        progress(self.baseline?, self.current()?, self.target?)
    }
}

/// Share of the way from baseline to target, clamped to 0..1.
pub fn progress(baseline: f64, current: f64, target: f64) -> Option<f64> {
    let span = target - baseline;
    if span == 0.0 || !span.is_finite() {
        return None;
    }
    Some(((current - baseline) / span).clamp(0.0, 1.0))
}

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub id: String,
    pub date: Date,
    pub facilitator: String,
    /// Per phase, one score 0..=3 per tenet, in tenet order.
    pub scores: BTreeMap<PhaseId, Vec<u8>>,
    pub actions: Vec<String>,
    pub notes: String,
    pub origin: Origin,
}

/// DOWNTIME: the eight wastes of lean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Waste {
    Defects,
    Overproduction,
    Waiting,
    NonUtilisedTalent,
    Transportation,
    Inventory,
    Motion,
    ExtraProcessing,
}

impl Waste {
    pub const ALL: [Waste; 8] = [
        Waste::Defects,
        Waste::Overproduction,
        Waste::Waiting,
        Waste::NonUtilisedTalent,
        Waste::Transportation,
        Waste::Inventory,
        Waste::Motion,
        Waste::ExtraProcessing,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Waste::Defects => "defects",
            Waste::Overproduction => "overproduction",
            Waste::Waiting => "waiting",
            Waste::NonUtilisedTalent => "non-utilised-talent",
            Waste::Transportation => "transportation",
            Waste::Inventory => "inventory",
            Waste::Motion => "motion",
            Waste::ExtraProcessing => "extra-processing",
        }
    }

    /// The DOWNTIME letter.
    pub fn letter(self) -> char {
        match self {
            Waste::Defects => 'D',
            Waste::Overproduction => 'O',
            Waste::Waiting => 'W',
            Waste::NonUtilisedTalent => 'N',
            Waste::Transportation => 'T',
            Waste::Inventory => 'I',
            Waste::Motion => 'M',
            Waste::ExtraProcessing => 'E',
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub name: String,
    /// Process time.
    pub pt: f64,
    /// Lead time.
    pub lt: f64,
    /// Percent complete and accurate, as a fraction 0..1.
    pub ca: f64,
    pub waste: Vec<Waste>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueStream {
    pub id: String,
    pub name: String,
    /// The one time unit of every PT and LT in this stream ("hours", "days").
    pub unit: String,
    pub description: String,
    pub steps: Vec<Step>,
    pub links: Vec<Reference>,
    pub origin: Origin,
}

impl ValueStream {
    pub fn total_pt(&self) -> f64 {
        self.steps.iter().map(|s| s.pt).sum()
    }
    pub fn total_lt(&self) -> f64 {
        self.steps.iter().map(|s| s.lt).sum()
    }
    /// ΣPT ÷ ΣLT as a fraction (None when there is no lead time).
    pub fn activity_ratio(&self) -> Option<f64> {
        let lt = self.total_lt();
        (lt > 0.0).then(|| self.total_pt() / lt)
    }
    /// Π %C/A as a fraction (None for an empty stream).
    pub fn rolled_ca(&self) -> Option<f64> {
        (!self.steps.is_empty()).then(|| self.steps.iter().map(|s| s.ca).product())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Risk {
    None,
    Medium,
    High,
    #[default]
    Unanswered,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pillar {
    pub id: String,
    pub name: String,
    pub risk: Risk,
    pub notes: String,
    pub actions: Vec<String>,
    pub links: Vec<Reference>,
    pub origin: Origin,
}

/// High / medium / low, for a scenario's importance and difficulty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Hml {
    H,
    M,
    L,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub attribute: String,
    pub refinement: String,
    pub source: String,
    pub stimulus: String,
    pub environment: String,
    pub artifact: String,
    pub response: String,
    pub measure: String,
    pub importance: Option<Hml>,
    pub difficulty: Option<Hml>,
    pub links: Vec<Reference>,
    pub origin: Origin,
}

// ---------------------------------------------------------------- impact maps

#[derive(Debug, Clone, Default, Serialize)]
pub struct Goal {
    pub title: String,
    /// `metric:ID` when the goal is measured by a flywheel metric.
    pub metric: Option<Reference>,
    pub unit: String,
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub deadline: Option<Date>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    /// user | customer | internal | partner | competitor | regulator (free text kept)
    pub kind: String,
    pub description: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImpactDirection {
    #[default]
    Support,
    Obstruct,
}

#[derive(Debug, Clone, Serialize)]
pub struct Impact {
    pub id: String,
    /// Sibling actor id.
    pub actor: String,
    pub behaviour: String,
    pub direction: ImpactDirection,
    pub metric: Option<Reference>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeliverableStatus {
    #[default]
    Idea,
    Planned,
    Building,
    Shipped,
    Dropped,
}

impl DeliverableStatus {
    pub const ALL: [DeliverableStatus; 5] = [
        DeliverableStatus::Idea,
        DeliverableStatus::Planned,
        DeliverableStatus::Building,
        DeliverableStatus::Shipped,
        DeliverableStatus::Dropped,
    ];

    /// The word the files, the exports and the cockpit use.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliverableStatus::Idea => "idea",
            DeliverableStatus::Planned => "planned",
            DeliverableStatus::Building => "building",
            DeliverableStatus::Shipped => "shipped",
            DeliverableStatus::Dropped => "dropped",
        }
    }

    /// The status written as `word`.
    pub fn from_word(word: &str) -> Option<DeliverableStatus> {
        DeliverableStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == word)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Deliverable {
    pub id: String,
    pub title: String,
    /// Sibling impact ids.
    pub impacts: Vec<String>,
    pub status: DeliverableStatus,
    pub links: Vec<Reference>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactMap {
    /// The file stem: `impact/grow-members.toml` is `impact:grow-members`.
    pub id: String,
    pub file: usize,
    pub goal: Goal,
    /// File order is display order, for each level.
    pub actors: Vec<Actor>,
    pub impacts: Vec<Impact>,
    pub deliverables: Vec<Deliverable>,
}

// ---------------------------------------------------------------- Wardley maps

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentKind {
    #[default]
    Component,
    Anchor,
    /// OWM `submap`: a component that opens another map (see `Component::url`).
    Submap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sourcing {
    Build,
    Buy,
    Outsource,
    Market,
    Ecosystem,
}

impl Sourcing {
    pub const ALL: [Sourcing; 5] = [
        Sourcing::Build,
        Sourcing::Buy,
        Sourcing::Outsource,
        Sourcing::Market,
        Sourcing::Ecosystem,
    ];

    /// The word the TOML files, OWM text, Mermaid and the CLI all use.
    pub fn as_str(self) -> &'static str {
        match self {
            Sourcing::Build => "build",
            Sourcing::Buy => "buy",
            Sourcing::Outsource => "outsource",
            Sourcing::Market => "market",
            Sourcing::Ecosystem => "ecosystem",
        }
    }

    /// The sourcing called `word` (as `as_str` writes it).
    pub fn from_word(word: &str) -> Option<Sourcing> {
        Sourcing::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

impl std::fmt::Display for Sourcing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a value-chain link is drawn (OWM `->`, `+>`, `+<`, `+<>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkFlow {
    /// `->`: a plain dependency.
    #[default]
    None,
    /// `+>`
    Forward,
    /// `+<`
    Backward,
    /// `+<>`
    Both,
}

/// One entry of a component's `needs`: a dependency on a sibling component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Need {
    /// Sibling component id.
    pub to: String,
    pub flow: LinkFlow,
    /// OWM flow value (`A+'2.9%'>B`).
    pub label: Option<String>,
    /// OWM link context (`A->B; limited by`).
    pub context: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub kind: ComponentKind,
    /// 0..1, 1 at the top (visible to the user).
    pub visibility: f64,
    /// 0..1, 0 at genesis on the left.
    pub evolution: f64,
    pub needs: Vec<Need>,
    pub inertia: bool,
    /// Target evolution of an evolve arrow.
    pub evolve: Option<f64>,
    /// OWM `evolve Old->New`: the display name of the evolved copy.
    pub evolve_name: Option<String>,
    /// OWM allows several in one group: `(buy, market)`.
    pub sourcing: Vec<Sourcing>,
    /// OWM label offset in pixels `[x, y]`.
    pub label: Option<[f64; 2]>,
    /// Parent pipeline component id when this is a pipeline child (takes the parent's visibility).
    pub pipeline: Option<String>,
    /// For submaps: the `url` id (see `WardleyMap::urls`) or an address.
    pub url: Option<String>,
    pub note: String,
    pub links: Vec<Reference>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pipeline {
    /// The component id the pipeline belongs to.
    pub component: String,
    /// Legacy `pipeline X [m1, m2]` box; v2 pipelines span their children instead.
    pub range: Option<[f64; 2]>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct MapNote {
    pub text: String,
    pub visibility: f64,
    pub evolution: f64,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct Annotation {
    pub number: u32,
    /// One or more `[visibility, evolution]` points.
    pub points: Vec<[f64; 2]>,
    pub text: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaKind {
    Pioneers,
    Settlers,
    Townplanners,
}

/// A pioneers / settlers / townplanners rectangle, `[v1, m1, v2, m2]` top-left to bottom-right.
#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub kind: AreaKind,
    pub rect: [f64; 4],
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct Accelerator {
    pub name: String,
    /// true for `deaccelerator`.
    pub decelerator: bool,
    pub visibility: f64,
    pub evolution: f64,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct MapUrl {
    pub id: String,
    pub address: String,
}

/// The four evolution stage labels; OWM's defaults when the file gives none.
pub const DEFAULT_STAGES: [&str; 4] = [
    "Genesis",
    "Custom-Built",
    "Product (+rental)",
    "Commodity (+utility)",
];
/// Stage boundaries as OnlineWardleyMaps draws them.
pub const STAGE_BOUNDARIES: [f64; 3] = [0.175, 0.40, 0.70];

#[derive(Debug, Clone, Serialize)]
pub struct WardleyMap {
    /// The file stem: `maps/serving.toml` is `map:serving`.
    pub id: String,
    pub file: usize,
    pub title: String,
    pub stages: [String; 4],
    /// OWM `evolution --hide`
    pub hide_evolution: bool,
    /// OWM `valuechain --hide [text]`: Some(text) when hidden (text may be empty).
    pub hide_value_chain: Option<String>,
    /// OWM `style`: plain | wardley | handwritten | colour | dark.
    pub style: Option<String>,
    /// OWM `size [width, height]` in pixels.
    pub size: Option<[f64; 2]>,
    /// OWM `annotations [v, m]`: where the annotation legend sits.
    pub annotations_at: Option<[f64; 2]>,
    /// File order.
    pub components: Vec<Component>,
    pub pipelines: Vec<Pipeline>,
    pub notes: Vec<MapNote>,
    pub annotations: Vec<Annotation>,
    pub areas: Vec<Area>,
    pub accelerators: Vec<Accelerator>,
    pub urls: Vec<MapUrl>,
    pub description: String,
    pub links: Vec<Reference>,
}

impl WardleyMap {
    /// A map with nothing on it yet: the default stages, no components, nothing hidden.
    pub fn new(id: &str, file: usize, title: &str) -> WardleyMap {
        WardleyMap {
            id: id.to_string(),
            file,
            title: title.to_string(),
            stages: DEFAULT_STAGES.map(str::to_string),
            hide_evolution: false,
            hide_value_chain: None,
            style: None,
            size: None,
            annotations_at: None,
            components: Vec::new(),
            pipelines: Vec::new(),
            notes: Vec::new(),
            annotations: Vec::new(),
            areas: Vec::new(),
            accelerators: Vec::new(),
            urls: Vec::new(),
            description: String::new(),
            links: Vec::new(),
        }
    }

    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }
}

/// Which stage (0..=3) an evolution value falls in.
pub fn stage_of(evolution: f64) -> usize {
    STAGE_BOUNDARIES.iter().filter(|b| evolution >= **b).count()
}

// ---------------------------------------------------------------- decisions

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AdrStatus {
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
    /// Only for markdown records whose status could not be read (a diagnostic says so).
    Unknown,
}

impl AdrStatus {
    pub const LIFECYCLE: [AdrStatus; 5] = [
        AdrStatus::Proposed,
        AdrStatus::Accepted,
        AdrStatus::Rejected,
        AdrStatus::Deprecated,
        AdrStatus::Superseded,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AdrStatus::Proposed => "proposed",
            AdrStatus::Accepted => "accepted",
            AdrStatus::Rejected => "rejected",
            AdrStatus::Deprecated => "deprecated",
            AdrStatus::Superseded => "superseded",
            AdrStatus::Unknown => "unknown",
        }
    }

    pub fn from_key(s: &str) -> Option<Self> {
        Self::LIFECYCLE
            .into_iter()
            .chain([AdrStatus::Unknown])
            .find(|k| k.key() == s)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AdrOption {
    pub name: String,
    pub chosen: bool,
    pub description: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
}

/// Where a record came from, and for markdown which dialect it was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AdrSource {
    Toml,
    /// adr-tools / Michael Nygard
    Nygard,
    Madr2,
    /// MADR 3 or 4 (YAML front matter)
    Madr3,
    Log4brains,
    /// Markdown whose dialect could not be told; read as well as possible.
    Markdown,
}

#[derive(Debug, Clone, Serialize)]
pub struct Adr {
    pub number: u32,
    pub title: String,
    pub status: AdrStatus,
    /// The status as the file wrote it ("✅ Accepted on 2021-02-06"), when it differs from the key.
    pub status_text: Option<String>,
    pub date: Option<Date>,
    pub deciders: Vec<String>,
    pub tags: Vec<String>,
    pub supersedes: Vec<Reference>,
    pub superseded_by: Vec<Reference>,
    pub links: Vec<Reference>,
    /// The verb a markdown record gives some of its links ("Amended by", "Amends", "Clarifies"),
    /// by target: `adr show` says it, and the other record shows the inverse.
    pub link_verbs: Vec<(Reference, String)>,
    pub quality_attributes: Vec<String>,
    /// Markdown text fields.
    pub context: String,
    pub drivers: String,
    pub decision: String,
    pub consequences: String,
    pub options: Vec<AdrOption>,
    /// Sections a markdown record had beyond the fields above, kept verbatim, in order: (heading, body).
    pub extra_sections: Vec<(String, String)>,
    /// The name `adr:<slug>` references reach this record by. A log4brains record's identity
    /// (its file name without the date: it has no number, and `number` holds that date only to
    /// sort by); an imported record's slug from the folder it came from, kept so links resolve.
    pub slug: Option<String>,
    pub source: AdrSource,
    pub origin: Origin,
}

impl Adr {
    /// A record with only its number, title, source and place filled in; the readers
    /// (TOML and markdown) fill the rest as they find it.
    pub fn new(number: u32, title: String, source: AdrSource, origin: Origin) -> Adr {
        Adr {
            number,
            title,
            status: AdrStatus::Unknown,
            status_text: None,
            date: None,
            deciders: Vec::new(),
            tags: Vec::new(),
            supersedes: Vec::new(),
            superseded_by: Vec::new(),
            links: Vec::new(),
            link_verbs: Vec::new(),
            quality_attributes: Vec::new(),
            context: String::new(),
            drivers: String::new(),
            decision: String::new(),
            consequences: String::new(),
            options: Vec::new(),
            extra_sections: Vec::new(),
            slug: None,
            source,
            origin,
        }
    }

    /// How other records name this one: `adr:7`, or `adr:use-lunr-for-search` for a log4brains
    /// record (two records of one day share the date standing in for their number).
    pub fn reference(&self) -> Reference {
        match self.id_slug() {
            Some(slug) => Reference::adr_slug(slug),
            None => Reference::adr(self.number),
        }
    }

    /// The slug when it is the record's identity (log4brains), not merely an alias.
    pub fn id_slug(&self) -> Option<&str> {
        self.slug
            .as_deref()
            .filter(|_| self.source == AdrSource::Log4brains)
    }

    /// What lists and headings show as the record's id: `0007`, or its log4brains slug.
    pub fn label(&self) -> String {
        match self.id_slug() {
            Some(slug) => slug.to_string(),
            None => format!("{:04}", self.number),
        }
    }
}

impl Workspace {
    pub fn phase(&self, id: PhaseId) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }
    /// The first record with this number (duplicates are diagnosed by the loader). Decisions are
    /// sorted by number: a binary search keeps walking a 30,000-record supersede chain linear.
    pub fn decision(&self, number: u32) -> Option<&Adr> {
        let i = self.decisions.partition_point(|a| a.number < number);
        self.decisions.get(i).filter(|a| a.number == number)
    }
    /// The record an `adr:` reference names: by number (binary search), or by slug (a
    /// log4brains record's id or an imported record's alias; a scan, slugs are rare).
    pub fn decision_by(&self, r: &Reference) -> Option<&Adr> {
        match r.adr_number() {
            Some(n) => self.decision(n),
            None if r.kind == RefKind::Adr => self
                .decisions
                .iter()
                .find(|a| a.slug.as_deref() == Some(r.doc.as_str())),
            None => None,
        }
    }
    pub fn map(&self, id: &str) -> Option<&WardleyMap> {
        self.maps.iter().find(|m| m.id == id)
    }
    pub fn impact_map(&self, id: &str) -> Option<&ImpactMap> {
        self.impact_maps.iter().find(|m| m.id == id)
    }
    /// The markdown ADR folder a record's file is in (the longest of `meta.adr_dirs` its path
    /// starts with) and that folder's log4brains package; `None` for TOML records.
    pub fn adr_folder_of(&self, adr: &Adr) -> Option<(&std::path::Path, Option<&str>)> {
        let path = self.file_path(adr.origin.file)?;
        let dir = self
            .meta
            .adr_dirs
            .iter()
            .filter(|d| d.as_os_str() == "." || path.starts_with(d))
            .max_by_key(|d| d.as_os_str().len())?;
        let package = self
            .meta
            .adr_packages
            .iter()
            .find(|(d, _)| d == dir)
            .map(|(_, p)| p.as_str());
        Some((dir.as_path(), package))
    }
    /// The record's links that carry a verb ("Amended by", adr:17), then the other records' links
    /// to it read the other way ("Amends", from a record that says "Amended by" this one), each
    /// relation once.
    pub fn named_links(&self, adr: &Adr) -> Vec<(String, Reference)> {
        let mut out: Vec<(String, Reference)> = adr
            .link_verbs
            .iter()
            .map(|(r, verb)| (verb.clone(), r.clone()))
            .collect();
        let me = adr.reference();
        for other in &self.decisions {
            if std::ptr::eq(other, adr) || other.link_verbs.is_empty() {
                continue;
            }
            for (r, verb) in &other.link_verbs {
                let names_me =
                    *r == me || self.decision_by(r).is_some_and(|a| std::ptr::eq(a, adr));
                if !names_me {
                    continue;
                }
                let back = other.reference();
                if !out.iter().any(|(_, x)| *x == back) {
                    out.push((super::markdown_adr::inverse_verb(verb).to_string(), back));
                }
            }
        }
        out
    }
    pub fn file_path(&self, file: usize) -> Option<&std::path::Path> {
        self.files.get(file).map(|f| f.path.as_path())
    }
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_gives_its_leading_number() {
        let file = |path: &str| SourceFile {
            path: PathBuf::from(path),
            kind: FileKind::Decision,
            hash: 0,
            broken: true,
        };
        assert_eq!(file("decisions/0007-x.toml").leading_number(), Some(7));
        assert_eq!(file("decisions/readme.toml").leading_number(), None);
        assert!(file("decisions/0007-x.toml").is_broken_decision());
    }

    #[test]
    fn sourcing_words_round_trip() {
        for s in Sourcing::ALL {
            assert_eq!(Sourcing::from_word(s.as_str()), Some(s));
            assert_eq!(s.to_string(), s.as_str());
        }
        assert_eq!(Sourcing::from_word("none"), None);
    }

    #[test]
    fn deliverable_status_words_round_trip() {
        for s in DeliverableStatus::ALL {
            assert_eq!(DeliverableStatus::from_word(s.as_str()), Some(s));
        }
        assert_eq!(DeliverableStatus::from_word("done"), None);
    }
}
