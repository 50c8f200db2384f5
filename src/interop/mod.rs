//! Other people's formats: markdown ADR folders, OnlineWardleyMaps text, Mermaid, SVG, markdown reports.
//! STUB: being written (issue 4).
