//! The bad-input matrix (docs/RELIABILITY.md): one test per row.
//!
//! Files gsd can work with (BOM, CRLF, huge, symlinked) work and keep every byte outside the
//! edit; broken input exits 2 with a message naming the file (and line:column where there is
//! one), a hint, and the file on disk byte-for-byte untouched. Nothing panics.

use std::path::Path;

use crate::support::{Project, fixtures_dir, gsd, run};

fn seed(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(format!("seeds/{name}.md"))).unwrap()
}

/// A project whose STATE.md holds these exact bytes.
fn project_with_bytes(bytes: &[u8]) -> Project {
    let p = Project::empty();
    std::fs::write(p.planning().join("STATE.md"), bytes).unwrap();
    p
}

fn state_bytes(p: &Project) -> Vec<u8> {
    std::fs::read(p.planning().join("STATE.md")).unwrap()
}

/// Runs gsd in `p` and asserts exit 2, no panic, an error that mentions `needle`, and STATE.md
/// unchanged.
fn refused(p: &Project, args: &[&str], needle: &str) -> String {
    let before = std::fs::read(p.planning().join("STATE.md")).ok();
    let (code, out, err) = run(p.gsd().args(args));
    assert_eq!(
        code, 2,
        "{args:?}: expected exit 2\nstdout: {out}\nstderr: {err}"
    );
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert!(
        err.to_lowercase().contains(&needle.to_lowercase()),
        "{args:?}: message should mention {needle:?}: {err}"
    );
    assert_eq!(
        std::fs::read(p.planning().join("STATE.md")).ok(),
        before,
        "{args:?} changed the file"
    );
    err
}

fn ok(p: &Project, args: &[&str]) -> String {
    let (code, out, err) = run(p.gsd().args(args));
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// The commands run against each broken file: a read and a write.
const READ: &[&str] = &["state", "show", "--json"];
const WRITE: &[&str] = &["state", "decide", "Matrix decision"];

#[test]
fn empty_file_is_refused_as_empty() {
    for bytes in [&b""[..], b"\n\n  \n", "\u{feff}\r\n".as_bytes()] {
        let p = project_with_bytes(bytes);
        refused(&p, READ, "STATE.md is empty");
        refused(&p, WRITE, "STATE.md is empty");
    }
}

#[test]
fn binary_file_is_refused_with_its_position() {
    let p = project_with_bytes(b"# State\n\x00\x01\x02\xff\xfe binary \x89PNG\r\n");
    let err = refused(&p, READ, "NUL byte: a binary file");
    assert!(err.contains("STATE.md:2:1"), "{err}");
    refused(&p, WRITE, "binary");
}

#[test]
fn utf16_is_refused_naming_the_byte_order_mark() {
    let utf16 = |bom: &[u8], big: bool| {
        let mut b = bom.to_vec();
        for u in seed("000").encode_utf16() {
            b.extend(if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        b
    };
    let p = project_with_bytes(&utf16(&[0xff, 0xfe], false));
    refused(&p, READ, "looks like UTF-16 (byte-order mark FF FE)");
    refused(&p, WRITE, "looks like UTF-16 (byte-order mark FF FE)");
    let p = project_with_bytes(&utf16(&[0xfe, 0xff], true));
    refused(&p, READ, "looks like UTF-16 (byte-order mark FE FF)");
    let p = project_with_bytes(&utf16(&[], false));
    refused(&p, READ, "looks like UTF-16 (no byte-order mark");
}

#[test]
fn invalid_utf8_is_kept_with_a_warning_and_other_lines_are_edited() {
    let mut bytes = seed("001").into_bytes();
    let at = bytes.iter().position(|b| *b == b'\n').unwrap() + 1;
    bytes.insert(at + 3, 0xc3); // line 2 is blank: a lone lead byte at line 3, column 3
    let p = project_with_bytes(&bytes);
    let (code, _, err) = run(p.gsd().args(READ));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: .planning/STATE.md:3:3: byte 0xC3 is not UTF-8"),
        "{err}"
    );
    ok(&p, WRITE);
    let after = state_bytes(&p);
    assert!(after.len() > bytes.len());
    assert_eq!(after[..at + 10], bytes[..at + 10], "the byte is kept");
    // Apart from the inserted decision, every byte is the old one.
    let kept: Vec<u8> = after
        .split_inclusive(|b| *b == b'\n')
        .filter(|l| !l.windows(15).any(|w| w == b"Matrix decision"))
        .flatten()
        .copied()
        .collect();
    assert!(kept == bytes, "bytes outside the inserted line changed");
}

#[test]
fn bom_is_read_and_kept_through_an_edit() {
    let text = format!("\u{feff}{}", seed("000"));
    let p = project_with_bytes(text.as_bytes());
    let json: serde_json::Value = serde_json::from_str(&ok(&p, READ)).unwrap();
    assert!(!json["position"]["phase"].is_null(), "BOM hid the position");
    ok(&p, WRITE);
    let after = String::from_utf8(state_bytes(&p)).unwrap();
    assert!(after.starts_with('\u{feff}'));
    assert_eq!(after.matches('\u{feff}').count(), 1);
    assert_only_inserted(&text, &after, "Matrix decision");
}

#[test]
fn crlf_is_read_and_kept_through_an_edit() {
    let text = seed("000").replace('\n', "\r\n");
    let p = project_with_bytes(text.as_bytes());
    ok(&p, READ);
    ok(&p, WRITE);
    let after = String::from_utf8(state_bytes(&p)).unwrap();
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "a bare LF crept in"
    );
    assert_only_inserted(&text, &after, "Matrix decision");
}

#[test]
fn huge_file_works_and_keeps_its_bytes() {
    // 2 MB, some 200 times a long real STATE.md: a decisions list grown the way projects grow
    // it. (Speed at 10 and 100 MB is measured by the benches, not here.)
    let base = seed("000");
    let at = base.find("\n\n### Pending Todos").unwrap() + 1;
    let mut filler = String::new();
    let mut n = 0;
    while filler.len() < 2 << 20 {
        filler.push_str(&format!(
            "- Older decision {n}: kept for the record (01-01)\n"
        ));
        n += 1;
    }
    let text = format!("{}{filler}{}", &base[..at], &base[at..]);
    let p = project_with_bytes(text.as_bytes());
    let json: serde_json::Value = serde_json::from_str(&ok(&p, READ)).unwrap();
    assert!(json["decisions"].as_array().unwrap().len() > n);
    ok(&p, WRITE);
    let after = String::from_utf8(state_bytes(&p)).unwrap();
    assert_only_inserted(&text, &after, "Matrix decision");
}

#[test]
fn missing_planning_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for args in [READ, WRITE] {
        let (code, _, err) = run(gsd().arg("-C").arg(dir.path()).args(args));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(".planning/"), "{err}");
        assert!(
            !dir.path().join(".planning").exists(),
            "gsd created .planning/"
        );
    }
}

#[test]
fn missing_state_file_is_refused() {
    let p = Project::empty();
    refused(&p, READ, "does not exist");
    refused(&p, WRITE, "does not exist");
    assert!(!p.planning().join("STATE.md").exists());
}

#[cfg(unix)]
#[test]
fn read_only_file_is_refused_for_edits_and_kept() {
    use std::os::unix::fs::PermissionsExt;
    let p = project_with_bytes(seed("000").as_bytes());
    let path = p.planning().join("STATE.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    ok(&p, READ);
    refused(&p, WRITE, "read-only");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "the file's mode changed");
}

#[test]
fn directory_in_place_of_the_file_is_refused() {
    let p = Project::empty();
    std::fs::create_dir(p.planning().join("STATE.md")).unwrap();
    for args in [READ, WRITE] {
        let (code, _, err) = run(p.gsd().args(args));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("is a directory"), "{err}");
    }
    assert!(p.planning().join("STATE.md").is_dir());
}

#[cfg(unix)]
#[test]
fn symlinked_file_is_written_through_and_stays_a_link() {
    let p = Project::empty();
    let elsewhere = p.root().join("shared");
    std::fs::create_dir(&elsewhere).unwrap();
    let target = elsewhere.join("STATE.md");
    let text = seed("000");
    std::fs::write(&target, &text).unwrap();
    std::os::unix::fs::symlink(
        Path::new("../shared/STATE.md"),
        p.planning().join("STATE.md"),
    )
    .unwrap();
    ok(&p, READ);
    ok(&p, WRITE);
    let link = p.planning().join("STATE.md");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let after = std::fs::read_to_string(&target).unwrap();
    assert_only_inserted(&text, &after, "Matrix decision");
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_refused() {
    let p = Project::empty();
    std::os::unix::fs::symlink("nowhere/STATE.md", p.planning().join("STATE.md")).unwrap();
    for args in [READ, WRITE] {
        let (code, _, err) = run(p.gsd().args(args));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("STATE.md"), "{err}");
    }
    assert!(!p.planning().join("nowhere").exists());
}

#[test]
fn unknown_and_malformed_plan_ids_are_refused() {
    let p = Project::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"));
    for id in ["99-01", "abc", "02-", "-01", "02-01-03x", ""] {
        refused(&p, &["state", "complete", id], "");
    }
    for phase in ["99", "x.y", ""] {
        refused(&p, &["state", "begin", phase], "");
    }
}

#[test]
fn duplicate_sections_use_the_first_and_touch_nothing_else() {
    let base = seed("001");
    let at = base.find("## Session Continuity").unwrap();
    let dup = format!(
        "{}## Current Position\n\nPhase: 9 of 9 (Duplicate)\nStatus: Shadow\n\n### Decisions\n\n- Shadow decision\n\n{}",
        &base[..at],
        &base[at..]
    );
    let p = project_with_bytes(dup.as_bytes());
    let json: serde_json::Value = serde_json::from_str(&ok(&p, READ)).unwrap();
    assert_ne!(
        json["position"]["status"], "Shadow",
        "the later duplicate won"
    );
    ok(&p, WRITE);
    let after = String::from_utf8(state_bytes(&p)).unwrap();
    assert_only_inserted(&dup, &after, "Matrix decision");
    let shadow = after.find("Status: Shadow").unwrap();
    assert!(
        after.find("Matrix decision").unwrap() < shadow,
        "edited the duplicate section"
    );
}

/// `after` is `before` with exactly one line added, the one holding `needle`.
fn assert_only_inserted(before: &str, after: &str, needle: &str) {
    let added: Vec<&str> = after
        .split_inclusive('\n')
        .filter(|l| l.contains(needle))
        .collect();
    assert_eq!(added.len(), 1, "expected one new line with {needle:?}");
    let without: String = after
        .split_inclusive('\n')
        .filter(|l| !l.contains(needle))
        .collect();
    assert!(without == before, "bytes outside the inserted line changed");
}

/// Found by the `set` fuzz target: a value ending in a vertical tab, set to empty, made a
/// second identical `set` insert a space (the parser trims `\v`, the op only knew ' ' and
/// '\t'). A second identical run must change nothing.
#[test]
fn fuzz_regression_set_empty_after_vertical_tab_is_idempotent() {
    let p = project_with_bytes(
        "# Project State\n\n**Current focus:** Phase 05 \u{2014} Registry\u{b}\n## Next\n"
            .as_bytes(),
    );
    // An empty value is refused now (it would blank the field); a value twice is one change.
    refused(
        &p,
        &["state", "set", "current_focus", ""],
        "cannot be set to nothing",
    );
    ok(&p, &["state", "set", "current_focus", "Registry"]);
    let once = state_bytes(&p);
    ok(&p, &["state", "set", "current_focus", "Registry"]);
    assert_eq!(
        state_bytes(&p),
        once,
        "the second identical run changed the file"
    );
}

/// Found by the `begin` fuzz target: with no `Phase:` line, a metrics table inside Current
/// Position had its header row read as the field `Phase: Plans`, and `begin` rewrote the
/// table header. Now the header of a wider table is never a field: `begin` refuses, untouched.
#[test]
fn fuzz_regression_begin_never_writes_into_a_table_header() {
    let p = Project::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"));
    p.write(
        "STATE.md",
        "# Project State\n\n## Current Position\n\nPlan: 1 of 2\nStatus: In progress\n\n\
         **By Phase:**\n\n| Phase | Plans | Total | Avg/Plan |\n|-------|-------|-------|----------|\n\
         | 1 | 1 | 3 min | 3 min |\n",
    );
    refused(
        &p,
        &["state", "begin", "1", "--plans", "4"],
        "no `Phase:` line",
    );
}
