//! Output for people and machines. Library code never prints; it builds strings and values
//! here, and only `main` writes them.

pub mod change_report;
pub mod check_github;
pub mod check_gitlab;
pub mod check_human;
pub mod check_json;
pub mod check_sarif;
pub mod diff;
pub mod ledger_view;
pub mod next_view;
pub mod project_human;
pub mod project_json;
pub mod state_human;
pub mod state_json;
pub mod style;
