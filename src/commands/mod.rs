//! One module per command family. Each returns an [`Output`]; none prints.

pub mod check;
pub mod check_all;
pub mod check_paths;
pub mod check_report;
pub mod check_settings;
pub mod context;
pub mod man;
pub mod milestone;
pub mod mutate;
pub mod phase;
pub mod project;
pub mod show;

pub use context::{Context, Output};
