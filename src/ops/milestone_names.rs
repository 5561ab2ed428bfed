//! Milestone versions: `1.2` / `V1.2` / `v1.2` as the user writes them, and whether a title
//! (`✅ v1.0 MVP`, a STATE.md frontmatter value, a `## Milestones` bullet) names one.

use crate::error::UserError;

/// A milestone version as the user wrote it, normalised to `v1.2`.
pub fn version(raw: &str) -> Result<String, UserError> {
    let t = raw.trim();
    let digits = t.strip_prefix(['v', 'V']).unwrap_or(t);
    let ok = !digits.is_empty()
        && digits
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if ok {
        Ok(format!("v{digits}"))
    } else {
        Err(
            UserError::new(format!("`{raw}` is not a milestone version"))
                .hint("use e.g. `gsd milestone complete v1.0` (v, then numbers with dots)"),
        )
    }
}

/// Whether a title names `version` as a word (`✅ v1.0 MVP`, not `v1.01`).
pub fn names_version(title: &str, version: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    let v = version.to_ascii_lowercase();
    lower.match_indices(&v).any(|(at, _)| {
        let after = lower[at + v.len()..].chars().next();
        let before = lower[..at].chars().last();
        !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
            && !before.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}
