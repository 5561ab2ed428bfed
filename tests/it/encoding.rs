//! Files that are not clean UTF-8 (issue 13, item 9): a Windows-1252 byte is read as its
//! character, kept byte for byte, and only the line holding it is refused for edits; UTF-16
//! and empty files get a message saying so.

use crate::support::{Project, run};
use crate::transcript::transcript;

const STATE: &str = "# Project State

## Current Position

Phase: 1 of 2 (Setup)
Plan: 1 of 2
Status: In progress
Last activity: 2026-01-30 — Completed 01-01-PLAN.md

Progress: [██░░░░░░░░] 25%

## Session Continuity

Last session: 2026-01-30 10:00
Stopped at: Completed 01-01-PLAN.md
Resume file: None
";

/// ROADMAP.md with a cp1252 dash (0x97) in `phase 2`'s description and, when `in_plan`,
/// in the entry of plan 01-02 (the line `complete 01-02` ticks).
fn roadmap(in_plan: bool) -> Vec<u8> {
    let plan = if in_plan { "\u{97}" } else { "—" };
    let text = format!(
        "# Roadmap\r
\r
## Phases\r
\r
- [ ] **Phase 1: Setup** - tooling\r
- [ ] **Phase 2: Ship** \u{97} release it\r
\r
### Phase 1: Setup\r
**Plans**: 2 plans\r
\r
Plans:\r
- [x] 01-01-PLAN.md — Repo\r
- [ ] 01-02-PLAN.md {plan} CI\r
\r
### Phase 2: Ship\r
**Plans**: 2 plans\r
\r
Plans:\r
- [ ] 02-01-PLAN.md — Package\r
- [ ] 02-02-PLAN.md — Publish\r
"
    );
    // U+0097 stands for the raw byte 0x97 (written as one byte, not as UTF-8).
    let mut out = Vec::new();
    for c in text.chars() {
        if c == '\u{97}' {
            out.push(0x97);
        } else {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    out
}

fn project(roadmap_bytes: &[u8]) -> Project {
    let p = Project::empty();
    p.write("STATE.md", STATE);
    std::fs::write(p.planning().join("ROADMAP.md"), roadmap_bytes).unwrap();
    p
}

#[test]
fn a_cp1252_byte_elsewhere_does_not_stop_complete_and_is_kept() {
    let before = roadmap(false);
    let p = project(&before);
    let (code, t) = transcript(&p, &["state", "complete", "01-02", "--duration", "5min"]);
    assert_eq!(code, 0, "{t}");
    insta::assert_snapshot!(t);
    // Byte for byte: the old file with the two edited lines changed, the 0x97 and every CRLF
    // kept.
    let after = std::fs::read(p.planning().join("ROADMAP.md")).unwrap();
    let expected: Vec<u8> = String::from_utf8_lossy(&before)
        .replace("- [ ] **Phase 1: Setup**", "- [x] **Phase 1: Setup**")
        .replace("- [ ] 01-02-PLAN.md", "- [x] 01-02-PLAN.md")
        .into_bytes();
    let expected: Vec<u8> = {
        // `from_utf8_lossy` turned 0x97 into U+FFFD; put the byte back.
        let s = String::from_utf8(expected).unwrap();
        let mut out = Vec::new();
        for c in s.chars() {
            if c == '\u{fffd}' {
                out.push(0x97);
            } else {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        out
    };
    assert!(after == expected, "ROADMAP.md bytes:\n{after:?}");
    // A second run changes nothing.
    let (code, _, err) = run(p
        .gsd()
        .args(["state", "complete", "01-02", "--duration", "5min"]));
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(p.planning().join("ROADMAP.md")).unwrap() == expected);
}

#[test]
fn the_line_holding_the_byte_is_refused_and_nothing_is_written() {
    let p = project(&roadmap(true));
    let (code, t) = transcript(&p, &["state", "complete", "01-02", "--duration", "5min"]);
    assert_eq!(code, 2, "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn read_only_commands_show_the_byte_as_its_character() {
    let p = project(&roadmap(false));
    let (code, out, err) = run(p.gsd().args(["roadmap", "show", "--json"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"Ship\""), "{out}");
    assert!(
        err.contains(
            "warning: .planning/ROADMAP.md:6:25: byte 0x97 is not UTF-8; read as Windows-1252 `—`"
        ),
        "{err}"
    );
    let (_, _, err) = run(p.gsd().args(["-q", "roadmap", "show"]));
    assert!(err.is_empty(), "-q silences warnings: {err}");
}

#[test]
fn decoding_then_writing_unchanged_gives_the_same_bytes() {
    for bytes in [
        roadmap(true),
        b"caf\xe9\r\n\xc3\n\xe2\x82\n\xf0\x9f\x98\n\x81\x8d\x8f\x90\x9d\xa0\xff".to_vec(),
        "\u{feff}# Ünïcödé ✓\n".as_bytes().to_vec(),
    ] {
        let src = gsd::source::Source::from_bytes("x", bytes.clone()).unwrap();
        assert!(src.bytes() == bytes);
        // The same through the writer: a change with no edits, and one with an edit elsewhere.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("F.md");
        std::fs::write(&path, &bytes).unwrap();
        let mut edits = gsd::edit::EditSet::new();
        edits.push(gsd::edit::Edit::insert(src.text.len(), "\nadded\n"));
        let change = gsd::change::FileChange {
            path: path.clone(),
            display: "F.md".into(),
            original: src.text.clone(),
            edits,
        };
        gsd::transaction::commit(&[change], false).unwrap();
        let mut expected = bytes.clone();
        expected.extend_from_slice(b"\nadded\n");
        assert!(std::fs::read(&path).unwrap() == expected);
    }
}

proptest::proptest! {
    #[test]
    fn any_bytes_without_nul_round_trip(bytes in proptest::collection::vec(1u8..=255, 0..400)) {
        if let Ok(src) = gsd::source::Source::from_bytes("x", bytes.clone()) {
            proptest::prop_assert_eq!(src.bytes(), bytes);
        }
    }
}

#[test]
fn utf16_and_empty_files_say_what_they_are() {
    let p = Project::empty();
    let mut bytes = vec![0xff, 0xfe];
    for u in STATE.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    p.write("STATE.md", STATE);
    std::fs::write(p.planning().join("ROADMAP.md"), &bytes).unwrap();
    let (code, _, err) = run(p
        .gsd()
        .args(["state", "complete", "01-02", "--duration", "5min"]));
    assert_eq!(code, 2);
    assert!(
        err.contains(".planning/ROADMAP.md: looks like UTF-16 (byte-order mark FF FE)"),
        "{err}"
    );
    p.write("STATE.md", "");
    let (code, _, err) = run(p.gsd().args(["state", "show"]));
    assert_eq!(code, 2);
    assert!(err.contains("STATE.md is empty"), "{err}");
}
