//! One module per command family. Each returns an [`crate::app::Output`]; none prints.

pub mod check;
pub mod milestone;
pub mod mutate;
pub mod phase;
pub mod project;
pub mod show;
