//! Parse any UTF-8 text as STATE.md, ROADMAP.md and PROJECT.md: no panic, and a no-edit
//! write gives back exactly the bytes that were read (byte identity). The JSON view and
//! line/column mapping must not panic either.
#![no_main]

use gsd::edit::EditSet;
use gsd::model::StateDoc;
use gsd::model::project::ProjectDoc;
use gsd::model::roadmap::Roadmap;
use gsd::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let state = StateDoc::parse(Source::new("STATE.md", text.to_owned()));
    assert_eq!(EditSet::new().apply(state.text()).unwrap(), text);
    let _ = gsd::render::state_json::state_json(&state, "STATE.md");
    let src = Source::new("x", text.to_owned());
    for offset in [0, text.len() / 2, text.len()] {
        let _ = src.line_col(offset);
    }
    let _ = Roadmap::parse(Source::new("ROADMAP.md", text.to_owned()));
    let _ = ProjectDoc::parse(Source::new("PROJECT.md", text.to_owned()));
});
