//! Reusable drawing pieces shared by the panes.

pub mod doc;
pub mod fit;
pub mod gauge;
pub mod links;
pub mod md;
pub mod wardley;
pub mod wheel;
