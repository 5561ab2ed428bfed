//! Byte identity: parse every fixture and write it back with no edit; same bytes.

use gsd::edit::EditSet;
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
        let written = EditSet::new().apply(state.text()).unwrap();
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
