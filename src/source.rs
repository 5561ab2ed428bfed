//! The file as read: its exact text, its BOM, its line endings and a line index.
//!
//! Everything else in gsd refers to text through byte ranges into [`Source::text`], so this
//! module is what makes byte identity possible: the text is never normalised. A UTF-8 BOM
//! stays in `text`; [`Source::body_start`] says where the Markdown begins after it.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A line ending style, as found on one line or as the file's dominant style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Eol {
    /// `\n`
    #[default]
    Lf,
    /// `\r\n`
    CrLf,
    /// `\r` alone (old Mac files; kept, never produced unless the file uses it)
    Cr,
}

impl Eol {
    /// The bytes of this line ending.
    pub fn as_str(self) -> &'static str {
        match self {
            Eol::Lf => "\n",
            Eol::CrLf => "\r\n",
            Eol::Cr => "\r",
        }
    }
}

/// One physical line: `start..content_end` is its text, `content_end..end` its terminator
/// (empty on a last line without a final newline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpan {
    pub start: usize,
    pub content_end: usize,
    pub end: usize,
}

impl LineSpan {
    /// The line's text without its terminator.
    pub fn content(self) -> Range<usize> {
        self.start..self.content_end
    }
    /// The line's terminator, if it has one.
    pub fn eol(self, text: &str) -> Option<Eol> {
        match &text[self.content_end..self.end] {
            "\r\n" => Some(Eol::CrLf),
            "\n" => Some(Eol::Lf),
            "\r" => Some(Eol::Cr),
            _ => None,
        }
    }
}

/// A text file held exactly as read.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where the file came from (for messages); may be a display path.
    pub path: PathBuf,
    /// The complete file, BOM included.
    pub text: String,
    /// 3 when the file starts with a UTF-8 BOM, else 0.
    pub body_start: usize,
    /// Every physical line, in order. Never empty for a non-empty file.
    pub lines: Vec<LineSpan>,
}

impl Source {
    /// Wraps text that was already read (or generated in a test).
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let lines = split_lines(&text);
        Source {
            path: path.into(),
            text,
            body_start,
            lines,
        }
    }

    /// The file's path as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file starts with a UTF-8 byte order mark.
    pub fn has_bom(&self) -> bool {
        self.body_start == 3
    }

    /// The text of `range`.
    pub fn slice(&self, range: Range<usize>) -> &str {
        &self.text[range]
    }

    /// The text of line `index` (0-based), without its terminator and without a leading BOM.
    pub fn line_text(&self, index: usize) -> &str {
        let line = self.lines[index];
        let start = line.start.max(self.body_start.min(line.content_end));
        &self.text[start..line.content_end]
    }

    /// The line ending new lines should use: the one most lines use (ties and files without
    /// any line ending prefer LF).
    pub fn dominant_eol(&self) -> Eol {
        let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
        for line in &self.lines {
            match line.eol(&self.text) {
                Some(Eol::Lf) => lf += 1,
                Some(Eol::CrLf) => crlf += 1,
                Some(Eol::Cr) => cr += 1,
                None => {}
            }
        }
        if crlf > lf && crlf >= cr {
            Eol::CrLf
        } else if cr > lf && cr > crlf {
            Eol::Cr
        } else {
            Eol::Lf
        }
    }

    /// The 0-based index of the line holding byte `offset` (an offset at the very end
    /// belongs to the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.lines.binary_search_by(|l| l.start.cmp(&offset)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and 1-based column counted in characters (so `█`, three bytes, is one
    /// column), as editors and CI annotations expect.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        if self.lines.is_empty() {
            return (1, 1);
        }
        let offset = offset.min(self.text.len());
        let index = self.line_of(offset);
        let line = self.lines[index];
        let from = if index == 0 {
            self.body_start.min(offset)
        } else {
            line.start
        };
        let mut upto = offset.min(line.content_end).max(from);
        // An offset inside a character (the BOM included) counts as that character's
        // column, never a panic.
        while !self.text.is_char_boundary(upto) {
            upto -= 1;
        }
        let from = from.min(upto);
        let col = self.text[from..upto].chars().count() + 1;
        (index + 1, col)
    }
}

/// Splits text into physical lines, recognising `\r\n`, `\n` and a lone `\r`.
/// The result covers the text exactly. The line index is, after the text, the largest thing
/// gsd holds (24 bytes a line), so it is allocated at its exact size: a first pass counts the
/// line ends (a CRLF counts twice: one slot too many per CRLF line, never too few).
pub fn split_lines(text: &str) -> Vec<LineSpan> {
    let bytes = text.as_bytes();
    let ends = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    let mut lines = Vec::with_capacity(ends + 1);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(LineSpan {
                    start,
                    content_end: i,
                    end: i + 1,
                });
                i += 1;
                start = i;
            }
            b'\r' => {
                let end = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                lines.push(LineSpan {
                    start,
                    content_end: i,
                    end,
                });
                i = end;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        lines.push(LineSpan {
            start,
            content_end: bytes.len(),
            end: bytes.len(),
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cover_text_exactly_with_mixed_endings() {
        let text = "a\r\nb\nc\rd";
        let lines = split_lines(text);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0].eol(text), Some(Eol::CrLf));
        assert_eq!(lines[1].eol(text), Some(Eol::Lf));
        assert_eq!(lines[2].eol(text), Some(Eol::Cr));
        assert_eq!(lines[3].eol(text), None);
        assert_eq!(lines.last().unwrap().end, text.len());
    }

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let src = Source::new("x", "\u{feff}ab\n[██░] 5%\n".to_string());
        assert!(src.has_bom());
        assert_eq!(src.line_col(3), (1, 1));
        let pct = src.text.find('5').unwrap();
        assert_eq!(src.line_col(pct), (2, 7));
        assert_eq!(src.dominant_eol(), Eol::Lf);
    }

    #[test]
    fn an_offset_inside_a_character_maps_to_that_character() {
        let src = Source::new("x", "ab\n→x\n".to_string());
        let arrow = src.text.find('→').unwrap();
        assert_eq!(src.line_col(arrow + 1), (2, 1));
        assert_eq!(src.line_col(arrow + 2), (2, 1));
        assert_eq!(src.line_col(arrow + 3), (2, 2));
    }

    #[test]
    fn an_offset_inside_the_bom_is_column_one() {
        // Found by the `parse` fuzz target: a file holding only a BOM.
        let src = Source::new("x", "\u{feff}".to_string());
        for offset in 0..=3 {
            assert_eq!(src.line_col(offset), (1, 1));
        }
    }

    #[test]
    fn crlf_dominates_when_most_lines_use_it() {
        let src = Source::new("x", "a\r\nb\r\nc\n".to_string());
        assert_eq!(src.dominant_eol(), Eol::CrLf);
    }
}
