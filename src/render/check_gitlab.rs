//! `gsd check --format gitlab`: a GitLab code quality report (the Code Climate JSON subset
//! GitLab reads), for `artifacts: reports: codequality`, so findings show in merge requests.
//!
//! `[{"description", "check_name", "fingerprint", "severity", "location": {"path",
//! "lines": {"begin"}}}]`. Paths are relative to the repository root. Errors are `major`,
//! warnings `minor`. The fingerprint is what GitLab compares between the base and the merge
//! request to tell new findings from old ones, so it leaves out the line (which shifts with
//! every edit above it): a stable hash of the rule, the file and the message, plus the
//! occurrence number when the same finding repeats.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::check::{Located, Severity};

pub fn render(located: &[Located]) -> String {
    let mut seen: HashMap<(String, &str, &str), usize> = HashMap::new();
    let issues: Vec<Value> = located
        .iter()
        .map(|l| {
            let d = l.diagnostic;
            let n = seen
                .entry((l.path.clone(), d.code, d.message.as_str()))
                .or_default();
            *n += 1;
            let key = format!("{}\u{0}{}\u{0}{}\u{0}{n}", d.code, l.path, d.message);
            let description = match &d.help {
                Some(help) => format!("{} {} (help: {help})", d.code, d.message),
                None => format!("{} {}", d.code, d.message),
            };
            json!({
                "type": "issue",
                "description": description,
                "check_name": format!("{}: {}", d.code, d.rule().name),
                "categories": ["Bug Risk"],
                "fingerprint": format!("{:016x}", fnv1a(key.as_bytes())),
                "severity": match d.severity() {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "location": {"path": l.path, "lines": {"begin": l.line}},
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).expect("JSON values serialize");
    text.push('\n');
    text
}

/// FNV-1a, 64 bits: fixed by its definition, so fingerprints stay the same across gsd and
/// Rust versions (the standard library's hasher promises no such thing).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
