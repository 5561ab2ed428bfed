//! Output for people and machines. Library code never prints; it builds strings and values
//! here, and only `main` writes them.

pub mod diff;
pub mod state_human;
pub mod state_json;
pub mod style;
