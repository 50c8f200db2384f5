//! Other people's formats: markdown ADR folders, OnlineWardleyMaps text, Mermaid, SVG, markdown reports.

pub mod owm;
