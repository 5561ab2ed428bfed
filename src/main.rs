//! The `gsd` binary: parse arguments, run, print, and map the result to an exit code in
//! one place (0 success, 1 check found problems, 2 could not do the job; broken pipe → 0).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match gsd::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let quiet = cli.global.quiet;
    match gsd::app::run(cli) {
        Ok(mut out) => {
            if let Err(e) = write_all(&mut out) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
                return ExitCode::from(2);
            }
            ExitCode::from(out.code)
        }
        Err(err) => {
            if err
                .chain()
                .filter_map(|c| c.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let _ = write!(std::io::stderr(), "{}", gsd::app::warnings(quiet));
            let _ = writeln!(std::io::stderr(), "gsd: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn write_all(out: &mut gsd::app::Output) -> std::io::Result<()> {
    // Buffered: a streamed output is written in many small pieces.
    let mut stdout = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    out.write_stdout(&mut stdout)?;
    stdout.flush()?;
    if !out.stderr.is_empty() {
        std::io::stderr().write_all(out.stderr.as_bytes())?;
    }
    Ok(())
}
