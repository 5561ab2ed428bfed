//! The baseline: the findings a project accepted on the day it adopted `gsd check`, so CI
//! fails only on new ones.
//!
//! `gsd check --write-baseline` writes `.planning/gsd-baseline.json` (sorted, one finding per
//! entry, meant to be committed and to shrink); later runs leave out the findings it holds.
//!
//! A finding's identity is its rule, its file and its message, never its line: lines shift
//! with every edit above them. Matching is one-for-one in two passes: first the exact message;
//! then, for what is left, the message with its numbers blanked (`is 67%` ~ `is 70%`), so a
//! finding whose counts moved as the project went on stays baselined, while a second finding
//! of the same rule in the same file is new (each entry matches one finding only).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Diagnostic;
use crate::error::UserError;

/// Where the baseline lives by default, relative to the project folder.
pub const DEFAULT_PATH: &str = ".planning/gsd-baseline.json";

/// The file format's version; bumped only on an incompatible change.
const VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    /// The file, relative to the project folder (`.planning/STATE.md`).
    pub file: String,
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

impl Entry {
    pub fn of(d: &Diagnostic) -> Entry {
        Entry {
            code: d.code.to_string(),
            file: d
                .path
                .clone()
                .unwrap_or_else(|| d.file.display().to_string()),
            message: d.message.clone(),
        }
    }

    fn exact(&self) -> (&str, &str, &str) {
        (&self.code, &self.file, &self.message)
    }

    fn loose(&self) -> (String, String, String) {
        (
            self.code.clone(),
            self.file.clone(),
            blank_numbers(&self.message),
        )
    }
}

/// The message with every run of digits (and the separators inside it: `1,076`, `2.5`) as `#`.
fn blank_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii_digit() {
            out.push(c);
            continue;
        }
        while let Some(&n) = chars.peek() {
            let continues = n.is_ascii_digit()
                || (matches!(n, '.' | ',') && {
                    let mut ahead = chars.clone();
                    ahead.next();
                    ahead.peek().is_some_and(char::is_ascii_digit)
                });
            if !continues {
                break;
            }
            chars.next();
        }
        out.push('#');
    }
    out
}

/// The baseline file's text for these findings: sorted, so it diffs well in review.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut findings: Vec<Entry> = diagnostics.iter().map(Entry::of).collect();
    findings.sort();
    let file = File {
        version: VERSION,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file).expect("JSON values serialize");
    text.push('\n');
    text
}

/// Reads a baseline file's text; `display` names it in errors.
pub fn parse(text: &str, display: &str) -> Result<Vec<Entry>, UserError> {
    let file: File = serde_json::from_str(text).map_err(|e| {
        UserError::new(format!("not a gsd baseline: {e}"))
            .in_file(display)
            .at(e.line().max(1), e.column().max(1))
            .hint("rewrite it with `gsd check --write-baseline`, or delete it to report every finding")
    })?;
    if file.version != VERSION {
        return Err(UserError::new(format!(
            "baseline version {} (this gsd reads version {VERSION})",
            file.version
        ))
        .in_file(display)
        .hint("rewrite it with `gsd check --write-baseline`"));
    }
    Ok(file.findings)
}

/// The findings the baseline does not hold, in their order, and how many it held.
pub fn filter(diagnostics: Vec<Diagnostic>, baseline: &[Entry]) -> (Vec<Diagnostic>, usize) {
    let mut exact: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for e in baseline {
        *exact.entry(e.exact()).or_default() += 1;
    }
    // Pass 1: exact matches.
    let entries: Vec<Entry> = diagnostics.iter().map(Entry::of).collect();
    let mut matched = vec![false; diagnostics.len()];
    for (i, entry) in entries.iter().enumerate() {
        if let Some(n) = exact.get_mut(&entry.exact()).filter(|n| **n > 0) {
            *n -= 1;
            matched[i] = true;
        }
    }
    // Pass 2: the entries left, with numbers blanked.
    let mut loose: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for e in baseline {
        if exact.get(&e.exact()).is_some_and(|n| *n > 0) {
            *loose.entry(e.loose()).or_default() += 1;
            *exact.get_mut(&e.exact()).expect("present") -= 1;
        }
    }
    for (i, entry) in entries.iter().enumerate() {
        if matched[i] {
            continue;
        }
        if let Some(n) = loose.get_mut(&entry.loose()).filter(|n| **n > 0) {
            *n -= 1;
            matched[i] = true;
        }
    }
    let held = matched.iter().filter(|m| **m).count();
    let new = diagnostics
        .into_iter()
        .zip(matched)
        .filter(|(_, m)| !m)
        .map(|(d, _)| d)
        .collect();
    (new, held)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::PlanningFile;

    fn d(code: &'static str, message: &str) -> Diagnostic {
        Diagnostic::new(code, PlanningFile::State, 0..1, message.to_string())
    }

    #[test]
    fn blanks_numbers_with_their_separators() {
        assert_eq!(blank_numbers("1,076 min is 2.5 h."), "# min is # h.");
        assert_eq!(blank_numbers("Plan 02-01, 3"), "Plan #-#, #");
    }

    #[test]
    fn round_trips_and_matches_one_for_one() {
        let today = vec![d("GSD102", "percent is 67%"), d("GSD404", "plan 02-01")];
        let baseline = parse(&render(&today), "b.json").unwrap();
        // The same findings, one with moved numbers: all held.
        let later = vec![d("GSD102", "percent is 70%"), d("GSD404", "plan 02-01")];
        let (new, held) = filter(later, &baseline);
        assert!(new.is_empty());
        assert_eq!(held, 2);
        // A second finding of the same rule is new, even though only numbers differ.
        let later = vec![d("GSD404", "plan 02-01"), d("GSD404", "plan 03-01")];
        let (new, held) = filter(later, &baseline);
        assert_eq!(held, 1);
        assert_eq!(new, vec![d("GSD404", "plan 03-01")]);
    }

    #[test]
    fn bad_files_are_clear_errors() {
        let e = parse("{\"version\": 1, \"findings\": [1]}", "b.json").unwrap_err();
        assert!(e.to_string().starts_with("b.json:1:"), "{e}");
        let e = parse("{\"version\": 9, \"findings\": []}", "b.json").unwrap_err();
        assert!(e.to_string().contains("version 9"), "{e}");
    }
}
