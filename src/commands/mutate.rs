//! The commands that change files: complete, begin, decide, block, unblock, todo, session, set.

use crate::app::{Context, Output};
use crate::cli::StateCommand;
use crate::error::UserError;

pub fn run(_ctx: &Context, cmd: StateCommand) -> anyhow::Result<Output> {
    Err(UserError::new(format!("{cmd:?} is not available in this build yet")).into())
}
