//! Reusable drawing pieces: safe text, markdown bodies, popups.

pub mod markdown;
pub mod popup;
pub mod text;
