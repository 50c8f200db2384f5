//! Reusable drawing pieces shared by the panes: safe text, markdown bodies, popups,
//! and the Wardley map drawing.

pub mod doc;
pub mod gauge;
pub mod links;
pub mod markdown;
pub mod popup;
pub mod text;
pub mod text_input;
pub mod wardley;
pub mod wheel;
