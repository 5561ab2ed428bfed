//! What a run reports: the rules selected (`--select`, `--ignore`, `--extend-select`, and
//! the same keys in `gsd.toml`) and the severities the project gives them.

use std::collections::BTreeMap;

use super::config::Config;
use super::select::{Selection, Selectors};
use super::{Diagnostic, Severity};

#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub selection: Selection,
    pub severity: BTreeMap<&'static str, Severity>,
}

impl Policy {
    /// The config file's settings, then the command line's selectors over them.
    pub fn new(config: &Config, cli: &Selectors) -> Policy {
        Policy {
            selection: Selection::resolve(&[&config.selectors, cli]),
            severity: config.severity.clone(),
        }
    }

    /// Keeps the findings of selected rules, at the project's severity.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| self.selection.is_enabled(d.code))
            .map(|mut d| {
                d.severity_override = self
                    .severity
                    .get(d.code)
                    .copied()
                    .filter(|s| *s != d.rule().severity);
                d
            })
            .collect()
    }
}
