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

    /// Keeps the findings of selected rules, at the project's severity where it sets one.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| self.selection.is_enabled(d.code))
            .map(|mut d| {
                // The project's word is last; without one, a severity the rule gave this
                // finding stays.
                if let Some(level) = self.severity.get(d.code) {
                    d.severity_override = Some(*level);
                }
                d
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::PlanningFile;
    use crate::check::select::Selector;

    fn finding(code: &'static str) -> Diagnostic {
        Diagnostic::new(code, PlanningFile::State, 0..1, "m".to_string())
    }

    #[test]
    fn filters_by_selection_and_sets_the_projects_severity() {
        let config = Config {
            severity: [("GSD203", Severity::Warning)].into_iter().collect(),
            ..Config::default()
        };
        let cli = Selectors {
            ignore: vec![Selector::parse("GSD101").unwrap()],
            ..Selectors::default()
        };
        let policy = Policy::new(&config, &cli);
        let mut own = finding("GSD102");
        own.severity_override = Some(Severity::Warning);
        let out = policy.apply(vec![finding("GSD101"), finding("GSD203"), own.clone()]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].severity(), Severity::Warning);
        // A severity the rule gave its finding stays when the project sets none.
        assert_eq!(out[1], own);
    }
}
