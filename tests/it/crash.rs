//! Crash safety: a writer killed with SIGKILL at any moment leaves every file it writes either
//! exactly as it was or exactly as a finished run would have left it, never torn, and the
//! workspace lock free for the next command; the next command that writes removes the temp
//! files the killed ones stranded, so `.planning/` ends up holding exactly the files it held.
//!
//! The kills alternate between a single-file command (`decide`: STATE.md) and a multi-file
//! one (`complete`: STATE.md and ROADMAP.md), and between two moments: any time in a whole
//! run, or shortly after the first temp file appears (the few milliseconds of writing,
//! fsyncing and renaming that a kill at any time rarely hits). `GSD_CRASH_KILLS` sets how many
//! (default [`DEFAULT_KILLS`], to keep `cargo test` quick; the bar is `GSD_CRASH_KILLS=1000`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use gsd::io::WorkspaceLock;
use gsd::io::leftovers::{is_legacy_temp_name, is_temp_name};

use crate::leftovers::files;
use crate::support::{Project, fixtures_dir, run};

/// Kills per `cargo test` run unless `GSD_CRASH_KILLS` says otherwise.
const DEFAULT_KILLS: usize = 40;

/// The demo project with STATE.md (about 512 KB) and ROADMAP.md (about 256 KB) padded, so that
/// reading, parsing and writing take long enough for kills to land in every phase of a run,
/// between the two renames of a multi-file command included.
fn big_project() -> Project {
    let p = Project::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"));
    let state = p.read("STATE.md");
    // Right after the last decision bullet, so the filler continues the same list.
    let at = state
        .find("\n\n### Pending Todos")
        .expect("the demo has Pending Todos")
        + 1;
    let decisions = filler(512 << 10, |n| {
        format!("- Filler decision {n}: keeps the file large (02-01)\n")
    });
    p.write(
        "STATE.md",
        &format!("{}{decisions}{}", &state[..at], &state[at..]),
    );
    let roadmap = p.read("ROADMAP.md");
    let notes = filler(256 << 10, |n| {
        format!("- Filler note {n} keeps the roadmap large.\n")
    });
    p.write("ROADMAP.md", &format!("{roadmap}\n## Notes\n\n{notes}"));
    p
}

fn filler(size: usize, line: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    let mut n = 0;
    while out.len() < size {
        out.push_str(&line(n));
        n += 1;
    }
    out
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

/// A command the kills interrupt, and the files it writes.
struct Writer {
    args: &'static [&'static str],
    writes: &'static [&'static str],
}

const WRITERS: [Writer; 2] = [
    Writer {
        args: &["state", "decide", "Decision from a killed writer"],
        writes: &["STATE.md"],
    },
    Writer {
        args: &[
            "state",
            "complete",
            "02-02",
            "--duration",
            "12min",
            "--summary",
            "Cursor pagination",
        ],
        writes: &["STATE.md", "ROADMAP.md"],
    },
];

fn gsd_in(project: &Project, args: &[&str]) -> std::process::Command {
    let mut cmd = project.gsd();
    cmd.env("GSD_LOCK_TIMEOUT", "30")
        .arg("-q")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn contents(project: &Project, names: &[&str]) -> BTreeMap<String, String> {
    names
        .iter()
        .map(|n| (n.to_string(), project.read(n)))
        .collect()
}

/// What a finished run of `writer` makes of the big project, and how long a run takes.
fn finished_run(writer: &Writer) -> (BTreeMap<String, String>, Duration) {
    let twin = big_project();
    let before = contents(&twin, writer.writes);
    let started = Instant::now();
    let (code, _, err) = run(&mut gsd_in(&twin, writer.args));
    let took = started.elapsed();
    assert_eq!(code, 0, "reference run failed: {err}");
    let after = contents(&twin, writer.writes);
    for name in writer.writes {
        assert_ne!(
            before[*name], after[*name],
            "{name}: the reference run changed nothing"
        );
    }
    (after, took)
}

fn lock_is_free(planning: &Path) -> bool {
    WorkspaceLock::acquire(planning, Duration::ZERO).is_ok()
}

fn temp_files(planning: &Path) -> Vec<String> {
    files(planning)
        .into_iter()
        .filter(|f| {
            let name = f.rsplit('/').next().unwrap_or(f);
            is_temp_name(name) || is_legacy_temp_name(name)
        })
        .collect()
}

/// When a round's kill lands.
#[derive(Clone, Copy)]
enum Moment {
    /// Anywhere in a whole run (and a little after).
    Anytime,
    /// Within 5 ms of the run's first temp file appearing.
    WhileWriting,
}

/// What the kills did, for the report.
#[derive(Default)]
struct Tally {
    /// Per writer: rounds that left every file old, every file new, or some of each.
    outcomes: [[usize; 3]; 2],
    /// Rounds after which temp files were lying in `.planning/`.
    stranded_rounds: usize,
    most_stranded: usize,
    /// Rounds whose run removed temp files an earlier round had stranded.
    swept_rounds: usize,
}

/// Resets the writer's files to `base`, starts it, kills it at `moment`, and checks that each
/// file it writes is exactly old or exactly new and that the lock is free again.
fn kill_once(
    project: &Project,
    (w, moment, round): (usize, Moment, usize),
    base: &BTreeMap<String, String>,
    (new, full_run): &(BTreeMap<String, String>, Duration),
    rng: &mut Lcg,
    tally: &mut Tally,
) {
    let writer = &WRITERS[w];
    let planning = project.planning();
    for (name, text) in base {
        // A plain write: the test's own reset must not make temp files.
        std::fs::write(planning.join(name), text).unwrap();
    }
    let stranded_before = temp_files(&planning);
    let mut child = gsd_in(project, writer.args).spawn().unwrap();
    match moment {
        Moment::Anytime => {
            let window = full_run.as_micros().max(1000) as u64 * 12 / 10;
            std::thread::sleep(Duration::from_micros(rng.next(window)));
        }
        Moment::WhileWriting => {
            let deadline = Instant::now() + *full_run * 3;
            while temp_files(&planning)
                .iter()
                .all(|f| stranded_before.contains(f))
                && child.try_wait().unwrap().is_none()
                && Instant::now() < deadline
            {
                std::thread::sleep(Duration::from_micros(50));
            }
            std::thread::sleep(Duration::from_micros(rng.next(5000)));
        }
    }
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    let mut olds = 0;
    for name in writer.writes {
        let now = project.read(name);
        if now == base[*name] {
            olds += 1;
        } else {
            assert!(now == new[*name], "round {round}: {name} is torn");
        }
    }
    let kind = match olds {
        0 => 1,
        n if n == writer.writes.len() => 0,
        _ => 2,
    };
    tally.outcomes[w][kind] += 1;
    let stranded = temp_files(&planning);
    if !stranded.is_empty() {
        tally.stranded_rounds += 1;
        tally.most_stranded = tally.most_stranded.max(stranded.len());
    }
    if stranded_before.iter().any(|f| !stranded.contains(f)) {
        tally.swept_rounds += 1;
    }
    assert!(lock_is_free(&planning), "round {round}: lock still held");
}

#[test]
fn writers_killed_at_random_moments_never_tear_a_file_or_leave_one_behind() {
    let kills: usize = std::env::var("GSD_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_KILLS);
    let project = big_project();
    let base = contents(&project, &["STATE.md", "ROADMAP.md"]);
    let files_before = files(&project.planning());
    let finished: Vec<_> = WRITERS.iter().map(finished_run).collect();

    let mut rng = Lcg(0x5eed);
    let mut tally = Tally::default();
    for round in 0..kills {
        let w = round % WRITERS.len();
        let moment = if (round / WRITERS.len()).is_multiple_of(2) {
            Moment::Anytime
        } else {
            Moment::WhileWriting
        };
        kill_once(
            &project,
            (w, moment, round),
            &base,
            &finished[w],
            &mut rng,
            &mut tally,
        );
    }
    // The clean write below must face real litter: kill `complete` while it writes until a
    // kill strands a temp file (a few tries at most: about half such kills do).
    let mut extra = 0;
    while temp_files(&project.planning()).is_empty() && extra < 100 {
        let round = kills + extra;
        kill_once(
            &project,
            (1, Moment::WhileWriting, round),
            &base,
            &finished[1],
            &mut rng,
            &mut tally,
        );
        extra += 1;
    }
    let stranded = temp_files(&project.planning());
    let t = &tally;
    eprintln!(
        "{kills} kills (+{extra} until one stranded a temp file): decide left {} untouched, \
         {} finished; complete left {} untouched, {} finished, {} with STATE.md new and \
         ROADMAP.md old; {} rounds ended with temp files lying (at most {} at once), {} runs \
         removed earlier ones; {} before the clean write",
        t.outcomes[0][0],
        t.outcomes[0][1],
        t.outcomes[1][0],
        t.outcomes[1][1],
        t.outcomes[1][2],
        t.stranded_rounds,
        t.most_stranded,
        t.swept_rounds,
        stranded.len(),
    );
    assert!(!stranded.is_empty(), "no kill stranded a temp file");

    // One normal write runs at once, and afterwards `.planning/` holds exactly the files it
    // held before the kills: no temp file, no lock file.
    let (code, _, err) = run(&mut gsd_in(
        &project,
        &["state", "decide", "After the kills"],
    ));
    assert_eq!(code, 0, "{err}");
    assert!(project.read("STATE.md").contains("After the kills"));
    assert_eq!(files(&project.planning()), files_before);
}

#[test]
fn the_next_writer_removes_what_a_killed_multi_file_write_stranded() {
    // What a kill between staging and renaming leaves: a temp file beside each file the
    // command writes, new-style and from an older version, and the old lock file.
    let project = big_project();
    let files_before = files(&project.planning());
    for stranded in [
        ".gsd-tmp.STATE.md.a1B2c3",
        ".gsd-tmp.ROADMAP.md.Zz9Zz9",
        ".STATE.md.q7Rt2w",
        ".ROADMAP.md.0aB1cD",
        ".gsd.lock",
    ] {
        project.write(stranded, "partial");
    }
    let (code, _, err) = run(&mut gsd_in(&project, &["state", "decide", "Clean write"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(files(&project.planning()), files_before);
}

#[test]
fn a_stale_lock_file_from_a_dead_process_does_not_block() {
    let project = Project::with_state(&fixtures_dir().join("seeds/001.md"));
    // A lock file as an older version's crashed run would leave it (with some bytes, even).
    std::fs::write(project.planning().join(".gsd.lock"), "pid 999999\n").unwrap();
    // And a real holder that dies by SIGKILL while holding the lock.
    let mut holder = gsd_in(&project, &["state", "decide", "Holder decision"])
        .spawn()
        .unwrap();
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
    assert_eq!(files(&project.planning()), ["STATE.md"]);
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
