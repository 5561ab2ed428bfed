//! Typed views of the planning files, built on the syntax layer. Every value keeps the byte
//! range it came from, so commands can edit it in place and diagnostics can point at it.
//! A field the file does not have is `None`, never guessed.

pub mod decision_outcome;
pub mod disk_facts;
pub mod field;
pub mod ids;
pub mod phase_ref;
pub mod phases;
pub mod plan_file;
pub mod planning_file;
pub mod project;
pub mod project_items;
pub mod project_requirements;
pub mod requirements;
pub mod roadmap;
pub mod state;
pub mod status;
pub mod summary;
pub mod summary_date;
pub mod values;
pub mod workspace;
pub mod workstream;

pub use field::Field;
pub use ids::{PhaseNum, PlanId};
pub use state::StateDoc;
pub use workspace::Workspace;
