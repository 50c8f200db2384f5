//! ADR search: fuzzy over number, title and tags; substring over bodies. STUB: being written (issue 2).
