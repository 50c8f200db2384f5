//! The one writer: toml_edit documents, atomic replace, refuse on changed disk. STUB: being written (issue 2).
