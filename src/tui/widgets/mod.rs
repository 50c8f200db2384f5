//! Reusable drawing pieces shared by the panes: safe text, markdown bodies, popups,
//! and the Wardley map drawing.

pub mod markdown;
pub mod popup;
pub mod text;
pub mod wardley;
