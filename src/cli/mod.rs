//! The `wh` command line: argument parsing and dispatch. Each command lives in its own file
//! and works through the core (`crate::workspace`, `crate::interop`).

pub mod adr;
mod check;
mod export;
mod history;
mod import;
mod init;
mod map;
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
    /// Bring other formats into the workspace
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write workspace items in other formats
    #[command(subcommand)]
    Export(ExportCommand),
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
    /// Write a new record with the next number and print its path
    New {
        title: String,
        /// The record this one supersedes (it becomes superseded and points here)
        #[arg(long, value_name = "REF")]
        supersedes: Option<String>,
        #[arg(long, default_value = "proposed", value_name = "S", value_parser = ["proposed", "accepted", "rejected", "deprecated", "superseded"])]
        status: String,
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
        Some(Command::Check {
            path,
            format,
            strategy,
        }) => {
            let dir = path.clone().unwrap_or(start);
            check::run(&dir, *format, rev, *strategy)
        }
        Some(Command::Adr(cmd)) => {
            if matches!(cmd, AdrCommand::New { .. }) {
                history::refuse_rev(rev, "wh adr new")?;
            }
            adr::run(&start, cmd, rev)
        }
        Some(Command::Map(cmd)) => {
            history::refuse_rev(rev, "wh map")?;
            map::run(&start, cmd)
        }
        Some(Command::Import(cmd)) => {
            history::refuse_rev(rev, "wh import")?;
            import::run(&start, cmd)
        }
        Some(Command::Export(cmd)) => export::run(&start, cmd, rev),
        Some(Command::History(HistoryCommand::Map { id, since, json })) => {
            history::history_map(&start, id, since.as_deref(), *json)
        }
        Some(Command::Diff {
            rev_a,
            rev_b,
            json,
            format,
        }) => history::diff(&start, rev_a.as_deref(), rev_b.as_deref(), *json, *format),
    }
}
