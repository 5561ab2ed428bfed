//! The file as read: its exact text, its BOM, its line endings and a line index.
//!
//! Everything else in gsd refers to text through byte ranges into [`Source::text`], so this
//! module is what makes byte identity possible: the text is never normalised. A UTF-8 BOM
//! stays in `text`; [`Source::body_start`] says where the Markdown begins after it.
//!
//! Real files are not always clean UTF-8: one Windows-1252 dash (byte 0x97) pasted from a
//! word processor is common. Refusing the whole file for it would stop every command, so
//! [`decode`] reads each byte that is not UTF-8 as its Windows-1252 character (a stand-in the
//! rest of gsd can parse and show) and records it in [`Source::undecoded`]; the writer puts
//! the original byte back (`transaction::commit`), and refuses to edit the line it sits on.
//! Input that is not text at all (UTF-16, NUL bytes) is refused here with a reason.

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

/// A byte of the file that is not UTF-8, and the character standing in for it in
/// [`Source::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undecoded {
    /// Where the stand-in character (the byte read as Windows-1252) sits in the text.
    pub at: usize,
    /// The byte the file holds there.
    pub byte: u8,
}

impl Undecoded {
    /// The stand-in character: the byte's Windows-1252 character (the five bytes that code
    /// page leaves undefined read as the C1 control of the same number, as browsers do).
    pub fn stand_in(self) -> char {
        cp1252(self.byte)
    }

    /// The stand-in's byte range in the text.
    pub fn range(self) -> Range<usize> {
        self.at..self.at + self.stand_in().len_utf8()
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
    /// The bytes that were not UTF-8, in file order (empty for a clean file).
    pub undecoded: Vec<Undecoded>,
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
            undecoded: Vec::new(),
        }
    }

    /// A file's bytes as a source: see [`decode`]. `Err` says why the bytes are not a text
    /// file (UTF-16, NUL bytes), with the 1-based line and column where that shows.
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<Self, NotText> {
        let (text, undecoded) = decode(bytes)?;
        let mut source = Source::new(path, text);
        source.undecoded = undecoded;
        Ok(source)
    }

    /// The file's bytes: the text, with each undecoded byte put back in place of its
    /// stand-in. For a source nothing edited, exactly the bytes read.
    pub fn bytes(&self) -> Vec<u8> {
        encode(&self.text, self.undecoded.iter().map(|u| (u.at, u.byte)))
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

/// Why a file's bytes are not text gsd reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// A UTF-16 byte-order mark (`FF FE` or `FE FF`), or every other byte 0.
    Utf16 { bom: Option<[u8; 2]> },
    /// A NUL byte, which no Markdown file holds, at 1-based (line, column).
    Nul { line: usize, column: usize },
}

/// Decodes a file's bytes: UTF-8 as is; each byte that is not part of valid UTF-8 as its
/// Windows-1252 character, recorded so [`encode`] can put it back. Every such byte is 0x80 or
/// above, so a stand-in is never ASCII: never a line ending, a Markdown marker or a label
/// character, and lines split the same in the text as in the bytes.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Vec<Undecoded>), NotText> {
    if let Some(bom) = utf16_bom(&bytes) {
        return Err(NotText::Utf16 { bom: Some(bom) });
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        if looks_like_utf16(&bytes) {
            return Err(NotText::Utf16 { bom: None });
        }
        let line_start = bytes[..nul]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = bytes[..nul].iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(&bytes[line_start..nul])
            .chars()
            .count()
            + 1;
        return Err(NotText::Nul { line, column });
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok((text, Vec::new())),
        Err(e) => e.into_bytes(),
    };
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut undecoded = Vec::new();
    let mut rest = &bytes[..];
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // The first `valid_up_to` bytes are UTF-8 by the error's contract.
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = e.error_len().unwrap_or(after.len());
                for &byte in &after[..bad] {
                    undecoded.push(Undecoded {
                        at: text.len(),
                        byte,
                    });
                    text.push(cp1252(byte));
                }
                rest = &after[bad..];
            }
        }
    }
    Ok((text, undecoded))
}

/// The bytes of `text` with the character at each `(offset, byte)` replaced by that byte:
/// the inverse of [`decode`] when the offsets are where `decode` put the stand-ins (or where
/// edits around them moved them).
pub fn encode(text: &str, undecoded: impl IntoIterator<Item = (usize, u8)>) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut cursor = 0;
    for (at, byte) in undecoded {
        let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
            continue;
        };
        if at < cursor {
            continue;
        }
        out.extend_from_slice(&bytes[cursor..at]);
        out.push(byte);
        cursor = at + c.len_utf8();
    }
    out.extend_from_slice(&bytes[cursor..]);
    out
}

/// The UTF-16 byte-order mark the bytes start with.
fn utf16_bom(bytes: &[u8]) -> Option<[u8; 2]> {
    match bytes {
        [0xff, 0xfe, ..] => Some([0xff, 0xfe]),
        [0xfe, 0xff, ..] => Some([0xfe, 0xff]),
        _ => None,
    }
}

/// UTF-16 without a byte-order mark: in its first 512 bytes, most of the bytes at even (or
/// at odd) offsets are 0, as ASCII text in UTF-16 has.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return false;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    zeros_at(0).max(zeros_at(1)) * 4 >= pairs * 3
}

/// A byte as Windows-1252 (0x80..=0x9F are the code page's own characters; the rest match
/// Latin-1, so they are the code point of the same number).
pub fn cp1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
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
    fn undecoded_bytes_read_as_windows_1252_and_go_back_exactly() {
        let bytes = b"# R\n- [ ] 02-02-PLAN.md \x97 Cursor\r\ncaf\xe9 \xc3\n\x81\xff".to_vec();
        let src = Source::from_bytes("R", bytes.clone()).unwrap();
        assert!(src.text.contains("PLAN.md — Cursor\r\n"), "{:?}", src.text);
        assert!(src.text.contains("café Ã\n"));
        assert_eq!(src.undecoded.len(), 5);
        assert_eq!(src.bytes(), bytes);
        assert_eq!(src.lines.len(), 4, "stand-ins never split or join lines");
        assert_eq!(&src.text[src.undecoded[0].range()], "—");
    }

    #[test]
    fn every_byte_string_without_nul_round_trips() {
        // All 256 byte values after each lead byte class, as one file.
        let mut bytes = Vec::new();
        for a in 1..=255u8 {
            for b in [0x41u8, 0x80, 0xbf, 0xc3, 0xe2, 0xf0, 0xff] {
                bytes.extend_from_slice(&[a, b, b'\n']);
            }
        }
        let src = Source::from_bytes("x", bytes.clone()).unwrap();
        assert_eq!(src.bytes(), bytes);
    }

    #[test]
    fn utf16_and_nul_bytes_are_not_text() {
        assert_eq!(
            decode(vec![0xff, 0xfe, b'#', 0]).unwrap_err(),
            NotText::Utf16 {
                bom: Some([0xff, 0xfe])
            }
        );
        let no_bom: Vec<u8> = "# State\n".bytes().flat_map(|b| [b, 0]).collect();
        assert_eq!(decode(no_bom).unwrap_err(), NotText::Utf16 { bom: None });
        assert_eq!(
            decode(b"# S\nab\0c".to_vec()).unwrap_err(),
            NotText::Nul { line: 2, column: 3 }
        );
    }

    #[test]
    fn crlf_dominates_when_most_lines_use_it() {
        let src = Source::new("x", "a\r\nb\r\nc\n".to_string());
        assert_eq!(src.dominant_eol(), Eol::CrLf);
    }
}
