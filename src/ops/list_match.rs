//! Finding a todo or blocker by the words a user types (`gsd state unblock redis`, `gsd state
//! done-todo "api docs"`): both sides read plainly, without case or inline Markdown.

/// Text without case, inline Markdown and brackets (`**`, `` ` ``, `~~`, `_`, `[]`), for matching what a user
/// types against what the file writes (`**Open decisions**: x` is matched by `Open decisions:
/// x`).
pub(crate) fn plain(text: &str) -> String {
    text.replace(['*', '`', '~', '_', '[', ']'], "")
        .to_lowercase()
}

/// Whether an item's text contains `needle` (already [`plain`]), both read plainly.
pub(crate) fn says_plainly(text: &str, needle: &str) -> bool {
    plain(text).contains(needle)
}
