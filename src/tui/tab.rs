//! The four tabs, by name rather than by number, and the panes behind them.

use std::ops::{Index, IndexMut};

use super::keymap::Context;
use super::panes::decisions::DecisionsPane;
use super::panes::flywheel::FlywheelPane;
use super::panes::impact::ImpactPane;
use super::panes::landscape::LandscapePane;
use super::panes::Pane;
use crate::workspace::{Mode, RefKind, Workspace};

/// A tab of the cockpit, in tab-bar order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tab {
    Flywheel,
    Impact,
    Decisions,
    Landscape,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Flywheel, Tab::Impact, Tab::Decisions, Tab::Landscape];

    /// Its place in the tab bar, from 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The number shown in the tab bar (and bound to it by default).
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// The pane's own keymap context.
    pub fn context(self) -> Context {
        match self {
            Tab::Flywheel => Context::Flywheel,
            Tab::Impact => Context::Impact,
            Tab::Decisions => Context::Decisions,
            Tab::Landscape => Context::Landscape,
        }
    }

    /// The pane's name in the keymap file's `[hints]` table.
    pub fn key(self) -> &'static str {
        self.context().key()
    }

    /// What the tab is called in messages.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Flywheel => "Flywheel",
            Tab::Impact => "Impact map",
            Tab::Decisions => "Decisions",
            Tab::Landscape => "Landscape",
        }
    }

    /// The tab that shows items of this kind (metrics, phases… are the Flywheel's).
    pub fn showing(kind: RefKind) -> Tab {
        match kind {
            RefKind::Adr => Tab::Decisions,
            RefKind::Map => Tab::Landscape,
            RefKind::Impact => Tab::Impact,
            _ => Tab::Flywheel,
        }
    }

    /// The tabs with something to show: a decisions-only folder (markdown ADRs, no
    /// `wheelhouse.toml`) has the Decisions tab alone.
    pub fn shown(ws: &Workspace) -> &'static [Tab] {
        match ws.mode {
            Mode::DecisionsOnly => &[Tab::Decisions],
            Mode::Full => &Tab::ALL,
        }
    }
}

/// One pane per tab.
pub struct Panes(Vec<Box<dyn Pane>>);

impl Panes {
    pub fn new(ws: &Workspace) -> Panes {
        Panes(Tab::ALL.into_iter().map(|t| Panes::make(t, ws)).collect())
    }

    /// A fresh pane for `tab`, made from the model.
    pub fn make(tab: Tab, ws: &Workspace) -> Box<dyn Pane> {
        match tab {
            Tab::Flywheel => Box::new(FlywheelPane::new(ws)),
            Tab::Impact => Box::new(ImpactPane::new(ws)),
            Tab::Decisions => Box::new(DecisionsPane::new(ws)),
            Tab::Landscape => Box::new(LandscapePane::new(ws)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (Tab, &dyn Pane)> {
        Tab::ALL.into_iter().zip(self.0.iter().map(|p| &**p))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Box<dyn Pane>> {
        self.0.iter_mut()
    }
}

impl Index<Tab> for Panes {
    type Output = Box<dyn Pane>;
    fn index(&self, tab: Tab) -> &Self::Output {
        &self.0[tab.index()]
    }
}

impl IndexMut<Tab> for Panes {
    fn index_mut(&mut self, tab: Tab) -> &mut Self::Output {
        &mut self.0[tab.index()]
    }
}
