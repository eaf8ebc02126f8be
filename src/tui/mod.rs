//! The interactive dashboard: Elm-style model (`app`), messages (`action`), keys as data
//! (`keymap`), derived tables (`tables`), drawing (`ui`) and the event loop (`run`).

pub mod action;
pub mod app;
pub mod edit;
pub mod editing;
pub mod form;
pub mod keymap;
pub mod run;
pub mod tables;
pub mod ui;

pub use app::{App, Tab};
pub use run::run;
