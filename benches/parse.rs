//! In-memory benchmarks: parse STATE.md, build the `state show --json` output, and map byte
//! offsets to line/column, on every fixture and on the same files grown to 1 MB and 10 MB
//! (100 MB with `GSD_BENCH_HUGE=1`). Time and allocations (divan's AllocProfiler).
//!
//! Run: `cargo bench --bench parse` (add `-- 10MB` to filter).

use divan::{Bencher, black_box};
use gsd::model::StateDoc;
use gsd::render::state_json::state_view;
use gsd::source::Source;

mod support;
use support::{Case, cases, text};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// Source (line index) + syntax + model. The input string is cloned outside the timing,
/// because `StateDoc::parse` takes the text by value, as the command does after reading.
#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn parse(bencher: Bencher, case: Case) {
    let input = text(case);
    bencher
        .counter(divan::counter::BytesCount::new(input.len()))
        .with_inputs(|| input.to_owned())
        .bench_local_values(|t| StateDoc::parse(Source::new("STATE.md", t)));
}

/// Everything `gsd state show --json` does after reading the file: parse, then the JSON
/// view written as pretty text while it is produced (to a sink here, to stdout in the CLI).
#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn show_json(bencher: Bencher, case: Case) {
    let input = text(case);
    bencher
        .counter(divan::counter::BytesCount::new(input.len()))
        .with_inputs(|| input.to_owned())
        .bench_local_values(|t| {
            let state = StateDoc::parse(Source::new("STATE.md", t));
            let view = state_view(&state, ".planning/STATE.md");
            let mut out = std::io::BufWriter::new(std::io::sink());
            serde_json::to_writer_pretty(&mut out, &view).unwrap();
            out
        });
}

/// 1000 offset → (line, column) look-ups spread over the file (diagnostics use this):
/// each must cost O(log lines + line length), never O(file).
#[divan::bench(args = cases(), sample_count = 20)]
fn line_col_1000(bencher: Bencher, case: Case) {
    let input = text(case);
    let source = Source::new("STATE.md", input.to_owned());
    let step = (input.len() / 1000).max(1);
    bencher.bench_local(|| {
        let mut sum = 0usize;
        for offset in (0..input.len()).step_by(step).take(1000) {
            let offset = (offset..).find(|o| input.is_char_boundary(*o)).unwrap();
            let (l, c) = source.line_col(black_box(offset));
            sum += l + c;
        }
        sum
    });
}
