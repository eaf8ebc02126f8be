//! Command-line definitions and non-interactive commands.
