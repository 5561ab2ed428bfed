//! The block classifier in pieces gives the same line kinds as one parse of the whole body
//! (`syntax::blocks::classify_chunked` vs `classify_whole`), for any UTF-8 text. The first
//! byte picks the piece size (1..=64 bytes, so nearly every candidate line is tried as a
//! cut); the rest is the text.
#![no_main]

use gsd::source::Source;
use gsd::syntax::blocks::{classify_chunked, classify_whole};
use gsd::syntax::frontmatter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&size, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let source = Source::new("STATE.md", text.to_owned());
    let (_, from) = frontmatter::parse(&source);
    let whole = classify_whole(&source, from);
    for chunk_bytes in [1, usize::from(size % 64) + 1] {
        assert_eq!(
            classify_chunked(&source, from, chunk_bytes),
            whole,
            "pieces of {chunk_bytes} bytes"
        );
    }
});
