//! Edits: a byte range and its replacement. [`EditSet::apply`] is the only code in gsd that
//! produces output bytes; everything outside the edited ranges is copied unchanged, which is
//! what makes every command round-trip-safe.

use std::ops::Range;

/// Replace `range` of the original text with `replacement` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    /// Replaces a range.
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Edit {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }

    /// Inserts text at an offset.
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            range: at..at,
            replacement: text.into(),
        }
    }
}

/// Two edits that overlap: a bug in the command that produced them, never a user error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("internal error: overlapping edits at bytes {first:?} and {second:?}")]
pub struct OverlapError {
    pub first: Range<usize>,
    pub second: Range<usize>,
}

/// A set of edits against one original text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditSet {
    edits: Vec<Edit>,
}

impl EditSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an edit. Edits that replace a range with the same text are dropped, so a command
    /// that recomputes an unchanged value produces no change at all.
    pub fn push(&mut self, edit: Edit) {
        self.edits.push(edit);
    }

    /// Adds every edit of an iterator.
    pub fn extend(&mut self, edits: impl IntoIterator<Item = Edit>) {
        self.edits.extend(edits);
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    pub fn len(&self) -> usize {
        self.edits.len()
    }

    /// The edits, in the order they were added.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// Drops edits that would not change the text.
    pub fn without_noops(mut self, original: &str) -> Self {
        self.edits
            .retain(|e| original.get(e.range.clone()) != Some(e.replacement.as_str()));
        self
    }

    /// Applies the edits to `original`: sorted by position (insertions at one offset keep
    /// their order), never overlapping, everything between them copied as is.
    pub fn apply(&self, original: &str) -> Result<String, OverlapError> {
        let mut order: Vec<&Edit> = self.edits.iter().collect();
        order.sort_by_key(|e| (e.range.start, e.range.end));
        let mut out = String::with_capacity(
            original.len() + order.iter().map(|e| e.replacement.len()).sum::<usize>(),
        );
        let mut cursor = 0;
        let mut previous: Option<&Edit> = None;
        for edit in order {
            assert!(
                edit.range.end <= original.len()
                    && original.is_char_boundary(edit.range.start)
                    && original.is_char_boundary(edit.range.end),
                "edit {:?} outside the text or inside a character",
                edit.range
            );
            if edit.range.start < cursor {
                return Err(OverlapError {
                    first: previous.map(|p| p.range.clone()).unwrap_or(0..0),
                    second: edit.range.clone(),
                });
            }
            out.push_str(&original[cursor..edit.range.start]);
            out.push_str(&edit.replacement);
            cursor = edit.range.end;
            previous = Some(edit);
        }
        out.push_str(&original[cursor..]);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_sorted_and_copies_the_rest() {
        let mut set = EditSet::new();
        set.push(Edit::replace(6..11, "there"));
        set.push(Edit::insert(0, ">> "));
        assert_eq!(set.apply("hello world!").unwrap(), ">> hello there!");
    }

    #[test]
    fn overlapping_edits_are_refused() {
        let mut set = EditSet::new();
        set.push(Edit::replace(0..5, "a"));
        set.push(Edit::replace(3..7, "b"));
        assert!(set.apply("0123456789").is_err());
    }

    #[test]
    fn noops_are_dropped() {
        let mut set = EditSet::new();
        set.push(Edit::replace(0..1, "a"));
        assert!(set.without_noops("abc").is_empty());
    }
}
