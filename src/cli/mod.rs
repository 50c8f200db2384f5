//! The `wh` command line: argument parsing and dispatch. Each command lives in its own file
//! and works through the core (`crate::workspace`, `crate::interop`).

pub mod adr;
mod adr_edit;
mod check;
mod export;
mod impact;
mod import;
mod init;
mod map;
mod metric;
mod output;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
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
    /// Theme name (themes/*.toml or the user's config folder)
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    /// No colours (also when NO_COLOR is set)
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Do not capture the mouse
    #[arg(long, global = true)]
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
        #[arg(long)]
        json: bool,
        /// Also say (on stderr) which ADR folder was read and why it was chosen
        #[arg(long, short)]
        verbose: bool,
    },
    /// Show one record (REF: 7, 0007 or adr:7)
    Show {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy search over number, title and tags, plus full text over the bodies
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
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
    Adr { dir: PathBuf },
    /// Convert an OnlineWardleyMaps text file into maps/ID.toml
    Owm {
        file: PathBuf,
        #[arg(long)]
        id: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// One ADR as markdown
    Adr {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_enum)]
        format: AdrFormat,
    },
    /// A Wardley map as OWM text, Mermaid wardley-beta or SVG
    Map {
        id: String,
        #[arg(long, value_enum)]
        format: MapFormat,
    },
    /// An impact map as a Mermaid mindmap or a markdown outline
    Impact {
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

fn dispatch(cli: &Cli) -> anyhow::Result<ExitCode> {
    let start = cli.start_dir();
    match &cli.command {
        None => {
            let opts = crate::tui::TuiOptions {
                theme: cli.ui.theme.clone(),
                no_color: cli.ui.no_color,
                no_mouse: cli.ui.no_mouse,
            };
            crate::tui::run(&start, opts)
        }
        Some(Command::Init { dir, sample }) => init::run(dir.as_deref(), *sample),
        Some(Command::Check { path, format }) => {
            let dir = path.clone().unwrap_or(start);
            check::run(&dir, *format)
        }
        Some(Command::Adr(cmd)) => adr::run(&start, cmd),
        Some(Command::Map(cmd)) => map::run(&start, cmd),
        Some(Command::Impact(cmd)) => impact::run(&start, cmd),
        Some(Command::Metric(cmd)) => metric::run_metric(&start, cmd),
        Some(Command::Phase(cmd)) => metric::run_phase(&start, cmd),
        Some(Command::Review(cmd)) => metric::run_review(&start, cmd),
        Some(Command::Import(cmd)) => import::run(&start, cmd),
        Some(Command::Export(cmd)) => export::run(&start, cmd),
    }
}
