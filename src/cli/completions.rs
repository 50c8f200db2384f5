//! `wh completions SHELL` and `wh man` (one page, or every page with `--all DIR`): generated from the same clap definition as the
//! parser, so they never drift from what `wh` accepts.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::anyhow;
use clap::CommandFactory;

use super::Cli;
use crate::text::inert;
use crate::workspace::writer;

pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "wh", &mut out);
    std::io::stdout().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `wh man [SUBCOMMAND…]` prints one page; `wh man --all DIR` writes them all.
pub fn man(path: &[String], all: Option<&Path>) -> anyhow::Result<ExitCode> {
    // built, so each subcommand knows its full name (`wh-adr-list`), the pages' titles
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    if let Some(dir) = all {
        let written = write_pages(&cmd, dir)?;
        let shown = inert(&dir.display().to_string()).into_owned();
        super::output::print(&format!(
            "wrote {} to {shown} (read them with `man -M {shown} wh`, or put the folder in MANPATH)\n",
            crate::text::count(written, "man page")
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut asked = &cmd;
    for (depth, name) in path.iter().enumerate() {
        asked = asked.find_subcommand(name).ok_or_else(|| {
            let known: Vec<&str> = asked
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| s.get_name())
                .collect();
            anyhow!(
                "`wh {}` is not a command (known here: {})",
                inert(&path[..=depth].join(" ")),
                known.join(", ")
            )
        })?;
    }
    std::io::stdout().write_all(&render(asked)?)?;
    Ok(ExitCode::SUCCESS)
}

/// A page for `cmd`; every page names wh and its version as its source (a subcommand has none).
fn page(cmd: &clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd.clone()).source(format!("wh {}", env!("CARGO_PKG_VERSION")))
}

fn render(cmd: &clap::Command) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    page(cmd).render(&mut out)?;
    Ok(out)
}

/// `cmd`'s page and its subcommands' pages, depth first, into `dir`; how many were written.
fn write_pages(cmd: &clap::Command, dir: &Path) -> anyhow::Result<usize> {
    let mut written = 0;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        written += write_pages(sub, dir)?;
    }
    let name = page(cmd).get_filename();
    let text = String::from_utf8(render(cmd)?)?;
    writer::write_output(&dir.join(name), &text)?;
    Ok(written + 1)
}
