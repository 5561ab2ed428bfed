//! The finer checks of a [`Ran`] on STATE.md's text: a line's value, which lines changed,
//! what it lacks, starts or ends with, its line endings and frontmatter keys, the notices.
//! Kept apart from `spec.rs`, which holds the given/running machinery and the common checks.

use super::{Ran, given};

impl Ran {
    /// The first `label:` line of STATE.md after the command reads exactly `label: value`.
    pub fn has_line(&self, label: &str, value: &str) -> &Ran {
        let state = self.state();
        let found = state
            .lines()
            .find_map(|l| l.strip_prefix(label).and_then(|r| r.strip_prefix(": ")));
        assert_eq!(
            found,
            Some(value),
            "after `gsd {}`, the first `{label}:` line:\n{state}",
            self.command
        );
        self
    }

    /// Only the lines that began with one of `prefixes` changed, one line each, every one of
    /// them changed, and no line was added or removed.
    pub fn changes_only_lines_starting_with(&self, prefixes: &[&str]) -> &Ran {
        let state = self.state();
        let (old, new): (Vec<&str>, Vec<&str>) =
            (self.before.lines().collect(), state.lines().collect());
        assert_eq!(
            old.len(),
            new.len(),
            "after `gsd {}`:\n{state}",
            self.command
        );
        let changed: Vec<usize> = (0..old.len()).filter(|&i| old[i] != new[i]).collect();
        for &i in &changed {
            assert!(
                prefixes.iter().any(|p| old[i].starts_with(p)),
                "after `gsd {}`, line {} changed: {:?} → {:?}\n{state}",
                self.command,
                i + 1,
                old[i],
                new[i]
            );
        }
        assert_eq!(
            changed.len(),
            prefixes.len(),
            "after `gsd {}`:\n{state}",
            self.command
        );
        self
    }

    /// STATE.md after the command has no `part`.
    pub fn lacks(&self, part: &str) -> &Ran {
        let state = self.state();
        assert!(
            !state.contains(part),
            "after `gsd {}`, STATE.md has {part:?}:\n{state}",
            self.command
        );
        self
    }

    /// STATE.md after the command holds `part` exactly `times` times.
    pub fn contains_times(&self, part: &str, times: usize) -> &Ran {
        let state = self.state();
        assert_eq!(
            state.matches(part).count(),
            times,
            "after `gsd {}`, how often STATE.md has {part:?}:\n{state}",
            self.command
        );
        self
    }

    /// STATE.md after the command begins with `prefix`.
    pub fn starts_with(&self, prefix: &str) -> &Ran {
        let state = self.state();
        assert!(
            state.starts_with(prefix),
            "after `gsd {}`, STATE.md does not start with {prefix:?}:\n{state}",
            self.command
        );
        self
    }

    /// STATE.md after the command ends with `suffix`.
    pub fn ends_with(&self, suffix: &str) -> &Ran {
        let state = self.state();
        assert!(
            state.ends_with(suffix),
            "after `gsd {}`, STATE.md does not end with {suffix:?}:\n{state}",
            self.command
        );
        self
    }

    /// Every line of STATE.md after the command ends in CRLF, the lines it wrote too.
    pub fn ends_lines_with_crlf(&self) -> &Ran {
        let state = self.state();
        assert_eq!(
            state.matches('\n').count(),
            state.matches("\r\n").count(),
            "after `gsd {}`: {state:?}",
            self.command
        );
        self
    }

    /// STATE.md's frontmatter has the same keys, in the same order, after the command.
    pub fn keeps_frontmatter_keys(&self) -> &Ran {
        let keys = |t: &str| -> Vec<String> {
            let doc = gsd::syntax::Doc::parse(gsd::source::Source::new("S", t.to_string()));
            doc.frontmatter
                .first()
                .map(|f| f.entries.iter().map(|e| e.key.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            keys(&self.before),
            keys(&self.state()),
            "after `gsd {}`",
            self.command
        );
        self
    }

    /// The command's notices are exactly `expected`, in order.
    pub fn notices_are(&self, expected: &[&str]) -> &Ran {
        assert_eq!(
            self.outcome().notices,
            expected,
            "after `gsd {}`",
            self.command
        );
        self
    }
}

#[test]
fn every_check_can_fail() {
    // Each assertion helper must reject a wrong expectation, or a spec using it could not fail.
    let fails = |f: &dyn Fn()| {
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        assert!(caught.is_err(), "a wrong expectation passed");
    };
    let project = given("---\nstatus: x\n---\n## Current Position\n\nStatus: In progress\n");
    let set = project.running("state set status Blocked");
    let refused = project.running("state set colour red");
    fails(&|| {
        set.changes_nothing();
    });
    fails(&|| {
        set.says("nothing to do");
    });
    fails(&|| {
        set.fails();
    });
    fails(&|| {
        refused.hints("no such hint");
    });
    fails(&|| {
        set.lacks("Status: Blocked");
    });
    fails(&|| {
        set.contains_times("Status:", 2);
    });
    fails(&|| {
        set.starts_with("## Current");
    });
    fails(&|| {
        set.ends_with("In progress\n");
    });
    fails(&|| {
        set.ends_lines_with_crlf();
    });
    fails(&|| {
        set.notices_are(&["a notice"]);
    });
    let unchanged = given("## Current Position\n\nStatus: In progress\n")
        .running("state set status 'In progress'");
    fails(&|| {
        unchanged.writes_state();
    });
    set.writes_state()
        .has_line("Status", "Blocked")
        .changes_only_lines_starting_with(&["status:", "Status:"]);
    fails(&|| {
        set.has_line("Status", "Block");
    });
    fails(&|| {
        set.changes_only_lines_starting_with(&["Status:"]);
    });
    fails(&|| {
        set.changes_only_lines_starting_with(&["status:", "Status:", "Phase:"]);
    });
    fails(&|| {
        project.editing_state("Status: Done", "Status: x");
    });
    let rekeyed = given("---\nstatus: x\n---\n## Current Position\n\nStatus: In progress\n")
        .running("state set status Blocked");
    rekeyed.keeps_frontmatter_keys();
    let mut rekeyed_before = rekeyed;
    rekeyed_before.before = rekeyed_before.before.replace("status: x", "phase: x");
    fails(&|| {
        rekeyed_before.keeps_frontmatter_keys();
    });
}
