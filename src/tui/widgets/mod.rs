//! Reusable drawing pieces shared by the panes.

pub mod wardley;
