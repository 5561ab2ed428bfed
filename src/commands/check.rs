//! `gsd check` and `gsd rule`.

use crate::app::{Context, Output};
use crate::cli::CheckArgs;
use crate::error::UserError;

pub fn run(_ctx: &Context, _args: &CheckArgs) -> anyhow::Result<Output> {
    Err(UserError::new("gsd check is not available in this build yet").into())
}

pub fn rule(_ctx: &Context, _code: Option<&str>) -> anyhow::Result<Output> {
    Err(UserError::new("gsd rule is not available in this build yet").into())
}
