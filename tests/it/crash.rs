//! Crash safety: a writer killed with SIGKILL at any moment leaves STATE.md either exactly as
//! it was or exactly as a finished run would have left it, never torn, and the workspace lock
//! free for the next command. A stale lock file left by a dead process blocks nobody.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use gsd::io::WorkspaceLock;

use crate::support::{Project, fixtures_dir, run};

/// A STATE.md large enough (about 512 KB) that reading, parsing and writing it take long enough
/// for kills to land in every phase of a run, write included.
fn big_state() -> String {
    let seed = std::fs::read_to_string(fixtures_dir().join("seeds/000.md")).unwrap();
    // Right after the last decision bullet, so the filler continues the same list.
    let at = seed
        .find("\n\n### Pending Todos")
        .expect("seed 000 has Pending Todos")
        + 1;
    let mut filler = String::new();
    let mut n = 0;
    while filler.len() < 512 << 10 {
        filler.push_str(&format!(
            "- [Phase 1]: Filler decision {n} keeps the file large\n"
        ));
        n += 1;
    }
    format!("{}{filler}{}", &seed[..at], &seed[at..])
}

/// A tiny deterministic generator, so a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

fn decide(project: &Project, text: &str) -> std::process::Command {
    let mut cmd = project.gsd();
    cmd.env("GSD_LOCK_TIMEOUT", "30")
        .args(["-q", "state", "decide", text])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// What a finished run turns `before` into, computed in a twin project.
fn finished_result(before: &str, text: &str) -> String {
    let twin = Project::empty();
    twin.write("STATE.md", before);
    let (code, _, err) = run(&mut decide(&twin, text));
    assert_eq!(code, 0, "reference run failed: {err}");
    twin.read("STATE.md")
}

fn lock_is_free(planning: &Path) -> bool {
    WorkspaceLock::acquire(planning, Duration::ZERO).is_ok()
}

#[test]
fn a_writer_killed_at_random_moments_never_tears_the_file() {
    let project = Project::empty();
    project.write("STATE.md", &big_state());
    // How long one whole run takes here, so kill times spread over all of it.
    let started = Instant::now();
    let (code, _, err) = run(&mut decide(&project, "Warm-up decision"));
    assert_eq!(code, 0, "{err}");
    let full_run = started.elapsed().as_micros().max(1000) as u64;

    let mut rng = Lcg(0x5eed);
    let (mut untouched, mut finished) = (0, 0);
    for round in 0..16 {
        let before = project.read("STATE.md");
        let text = format!("Decision from killed writer {round}");
        let expected = finished_result(&before, &text);
        let mut child = decide(&project, &text).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.next(full_run * 12 / 10)));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let after = project.read("STATE.md");
        if after == before {
            untouched += 1;
        } else {
            assert!(after == expected, "round {round}: STATE.md is torn");
            finished += 1;
        }
        assert!(
            lock_is_free(&project.planning()),
            "round {round}: lock still held"
        );
    }
    eprintln!("killed writers: {untouched} left the file untouched, {finished} finished");
    // Whatever the timing, every round ended in one of the two whole states; and the next
    // command runs normally.
    assert_eq!(untouched + finished, 16);
    let (code, _, err) = run(&mut decide(&project, "After the kills"));
    assert_eq!(code, 0, "{err}");
    assert!(project.read("STATE.md").contains("After the kills"));
}

#[test]
fn a_stale_lock_file_from_a_dead_process_does_not_block() {
    let project = Project::with_state(&fixtures_dir().join("seeds/001.md"));
    // A lock file as a crashed run would leave it (with some bytes in it, even).
    std::fs::write(project.planning().join(".gsd.lock"), "pid 999999\n").unwrap();
    // And a real holder that dies by SIGKILL while holding the lock.
    let mut holder = decide(&project, "Holder decision").spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1));
    let _ = holder.kill();
    let _ = holder.wait();
    let mut next = project.gsd();
    next.env("GSD_LOCK_TIMEOUT", "5")
        .args(["state", "decide", "Decision after the crash"]);
    let (code, _, err) = run(&mut next);
    assert_eq!(code, 0, "{err}");
    assert!(
        project
            .read("STATE.md")
            .contains("Decision after the crash")
    );
    assert!(lock_is_free(&project.planning()));
}

#[test]
fn a_held_lock_makes_the_next_writer_wait_then_give_up_cleanly() {
    let project = Project::with_state(&fixtures_dir().join("seeds/001.md"));
    let before = project.read("STATE.md");
    let held = WorkspaceLock::acquire(&project.planning(), Duration::ZERO).unwrap();
    let mut cmd = project.gsd();
    cmd.env("GSD_LOCK_TIMEOUT", "0.2")
        .args(["state", "decide", "Must wait"]);
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("lock"), "{err}");
    assert_eq!(project.read("STATE.md"), before);
    drop(held);
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
}
