//! The source ledger: sources of one file with aliases merged.
