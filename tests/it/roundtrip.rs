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
