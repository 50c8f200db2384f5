//! Resolving references and computing backlinks. STUB: being written (issue 2).
