//! The `wh` command line: argument parsing and dispatch. Each command lives in its own file
//! and works through the core (`crate::workspace`, `crate::interop`).

pub mod adr;
mod adr_edit;
mod check;
mod completions;
mod export;
mod history;
mod impact;
mod import;
mod init;
mod map;
mod metric;
mod output;
mod typo;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "wh",
    version,
    about = "wheelhouse: a terminal strategy cockpit (Value Flywheel, impact maps, ADRs, Wardley maps)",
    after_help = "Run `wh` with no command to open the cockpit on the workspace found from the current folder."
)]
pub struct Cli {
    /// Workspace folder (default: found by walking up from the current folder)
    #[arg(short = 'C', long = "workspace", global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    /// Read the workspace as it was at this git revision (tag, commit, HEAD~20): read-only
    #[arg(long = "rev", global = true, value_name = "REV")]
    pub rev: Option<String>,

    #[command(flatten)]
    pub ui: UiArgs,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Workspace to open in the cockpit (same as -C)
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct UiArgs {
    // cockpit-only: not global, so subcommands' --help does not list flags that do nothing there
    /// Cockpit theme name (themes/*.toml or the user's config folder)
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// Cockpit without colours (also when NO_COLOR is set)
    #[arg(long)]
    pub no_color: bool,
    /// Cockpit without capturing the mouse
    #[arg(long)]
    pub no_mouse: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new workspace (a minimal skeleton, or a copy of the sample)
    Init {
        /// Folder to create it in (default: current folder)
        dir: Option<PathBuf>,
        /// Copy the sample workspace instead of a skeleton
        #[arg(long)]
        sample: bool,
    },
    /// Check every file of the workspace and print diagnostics
    Check {
        /// Workspace folder (default: -C or the current folder)
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Also the strategy lint (docs/strategy-lint.md)
        #[arg(long)]
        strategy: bool,
    },
    /// Architecture decision records
    #[command(subcommand)]
    Adr(AdrCommand),
    /// Edit Wardley maps: add, move, link, evolve, remove components
    #[command(subcommand)]
    Map(map::MapCommand),
    /// Edit impact maps: add, rename, move, reorder, remove actors, impacts, deliverables
    #[command(subcommand)]
    Impact(impact::ImpactCommand),
    /// Record metric samples (idempotent: made for CI jobs and cron)
    #[command(subcommand)]
    Metric(metric::MetricCommand),
    /// Set a flywheel phase's status
    #[command(subcommand)]
    Phase(metric::PhaseCommand),
    /// Record flywheel reviews
    #[command(subcommand)]
    Review(metric::ReviewCommand),
    /// Bring other formats into the workspace
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write workspace items in other formats
    #[command(subcommand)]
    Export(ExportCommand),
    /// Print a shell completion script (bash: `wh completions bash > ~/.local/share/bash-completion/completions/wh`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff: `wh man > ~/.local/share/man/man1/wh.1`, `wh man adr list`), or
    /// write every page with `--all DIR`
    Man {
        /// The subcommand whose page to print: `adr`, `adr list` (none: wh's own page)
        #[arg(value_name = "SUBCOMMAND")]
        command: Vec<String>,
        /// Write wh.1 and a page per subcommand (wh-adr.1, wh-adr-list.1, …) into DIR
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        all: Option<PathBuf>,
    },
    /// The strategy over time, from the workspace's git history
    #[command(subcommand)]
    History(HistoryCommand),
    /// What changed in the strategy between two revisions (default: the last tag or the
    /// previous commit, against the working tree)
    Diff {
        rev_a: Option<String>,
        rev_b: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, value_enum, default_value_t = history::DiffFormat::Text)]
        format: history::DiffFormat,
    },
}

impl AdrCommand {
    /// Whether the command changes files (refused at a past revision).
    pub fn writes(&self) -> bool {
        !matches!(
            self,
            AdrCommand::List { .. } | AdrCommand::Show { .. } | AdrCommand::Search { .. }
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Per component: first seen, last moved, Δevolution, speed per 90 days, stage crossings
    Map {
        id: String,
        /// Start at this day (YYYY-MM-DD) or after this revision
        #[arg(long, value_name = "DATE|REV")]
        since: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A metric's samples, completed from git where the file kept only the latest (those are
    /// marked with the commit they were read from); every metric without an ID
    Metric {
        id: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum AdrCommand {
    /// List records: number, status, date, title, in number order
    List {
        /// Only records with this status
        #[arg(long, value_name = "S", value_parser = ["proposed", "accepted", "rejected", "deprecated", "superseded", "unknown"])]
        status: Option<String>,
        /// Only records with this tag
        #[arg(long, value_name = "T")]
        tag: Option<String>,
        /// Print JSON instead of text (fields in docs/cli-json.md)
        #[arg(long)]
        json: bool,
        /// Also say (on stderr) which ADR folder was read and why it was chosen
        #[arg(long, short)]
        verbose: bool,
    },
    /// Show one record
    Show {
        /// The record: its number (7 or 0007) or reference (adr:7)
        #[arg(value_name = "REF")]
        reference: String,
        /// Print JSON instead of text (fields in docs/cli-json.md)
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy search over number, title and tags, plus full text over the bodies
    Search {
        /// Words to look for; a number finds that record
        #[arg(value_name = "QUERY")]
        query: String,
        /// At most this many hits, best first
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
        /// Print JSON instead of text (fields in docs/cli-json.md)
        #[arg(long)]
        json: bool,
    },
    /// Write a new record with the next number and print its path (markdown folders: in
    /// their own dialect, as `adr new` would; ADR_DATE sets the date)
    New {
        /// The title; several words are joined with spaces, as `adr new` does
        #[arg(required = true, num_args = 1..)]
        title: Vec<String>,
        /// The record this one supersedes (it becomes superseded and points here)
        #[arg(long, value_name = "REF")]
        supersedes: Option<String>,
        #[arg(long, value_name = "S", value_parser = ["proposed", "accepted", "rejected", "deprecated", "superseded"])]
        status: Option<String>,
        #[arg(long = "tag", value_name = "T")]
        tags: Vec<String>,
        /// Something the record links to (adr:7, map:x/y, metric:z, ...)
        #[arg(long = "link", value_name = "REF")]
        links: Vec<String>,
        /// Open the new record in $VISUAL / $EDITOR, then check it
        #[arg(long)]
        edit: bool,
        #[arg(long)]
        json: bool,
    },
    /// Set a record's status (superseded: --by the record that replaces it; both are updated)
    Status {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(value_parser = ["proposed", "accepted", "rejected", "deprecated", "superseded"])]
        status: String,
        #[arg(long, value_name = "REF")]
        by: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Link a record to anything (markdown records: to another record, both sides written)
    Link {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(value_name = "TARGET")]
        target: String,
        /// relates, amends, clarifies, extends, refines
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a link (from both records in a markdown folder)
    Unlink {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(value_name = "TARGET")]
        target: String,
        #[arg(long)]
        json: bool,
    },
    /// Set the tags (none: no tags)
    Tag {
        #[arg(value_name = "REF")]
        reference: String,
        tags: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Mark the chosen option
    Choose {
        #[arg(value_name = "REF")]
        reference: String,
        option: String,
        #[arg(long)]
        json: bool,
    },
    /// A new title and the file name that goes with it (links by number keep working)
    Rename {
        #[arg(value_name = "REF")]
        reference: String,
        title: String,
        #[arg(long)]
        json: bool,
    },
    /// Open a record in $VISUAL / $EDITOR, then check it (problems with line and column)
    Edit {
        #[arg(value_name = "REF")]
        reference: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Convert a markdown ADR folder into TOML records under decisions/
    Adr {
        /// The markdown ADR folder (doc/adr, docs/decisions, ...)
        dir: PathBuf,
    },
    /// Convert an OnlineWardleyMaps text file into maps/ID.toml
    Owm {
        /// The OWM text file
        file: PathBuf,
        /// The new map's id, kebab-case (default: from the file name)
        #[arg(long, value_name = "ID")]
        id: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// One ADR as markdown
    Adr {
        /// The record: its number (7 or 0007) or reference (adr:7)
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_enum)]
        format: AdrFormat,
    },
    /// A Wardley map as OWM text (the default), Mermaid wardley-beta or SVG
    Map {
        /// The map's id (serving or map:serving)
        id: String,
        #[arg(long, value_enum, default_value_t = MapFormat::Owm)]
        format: MapFormat,
    },
    /// An impact map as a Mermaid mindmap or a markdown outline
    Impact {
        /// The impact map's id
        id: String,
        #[arg(long, value_enum)]
        format: ImpactFormat,
    },
    /// A readable report of the whole workspace
    Workspace {
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
        /// Output folder (default: print the markdown to stdout, without map pictures)
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AdrFormat {
    Madr,
    Nygard,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MapFormat {
    Owm,
    Mermaid,
    Svg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImpactFormat {
    Mermaid,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Markdown,
}

impl Cli {
    /// The folder to start looking for the workspace from.
    pub fn start_dir(&self) -> PathBuf {
        self.workspace
            .clone()
            .or_else(|| self.path.clone())
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

/// Parses arguments and runs the command. Usage errors exit 2 (clap), failures 1.
pub fn run() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    if let Some(err) = typo::check(&args, Path::new(".")) {
        err.exit();
    }
    let cli = Cli::parse();
    match dispatch(&cli) {
        Ok(code) => code,
        // `wh … | head` closed stdout: the reader has what it wanted.
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("wh: {}", crate::text::inert_multiline(&format!("{err:#}")));
            ExitCode::from(1)
        }
    }
}

/// A workspace folder named with `-C` or `PATH` that is not there: said plainly, instead of
/// the OS's "No such file or directory".
fn require_folder(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    anyhow::bail!("the workspace folder {} does not exist", dir.display())
}

fn dispatch(cli: &Cli) -> anyhow::Result<ExitCode> {
    let start = cli.start_dir();
    if !matches!(
        cli.command,
        Some(Command::Init { .. } | Command::Completions { .. } | Command::Man { .. })
    ) {
        require_folder(&start)?;
    }
    let rev = cli.rev.as_deref();
    match &cli.command {
        None => {
            let opts = crate::tui::TuiOptions {
                theme: cli.ui.theme.clone(),
                no_color: cli.ui.no_color,
                no_mouse: cli.ui.no_mouse,
                rev: cli.rev.clone(),
            };
            crate::tui::run(&start, opts)
        }
        Some(Command::Init { dir, sample }) => {
            history::refuse_rev(rev, "wh init")?;
            init::run(dir.as_deref(), *sample)
        }
        Some(Command::Completions { shell }) => completions::completions(*shell),
        Some(Command::Man { command, all }) => completions::man(command, all.as_deref()),
        Some(Command::Check {
            path,
            format,
            strategy,
        }) => {
            let dir = path.clone().unwrap_or(start);
            require_folder(&dir)?;
            check::run(&dir, *format, rev, *strategy)
        }
        Some(Command::Adr(cmd)) => {
            if cmd.writes() {
                history::refuse_rev(rev, "wh adr (an edit)")?;
            }
            adr::run(&start, cmd, rev)
        }
        Some(Command::Map(cmd)) => {
            history::refuse_rev(rev, "wh map")?;
            map::run(&start, cmd)
        }
        Some(Command::Impact(cmd)) => {
            history::refuse_rev(rev, "wh impact")?;
            impact::run(&start, cmd)
        }
        Some(Command::Metric(cmd)) => {
            history::refuse_rev(rev, "wh metric")?;
            metric::run_metric(&start, cmd)
        }
        Some(Command::Phase(cmd)) => {
            history::refuse_rev(rev, "wh phase")?;
            metric::run_phase(&start, cmd)
        }
        Some(Command::Review(cmd)) => {
            history::refuse_rev(rev, "wh review")?;
            metric::run_review(&start, cmd)
        }
        Some(Command::Import(cmd)) => {
            history::refuse_rev(rev, "wh import")?;
            import::run(&start, cmd)
        }
        Some(Command::Export(cmd)) => export::run(&start, cmd, rev),
        Some(Command::History(HistoryCommand::Map { id, since, json })) => {
            history::history_map(&start, id, since.as_deref(), rev, *json)
        }
        Some(Command::History(HistoryCommand::Metric { id, json })) => {
            history::history_metric(&start, id.as_deref(), rev, *json)
        }
        Some(Command::Diff {
            rev_a,
            rev_b,
            json,
            format,
        }) => history::diff(
            &start,
            rev_a.as_deref(),
            rev_b.as_deref(),
            rev,
            *json,
            *format,
        ),
    }
}
