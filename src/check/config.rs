//! `gsd.toml`: a project's `gsd check` settings, so a team writes them once instead of in
//! every CI step and hook.
//!
//! Read from `.planning/gsd.toml`, or from `gsd.toml` in the project folder (beside
//! `.planning/`, where ruff users look for `ruff.toml`); both at once is an error, as two
//! files silently merged would be. A project with neither takes the nearest `gsd.toml` in a
//! folder above it, up to the repository root: one file for every project of a monorepo
//! (the nearest file wins whole; files are not merged). Only a `[check]` table is read:
//!
//! ```toml
//! [check]
//! select = ["ALL"]            # start over from these rules (default: the rules on by default)
//! extend-select = ["GSD206"]  # add rules (style rules are off until named)
//! ignore = ["GSD3"]           # drop rules; the more specific selector wins
//! baseline = ".planning/gsd-baseline.json"   # default; relative to the project folder
//!
//! [check.severity]
//! GSD201 = "error"            # per rule, prefix or name: "error" or "warning"
//! ```
//!
//! Unknown keys, bad selectors and bad severities are errors with `file:line:column` and a
//! hint: a typo in a config must not silently check less. Finding and reading the file is
//! the command's job (`commands::check_settings`); this module only parses.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use super::select::{SELECTOR_HINT, Selector, Selectors};
use super::{Severity, all_rules};
use crate::error::UserError;

/// The config file's name, in `.planning/` or in the project folder.
pub const FILE_NAME: &str = "gsd.toml";

/// The `gsd check` settings of a project (all empty when it has no config file).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file they came from, relative to the project folder (`.planning/gsd.toml`).
    pub path: Option<String>,
    pub selectors: Selectors,
    /// Per-rule severities, resolved for every rule a key matches.
    pub severity: BTreeMap<&'static str, Severity>,
    /// `baseline`, relative to the project folder.
    pub baseline: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    check: Option<RawCheck>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCheck {
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    baseline: Option<Spanned<String>>,
}

/// Parses a config file's text; `display` names it in errors.
pub fn parse(text: &str, display: &str) -> Result<Config, UserError> {
    let at = |span: std::ops::Range<usize>, message: String, hint: &str| {
        let (line, column) = line_col(text, span.start);
        UserError::new(message)
            .in_file(display)
            .at(line, column)
            .hint(hint)
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim_end().to_string();
        let hint = if message.contains("unknown field") {
            "gsd.toml holds one [check] table with the keys select, extend-select, ignore, baseline and a [check.severity] table"
        } else {
            "see the README's `gsd.toml` section for the keys and their types"
        };
        at(span, message, hint)
    })?;
    let Some(check) = raw.check else {
        return Ok(Config {
            path: Some(display.to_string()),
            ..Config::default()
        });
    };
    let selectors = |list: Option<Vec<Spanned<String>>>| -> Result<Vec<Selector>, UserError> {
        list.unwrap_or_default()
            .into_iter()
            .map(|s| Selector::parse(s.get_ref()).map_err(|e| at(s.span(), e, SELECTOR_HINT)))
            .collect()
    };
    let select = match check.select {
        Some(list) => Some(selectors(Some(list))?),
        None => None,
    };
    let mut severity = BTreeMap::new();
    // Most specific key last, so it wins (`GSD2 = "error"`, `GSD203 = "warning"`).
    let mut keys: Vec<(Selector, Severity)> = Vec::new();
    for (key, value) in check.severity.unwrap_or_default() {
        let selector =
            Selector::parse(key.get_ref()).map_err(|e| at(key.span(), e, SELECTOR_HINT))?;
        let level = match value.get_ref().to_ascii_lowercase().as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            other => {
                return Err(at(
                    value.span(),
                    format!("`{other}` is not a severity"),
                    "a severity is \"error\" or \"warning\"; to turn a rule off, put it in `ignore`",
                ));
            }
        };
        keys.push((selector, level));
    }
    keys.sort_by_key(|(s, _)| s.specificity());
    for (selector, level) in &keys {
        for rule in all_rules().into_iter().filter(|r| selector.matches(r)) {
            severity.insert(rule.code, *level);
        }
    }
    Ok(Config {
        path: Some(display.to_string()),
        selectors: Selectors {
            select,
            extend_select: selectors(check.extend_select)?,
            ignore: selectors(check.ignore)?,
        },
        severity,
        baseline: check.baseline.map(|b| PathBuf::from(b.into_inner())),
    })
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, ".planning/gsd.toml").unwrap_err().to_string()
    }

    #[test]
    fn reads_every_key() {
        let c = parse(
            "[check]\nselect = [\"ALL\"]\nextend-select = [\"GSD2\"]\nignore = [\"GSD404\"]\nbaseline = \"b.json\"\n[check.severity]\nGSD2 = \"error\"\nGSD203 = \"warning\"\n",
            "gsd.toml",
        )
        .unwrap();
        assert_eq!(c.selectors.select.as_ref().map(Vec::len), Some(1));
        assert_eq!(c.selectors.ignore[0].text, "GSD404");
        assert_eq!(c.severity.get("GSD201"), Some(&Severity::Error));
        assert_eq!(c.severity.get("GSD203"), Some(&Severity::Warning));
        assert_eq!(c.baseline, Some(PathBuf::from("b.json")));
        assert!(parse("", "gsd.toml").unwrap().selectors == Selectors::default());
    }

    #[test]
    fn errors_point_at_the_value() {
        let e = err("[check]\nignore = [\"GSD404\", \"GSD999\"]\n");
        assert!(
            e.starts_with(".planning/gsd.toml:2:21: no rule matches `GSD999`"),
            "{e}"
        );
        let e = err("[check]\nselct = [\"ALL\"]\n");
        assert!(
            e.starts_with(".planning/gsd.toml:2:1: unknown field `selct`"),
            "{e}"
        );
        assert!(e.contains("hint: gsd.toml holds one [check] table"), "{e}");
        let e = err("[check.severity]\nGSD101 = \"fatal\"\n");
        assert!(
            e.starts_with(".planning/gsd.toml:2:10: `fatal` is not a severity"),
            "{e}"
        );
        let e = err("[check]\nselect = \"ALL\"\n");
        assert!(e.starts_with(".planning/gsd.toml:2:10: "), "{e}");
        let e = err("[lint]\n");
        assert!(e.contains("unknown field `lint`"), "{e}");
    }
}
