//! Other people's formats: markdown ADR folders, OnlineWardleyMaps text, Mermaid, SVG, markdown reports.

pub mod adr_export;
pub mod adr_import;
pub mod impact_export;
pub mod markdown_text;
pub mod mermaid;
pub mod occupancy;
pub mod owm;
pub mod report;
pub mod svg;
