//! Which rules a `gsd check` run reports: `--select`, `--extend-select` and `--ignore`, on
//! the command line and in `gsd.toml`, resolved the way ruff resolves them.
//!
//! A selector is `ALL`, a rule code (`GSD404`), a code prefix (`GSD4`, `GSD40`, `GSD`) or a
//! rule name (`ticked-plan-without-summary`), case-insensitive. Resolution starts from the
//! rules that are on by default ([`Rule::on_by_default`]) and applies each layer in turn
//! (the config file, then the command line):
//! - a layer with `select` starts over from exactly the rules it selects;
//! - `extend-select` adds rules, `ignore` removes them;
//! - within a layer, when a rule matches both an enabling and an ignoring selector, the more
//!   specific selector wins (`--select GSD4 --ignore GSD404` drops GSD404;
//!   `--select GSD404 --ignore GSD4` keeps it); at equal specificity `ignore` wins.
//!
//! Rules that are off by default (style rules) run only when a selector of `select` or
//! `extend-select` matches them, `ALL` and prefixes included, as ruff's `ALL` does.

use std::collections::BTreeSet;

use super::{Rule, all_rules};

/// One parsed selector, known to match at least one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// As written, for messages.
    pub text: String,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    All,
    /// Upper-case code prefix: `GSD`, `GSD4`, `GSD40`, `GSD404`.
    Prefix(String),
    /// A rule's name.
    Name(&'static str),
}

/// The hint every bad selector gets.
pub const SELECTOR_HINT: &str = "a selector is a rule code (GSD404), a code prefix (GSD4, GSD40), a rule name (ticked-plan-without-summary) or ALL; `gsd rule` lists every rule";

impl Selector {
    /// Parses a selector; the error says why it is not one (no rule has that code, …).
    pub fn parse(text: &str) -> Result<Selector, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err("an empty rule selector".to_string());
        }
        let upper = trimmed.to_ascii_uppercase();
        let kind = if upper == "ALL" {
            Kind::All
        } else if upper.starts_with("GSD") && upper[3..].chars().all(|c| c.is_ascii_digit()) {
            Kind::Prefix(upper)
        } else if let Some(rule) = all_rules()
            .into_iter()
            .find(|r| r.name.eq_ignore_ascii_case(trimmed))
        {
            Kind::Name(rule.name)
        } else {
            return Err(format!("`{trimmed}` is not a rule code, prefix or name"));
        };
        let selector = Selector {
            text: trimmed.to_string(),
            kind,
        };
        if !all_rules().iter().any(|r| selector.matches(r)) {
            return Err(format!("no rule matches `{trimmed}`"));
        }
        Ok(selector)
    }

    pub fn matches(&self, rule: &Rule) -> bool {
        match &self.kind {
            Kind::All => true,
            Kind::Prefix(p) => rule.code.starts_with(p.as_str()),
            Kind::Name(n) => rule.name == *n,
        }
    }

    /// How specific the selector is: `ALL` least, then longer prefixes, a code or a name most.
    pub(crate) fn specificity(&self) -> usize {
        match &self.kind {
            Kind::All => 0,
            Kind::Prefix(p) => p.len(),
            Kind::Name(_) => usize::MAX,
        }
    }
}

/// The selectors of one layer (the config file, or the command line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selectors {
    /// `select`: when given, the layer starts over from exactly these rules.
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
}

impl Selectors {
    /// Whether the layer says anything about `rule`: `Some(true)` on, `Some(false)` off.
    fn verdict(&self, rule: &Rule) -> Option<bool> {
        let best = |selectors: &mut dyn Iterator<Item = &Selector>| {
            selectors
                .filter(|s| s.matches(rule))
                .map(Selector::specificity)
                .max()
        };
        let on = best(&mut self.select.iter().flatten().chain(&self.extend_select));
        let off = best(&mut self.ignore.iter());
        match (on, off) {
            (Some(on), Some(off)) => Some(on > off),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (None, None) => None,
        }
    }
}

/// The rules a run reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    enabled: BTreeSet<&'static str>,
}

impl Default for Selection {
    /// The rules that are on by default.
    fn default() -> Self {
        Selection::resolve(&[])
    }
}

impl Selection {
    /// Applies the layers in order (config file first, command line last).
    pub fn resolve(layers: &[&Selectors]) -> Selection {
        let mut enabled: BTreeSet<&'static str> = all_rules()
            .into_iter()
            .filter(|r| r.on_by_default)
            .map(|r| r.code)
            .collect();
        for layer in layers {
            if layer.select.is_some() {
                enabled.clear();
            }
            for rule in all_rules() {
                match layer.verdict(rule) {
                    Some(true) => {
                        enabled.insert(rule.code);
                    }
                    Some(false) => {
                        enabled.remove(rule.code);
                    }
                    None => {}
                }
            }
        }
        Selection { enabled }
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        self.enabled.contains(code)
    }
}

/// The selectors given to a command-line flag (`--select`); a bad one is a usage error
/// raised by the command, not by the argument parser, so `--format sarif` still prints a
/// log that says what was wrong.
pub fn parse_flag(flag: &str, list: &[String]) -> Result<Vec<Selector>, crate::error::UserError> {
    list.iter()
        .map(|text| {
            Selector::parse(text).map_err(|e| {
                crate::error::UserError::new(format!("{flag}: {e}")).hint(SELECTOR_HINT)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(list: &[&str]) -> Vec<Selector> {
        list.iter().map(|s| Selector::parse(s).unwrap()).collect()
    }

    fn layer(select: Option<&[&str]>, extend: &[&str], ignore: &[&str]) -> Selectors {
        Selectors {
            select: select.map(sel),
            extend_select: sel(extend),
            ignore: sel(ignore),
        }
    }

    #[test]
    fn parses_codes_prefixes_names_and_all() {
        assert!(Selector::parse("GSD404").is_ok());
        assert!(Selector::parse("gsd4").is_ok());
        assert!(Selector::parse("GSD").is_ok());
        assert!(Selector::parse("all").is_ok());
        let name = all_rules()[0].name;
        assert!(Selector::parse(name).is_ok());
        assert!(
            Selector::parse("GSD9")
                .unwrap_err()
                .contains("no rule matches")
        );
        assert!(Selector::parse("E501").is_err());
        assert!(Selector::parse(" ").is_err());
    }

    #[test]
    fn default_is_the_rules_on_by_default() {
        let s = Selection::default();
        for r in all_rules() {
            assert_eq!(s.is_enabled(r.code), r.on_by_default, "{}", r.code);
        }
    }

    #[test]
    fn select_starts_over_and_ignore_removes() {
        let s = Selection::resolve(&[&layer(Some(&["GSD4"]), &[], &["GSD404"])]);
        assert!(s.is_enabled("GSD403"));
        assert!(!s.is_enabled("GSD404"));
        assert!(!s.is_enabled("GSD101"));
        // The more specific selector wins, whichever list it is in.
        let s = Selection::resolve(&[&layer(Some(&["GSD404"]), &[], &["GSD4"])]);
        assert!(s.is_enabled("GSD404"));
        assert!(!s.is_enabled("GSD403"));
    }

    #[test]
    fn later_layers_override_earlier_ones() {
        let config = layer(None, &[], &["GSD2"]);
        let cli = layer(None, &["GSD203"], &[]);
        let s = Selection::resolve(&[&config, &cli]);
        assert!(s.is_enabled("GSD203"));
        assert!(!s.is_enabled("GSD201"));
        assert!(s.is_enabled("GSD101"));
        // A select on the command line replaces the config's selection and ignores.
        let cli = layer(Some(&["ALL"]), &[], &[]);
        let s = Selection::resolve(&[&config, &cli]);
        assert!(all_rules().iter().all(|r| s.is_enabled(r.code)));
    }
}
