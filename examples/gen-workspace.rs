//! Writes a large, deterministic workspace twice: as a wheelhouse workspace (TOML) and as an
//! adr-tools markdown folder holding the same records, so `wh` can be timed side by side with the
//! tools a user would otherwise reach for (adr-tools, adrs, grep + fzf).
//!
//! ```sh
//! cargo run --release --example gen-workspace -- --adrs 10000 --components 500 OUT
//! ```
//!
//! writes `OUT/toml/` (wheelhouse.toml, decisions/NNNN-slug.toml, maps/landscape.toml) and
//! `OUT/md/` (`.adr-dir` and doc/adr/NNNN-slug.md in adr-tools' layout). The same seed gives the
//! same bytes. Records carry about 1.3 KB of text each, like real ADRs.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: gen-workspace [--adrs N] [--components N] [--seed N] [--force] OUT
  --adrs N        decision records to write (default 1000)
  --components N  components of maps/landscape.toml (default 100)
  --seed N        random seed (default 42): the same seed writes the same bytes
  --force         replace OUT/toml and OUT/md when they exist";

/// What to generate (also used by the criterion benches, which include this file).
pub struct Options {
    pub adrs: u32,
    pub components: u32,
    pub seed: u64,
    pub force: bool,
    pub out: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let mut opts = Options {
        adrs: 1000,
        components: 100,
        seed: 42,
        force: false,
        out: PathBuf::new(),
    };
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--adrs" => opts.adrs = number("--adrs")?.clamp(1, 99_999) as u32,
            "--components" => opts.components = number("--components")?.clamp(1, 100_000) as u32,
            "--seed" => opts.seed = number("--seed")?,
            "--force" => opts.force = true,
            "-h" | "--help" => return Err(String::new()),
            a if a.starts_with('-') => return Err(format!("unknown option {a}")),
            a => out = Some(PathBuf::from(a)),
        }
    }
    opts.out = out.ok_or("missing OUT folder")?;
    Ok(opts)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("gen-workspace: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match generate(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-workspace: {e}");
            ExitCode::from(1)
        }
    }
}

/// Writes `opts.out/toml` and `opts.out/md`.
pub fn generate(opts: &Options) -> Result<(), String> {
    let toml_root = opts.out.join("toml");
    let md_root = opts.out.join("md");
    for dir in [&toml_root, &md_root] {
        if dir.exists() {
            if !opts.force {
                return Err(format!(
                    "{} exists; pass --force to replace it",
                    dir.display()
                ));
            }
            fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    let mut rng = Rng::new(opts.seed);
    let records = plan_records(&mut rng, opts.adrs, opts.components);

    let decisions = toml_root.join("decisions");
    let adr_dir = md_root.join("doc/adr");
    mkdir(&decisions)?;
    mkdir(&toml_root.join("maps"))?;
    mkdir(&adr_dir)?;
    write(&toml_root.join("wheelhouse.toml"), &workspace_toml(opts))?;
    write(
        &toml_root.join("maps/landscape.toml"),
        &map_toml(&mut rng, opts.components),
    )?;
    write(&md_root.join(".adr-dir"), "doc/adr\n")?;
    let mut toml_bytes = 0;
    let mut md_bytes = 0;
    for r in &records {
        let t = record_toml(r);
        let m = record_markdown(r, &records);
        toml_bytes += t.len();
        md_bytes += m.len();
        write(&decisions.join(format!("{}.toml", r.file_stem())), &t)?;
        write(&adr_dir.join(format!("{}.md", r.file_stem())), &m)?;
    }
    eprintln!(
        "wrote {} records ({} KB TOML, {} KB markdown) and {} components under {}",
        records.len(),
        toml_bytes / 1024,
        md_bytes / 1024,
        opts.components,
        opts.out.display()
    );
    Ok(())
}

fn mkdir(p: &Path) -> Result<(), String> {
    fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn write(p: &Path, text: &str) -> Result<(), String> {
    fs::write(p, text).map_err(|e| format!("{}: {e}", p.display()))
}

/// SplitMix64: tiny, fast, and its output never changes between versions of anything.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    /// Two decimals in 0.05..0.95.
    fn coordinate(&mut self) -> f64 {
        (5 + self.below(91)) as f64 / 100.0
    }
}

const VERBS: &[&str] = &[
    "Use",
    "Adopt",
    "Replace",
    "Introduce",
    "Retire",
    "Standardise on",
    "Move to",
    "Keep",
    "Split",
    "Centralise",
];
const THINGS: &[&str] = &[
    "PostgreSQL",
    "Kafka",
    "AWS Lambda",
    "Kubernetes",
    "GraphQL",
    "gRPC",
    "Redis",
    "OpenTelemetry",
    "Terraform",
    "DynamoDB",
    "a service mesh",
    "feature flags",
    "event sourcing",
    "a monorepo",
    "trunk-based development",
    "contract tests",
    "blue-green deploys",
    "a CDN",
    "S3",
    "SQS",
    "Step Functions",
    "OAuth 2",
    "React",
    "server-side rendering",
    "a design system",
    "Rust",
    "TypeScript",
    "canary releases",
    "an API gateway",
    "ElasticSearch",
    "CQRS",
    "WebSockets",
];
const AREAS: &[&str] = &[
    "the member portal",
    "billing",
    "search",
    "the weekly digest",
    "supplier onboarding",
    "authentication",
    "the mobile app",
    "reporting",
    "checkout",
    "notifications",
    "the data lake",
    "batch jobs",
    "the public API",
    "logging",
    "the admin console",
    "recommendations",
];
const TAGS: &[&str] = &[
    "serving",
    "data",
    "security",
    "compute",
    "storage",
    "frontend",
    "messaging",
    "observability",
    "delivery",
    "cost",
    "process",
    "integration",
    "identity",
    "mobile",
    "analytics",
    "platform",
];
const PEOPLE: &[&str] = &[
    "Kim Kao",
    "Dana Ortiz",
    "Lee Wong",
    "Priya Nair",
    "Sam Okafor",
    "Alex Meyer",
    "Mia Chen",
    "Jonas Berg",
    "Platform team",
    "Architecture guild",
];
const QUALITIES: &[&str] = &[
    "scalability",
    "availability",
    "latency",
    "cost",
    "security",
    "operability",
    "portability",
    "maintainability",
];
const WORDS: &[&str] = &[
    "the",
    "team",
    "traffic",
    "members",
    "latency",
    "budget",
    "release",
    "incident",
    "cluster",
    "queue",
    "peak",
    "weekly",
    "supplier",
    "throughput",
    "owner",
    "cache",
    "region",
    "contract",
    "deploy",
    "pipeline",
    "on-call",
    "capacity",
    "schema",
    "migration",
    "cost",
    "risk",
    "load",
    "requests",
    "minutes",
    "engineers",
    "customers",
    "data",
    "service",
    "boundary",
    "failure",
    "retries",
    "audit",
    "support",
    "manual",
    "toil",
    "build",
    "test",
    "review",
    "metric",
    "north",
    "star",
    "value",
    "flow",
    "waste",
    "handoff",
    "waiting",
    "defects",
    "scale",
    "burst",
    "idle",
];

/// One generated record, shared by both outputs.
struct Record {
    number: u32,
    title: String,
    slug: String,
    status: &'static str,
    date: String,
    deciders: Vec<&'static str>,
    tags: Vec<&'static str>,
    supersedes: Vec<u32>,
    superseded_by: Vec<u32>,
    links: Vec<String>,
    qualities: Vec<&'static str>,
    context: String,
    drivers: String,
    decision: String,
    consequences: String,
    options: Vec<GenOption>,
}

struct GenOption {
    name: String,
    chosen: bool,
    pros: Vec<String>,
    cons: Vec<String>,
}

impl Record {
    fn file_stem(&self) -> String {
        format!("{:04}-{}", self.number, self.slug)
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// About `bytes` of prose in sentences of 8 to 16 words.
fn paragraph(rng: &mut Rng, bytes: usize) -> String {
    let mut p = String::new();
    while p.len() < bytes {
        if !p.is_empty() {
            p.push(' ');
        }
        let n = 8 + rng.below(9);
        p.push_str(&sentence(rng, n));
    }
    p
}

fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

fn some<'a>(rng: &mut Rng, items: &[&'a str], min: usize, max: usize) -> Vec<&'a str> {
    let n = min + rng.below(max - min + 1);
    let mut out = Vec::new();
    while out.len() < n {
        let x = rng.pick(items);
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

fn plan_records(rng: &mut Rng, count: u32, components: u32) -> Vec<Record> {
    let mut records = Vec::with_capacity(count as usize);
    // Dates advance from 2015-01-01 by 0 to 2 days per record.
    let mut day: i64 = 16_436;
    for number in 1..=count {
        day += rng.below(3) as i64;
        let thing = rng.pick(THINGS);
        let title = format!("{} {} for {}", rng.pick(VERBS), thing, rng.pick(AREAS));
        let status = match rng.below(100) {
            0..=69 => "accepted",
            70..=84 => "proposed",
            85..=91 => "rejected",
            _ => "deprecated",
        };
        let mut links = Vec::new();
        if rng.chance(60) {
            links.push(format!(
                "map:landscape/c{:04}",
                1 + rng.below(components as usize)
            ));
        }
        if number > 1 && rng.chance(40) {
            links.push(format!("adr:{}", 1 + rng.below(number as usize - 1)));
        }
        let options = (0..2 + rng.below(2))
            .map(|i| GenOption {
                name: if i == 0 {
                    thing.to_string()
                } else {
                    rng.pick(THINGS).to_string()
                },
                chosen: i == 0,
                pros: (0..2).map(|_| sentence(rng, 4)).collect(),
                cons: (0..1 + rng.below(2)).map(|_| sentence(rng, 4)).collect(),
            })
            .collect();
        records.push(Record {
            number,
            slug: slug(&title),
            title,
            status,
            date: wheelhouse::workspace::load::date_from_days(day),
            deciders: some(rng, PEOPLE, 1, 3),
            tags: some(rng, TAGS, 1, 3),
            supersedes: Vec::new(),
            superseded_by: Vec::new(),
            links,
            qualities: some(rng, QUALITIES, 0, 2),
            context: paragraph(rng, 200),
            drivers: {
                let (a, b) = (5 + rng.below(4), 5 + rng.below(4));
                format!("- {}\n- {}", sentence(rng, a), sentence(rng, b))
            },
            decision: paragraph(rng, 120),
            consequences: paragraph(rng, 150),
            options,
        });
    }
    // About 6% are superseded by a later record; each later record supersedes at most one.
    let n = records.len();
    for i in 0..n {
        if rng.chance(6) && i + 1 < n {
            let j = i + 1 + rng.below((n - i - 1).min(50));
            if records[j].supersedes.is_empty() && records[j].superseded_by.is_empty() {
                let (old, new) = (records[i].number, records[j].number);
                records[i].status = "superseded";
                records[i].superseded_by.push(new);
                records[j].supersedes.push(old);
                records[j].status = "accepted";
            }
        }
    }
    records
}

fn quoted_list<T: AsRef<str>>(items: &[T]) -> String {
    let inner: Vec<String> = items
        .iter()
        .map(|s| format!("\"{}\"", s.as_ref()))
        .collect();
    format!("[{}]", inner.join(", "))
}

fn adr_refs(numbers: &[u32]) -> String {
    quoted_list(
        &numbers
            .iter()
            .map(|n| format!("adr:{n}"))
            .collect::<Vec<_>>(),
    )
}

fn record_toml(r: &Record) -> String {
    let mut t = String::with_capacity(2048);
    let _ = write!(
        t,
        "[adr]\nnumber = {}\ntitle = \"{}\"\nstatus = \"{}\"\ndate = {}\ndeciders = {}\ntags = {}\n",
        r.number,
        r.title,
        r.status,
        r.date,
        quoted_list(&r.deciders),
        quoted_list(&r.tags)
    );
    if !r.supersedes.is_empty() {
        let _ = writeln!(t, "supersedes = {}", adr_refs(&r.supersedes));
    }
    if !r.superseded_by.is_empty() {
        let _ = writeln!(t, "superseded-by = {}", adr_refs(&r.superseded_by));
    }
    let _ = writeln!(t, "links = {}", quoted_list(&r.links));
    let _ = writeln!(t, "quality-attributes = {}", quoted_list(&r.qualities));
    for (key, text) in [
        ("context", &r.context),
        ("drivers", &r.drivers),
        ("decision", &r.decision),
        ("consequences", &r.consequences),
    ] {
        let _ = writeln!(t, "{key} = \"\"\"\n{text}\"\"\"");
    }
    for o in &r.options {
        let _ = write!(
            t,
            "\n[[adr.option]]\nname = \"{}\"\nchosen = {}\npros = {}\ncons = {}\n",
            o.name,
            o.chosen,
            quoted_list(&o.pros),
            quoted_list(&o.cons)
        );
    }
    t
}

/// adr-tools' layout: `# N. Title`, `Date:`, then `## Status`, `## Context`, `## Decision`,
/// `## Consequences`; drivers and options as further sections so both outputs hold the same text.
fn record_markdown(r: &Record, all: &[Record]) -> String {
    let link = |n: u32| {
        let o = &all[n as usize - 1];
        format!("[{}. {}]({}.md)", o.number, o.title, o.file_stem())
    };
    let mut m = String::with_capacity(2048);
    let _ = write!(
        m,
        "# {}. {}\n\nDate: {}\n\n## Status\n\n",
        r.number, r.title, r.date
    );
    let mut status = String::new();
    let mut cap = r.status.chars();
    if let Some(f) = cap.next() {
        status.extend(f.to_uppercase());
        status.push_str(cap.as_str());
    }
    if r.superseded_by.is_empty() {
        let _ = writeln!(m, "{status}");
    }
    for &n in &r.superseded_by {
        let _ = writeln!(m, "Superseded by {}", link(n));
    }
    for &n in &r.supersedes {
        let _ = writeln!(m, "\nSupersedes {}", link(n));
    }
    let _ = write!(
        m,
        "\n## Context\n\n{}\n\n## Decision Drivers\n\n{}\n\n## Decision\n\n{}\n\n## Consequences\n\n{}\n\n## Considered Options\n",
        r.context, r.drivers, r.decision, r.consequences
    );
    for o in &r.options {
        let chosen = if o.chosen { " (chosen)" } else { "" };
        let _ = write!(m, "\n### {}{chosen}\n\n", o.name);
        for p in &o.pros {
            let _ = writeln!(m, "- Good, because {p}");
        }
        for c in &o.cons {
            let _ = writeln!(m, "- Bad, because {c}");
        }
    }
    m
}

fn workspace_toml(opts: &Options) -> String {
    format!(
        r#"# Generated by `cargo run --release --example gen-workspace` (seed {seed}): a large workspace for benchmarks.
[workspace]
name = "Generated workspace ({adrs} decisions)"
description = "Synthetic records for timing wh against other ADR tools."
format = 1

[phase.clarity]
status = "in-progress"
summary = "A generated workspace."
links = ["metric:weekly-active-members"]

[phase.challenge]
status = "not-started"

[phase.next-action]
status = "not-started"

[phase.long-term]
status = "not-started"

[metric.weekly-active-members]
name = "Weekly active members"
kind = "north-star"
indicator = "leading"
unit = "members"
direction = "up"
baseline = 12000
target = 30000
due = 2030-06-30
samples = [{{ date = 2024-01-01, value = 12000 }}, {{ date = 2024-04-01, value = 14500 }}]
"#,
        seed = opts.seed,
        adrs = opts.adrs
    )
}

fn map_toml(rng: &mut Rng, count: u32) -> String {
    let mut t = String::from(
        "[map]\ntitle = \"Generated landscape\"\ndescription = \"Synthetic components for benchmarks.\"\n",
    );
    // Visibility falls with the index, so every `needs` points down the value chain.
    for i in 1..=count {
        let visibility = 0.98 - 0.93 * f64::from(i - 1) / f64::from(count.max(2) - 1);
        let kind = if i <= 3 { "kind = \"anchor\"\n" } else { "" };
        let mut needs = Vec::new();
        for _ in 0..rng.below(3) {
            if i < count {
                let to = i + 1 + rng.below(((count - i) as usize).min(20)) as u32;
                let id = format!("c{to:04}");
                if !needs.contains(&id) {
                    needs.push(id);
                }
            }
        }
        let _ = write!(
            t,
            "\n[component.c{i:04}]\nname = \"{} {i}\"\n{kind}visibility = {visibility:.3}\nevolution = {:.2}\nneeds = {}\n",
            rng.pick(THINGS),
            rng.coordinate(),
            quoted_list(&needs)
        );
    }
    t
}
