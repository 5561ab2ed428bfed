//! Unified diffs for `--dry-run` and test snapshots (the `similar` crate).
//!
//! Lines are compared with their terminators, so a CRLF line that an edit kept is not shown
//! as changed, and a missing final newline is marked like `diff -u` does. A line's CR is
//! kept in the diff (as `git diff` keeps it), so the diff of a CRLF file applies with
//! `git apply` / `patch`: a diff without the CRs no longer matches the file's lines.

use std::path::Path;

use similar::{ChangeTag, TextDiff};

/// A `diff -u` style diff between two versions of `path`, with 3 lines of context.
pub fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_lines(old, new);
    let mut out = String::new();
    out.push_str(&format!("--- a/{name}\n+++ b/{name}\n"));
    for group in diff.grouped_ops(3) {
        let (first, last) = (&group[0], &group[group.len() - 1]);
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            hunk_range(old_range.start, old_range.len()),
            hunk_range(new_range.start, new_range.len())
        ));
        for op in &group {
            for change in diff.iter_changes(op) {
                let sign = match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                };
                let value = change.value();
                let line = value.strip_suffix('\n').unwrap_or(value);
                out.push(sign);
                out.push_str(line);
                out.push('\n');
                if !value.ends_with('\n') {
                    out.push_str("\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

fn hunk_range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{len}", start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_only_changed_lines_with_context() {
        let d = unified_diff(Path::new("S.md"), "a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(
            d,
            "--- a/S.md\n+++ b/S.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
    }

    #[test]
    fn keeps_the_carriage_returns_of_crlf_lines() {
        let d = unified_diff(Path::new("S.md"), "a\r\nb\r\n", "a\r\nB\r\n");
        assert_eq!(
            d,
            "--- a/S.md\n+++ b/S.md\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n"
        );
    }

    #[test]
    fn marks_a_missing_final_newline() {
        let d = unified_diff(Path::new("S.md"), "a", "b");
        assert!(d.contains("\\ No newline at end of file"));
    }
}
