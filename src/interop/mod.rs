//! Other people's formats: markdown ADR folders, OnlineWardleyMaps text, Mermaid, SVG, markdown reports.
//! STUB: being written (issue 4).

pub mod adr_export;
pub mod adr_import;
pub mod impact_export;
pub mod markdown_text;
pub mod report;
