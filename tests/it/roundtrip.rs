//! Byte identity: parse every fixture and write it back with no edit; same bytes.

use gsd::edit::{Edit, EditSet};
use gsd::model::StateDoc;
use gsd::source::Source;

use crate::support::state_fixtures;

#[test]
fn every_fixture_round_trips_byte_identical() {
    let fixtures = state_fixtures();
    assert!(fixtures.len() >= 5, "fixtures missing");
    for (name, path) in fixtures {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let state = StateDoc::parse(Source::new(&path, text));
        // The line index covers the file exactly: every byte, every terminator, in order.
        let rebuilt: String = state
            .doc
            .source
            .lines
            .iter()
            .map(|l| &state.text()[l.start..l.end])
            .collect();
        assert_eq!(
            rebuilt.as_bytes(),
            &bytes[..],
            "{name}: lines do not cover the file"
        );
        // Rewriting every value the model located with its own text is a no-op: the spans sit
        // on whole values, never overlap, and never split a character.
        let mut same = EditSet::new();
        let pos = &state.position;
        let fields = [
            pos.milestone.as_ref(),
            pos.phase.as_ref().map(|p| &p.field),
            pos.plan.as_ref().map(|p| &p.field),
            pos.status.as_ref(),
            pos.last_activity.as_ref().map(|a| &a.field),
            pos.progress.as_ref().map(|p| &p.field),
            state.session.last.as_ref(),
            state.session.stopped_at.as_ref(),
            state.session.resume_file.as_ref(),
            state.reference.core_value.as_ref(),
            state.reference.current_focus.as_ref(),
        ];
        let mut seen = std::collections::HashSet::new();
        for f in fields.into_iter().flatten() {
            if seen.insert(f.value.clone()) {
                same.push(Edit::replace(
                    f.value.clone(),
                    state.doc.text(f.value.clone()),
                ));
            }
        }
        let written = same
            .apply(state.text())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            written.as_bytes(),
            &bytes[..],
            "{name} changed on a no-op write"
        );
    }
}

/// The seeds rewritten with CRLF on every line, CRLF on every other line, a BOM, no final
/// newline and extra trailing newlines: each copy round-trips and reads the same fields as
/// its seed (the bytes differ, the facts must not).
#[test]
fn byte_variants_of_the_seeds_round_trip_and_read_the_same() {
    use gsd::render::state_json::state_json;
    let seeds: Vec<_> = state_fixtures()
        .into_iter()
        .filter(|(name, _)| name.starts_with("seeds__"))
        .collect();
    assert_eq!(seeds.len(), 5);
    let facts = |text: &str| {
        let mut v = state_json(
            &StateDoc::parse(Source::new("STATE.md", text.to_string())),
            "f",
        );
        // Line numbers and the file itself are the same; only values are compared.
        for key in ["sections", "file"] {
            v.as_object_mut().unwrap().remove(key);
        }
        strip_key(&mut v, "line");
        v
    };
    for (name, path) in seeds {
        let text = std::fs::read_to_string(&path).unwrap();
        let crlf = text.replace('\n', "\r\n");
        let mixed: String = text
            .split_inclusive('\n')
            .enumerate()
            .map(|(i, l)| {
                if i % 2 == 0 {
                    l.replace('\n', "\r\n")
                } else {
                    l.to_string()
                }
            })
            .collect();
        let variants = [
            ("crlf", crlf),
            ("mixed", mixed),
            ("bom", format!("\u{feff}{text}")),
            ("no-final-newline", text.trim_end_matches('\n').to_string()),
            ("trailing-newlines", format!("{text}\n\n")),
        ];
        let expected = facts(&text);
        for (kind, variant) in variants {
            let state = StateDoc::parse(Source::new("STATE.md", variant.clone()));
            let written = EditSet::new().apply(state.text()).unwrap();
            assert_eq!(written, variant, "{name} ({kind}) changed on a no-op write");
            assert_eq!(
                facts(&variant),
                expected,
                "{name} ({kind}) reads differently"
            );
        }
    }
}

fn strip_key(v: &mut serde_json::Value, key: &str) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove(key);
            map.values_mut().for_each(|x| strip_key(x, key));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|x| strip_key(x, key)),
        _ => {}
    }
}
