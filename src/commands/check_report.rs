//! What one `gsd check` run reports, and how: the project's settings (`gsd.toml` under the
//! command line's flags), the baseline, `-q`, and the output format with the paths it needs.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::check_paths::{self, RepoBase};
use crate::check::baseline::{self, Entry};
use crate::check::diagnostic::locate;
use crate::check::policy::Policy;
use crate::check::select::{self, Selectors};
use crate::check::{self, Diagnostic, Severity, Summary, config};
use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::{Context, Output};
use crate::error::UserError;
use crate::model::Workspace;
use crate::render::{check_github, check_gitlab, check_human, check_json, check_sarif};

/// The format a run prints: the global `--json` means `--format json` unless a format was
/// chosen.
pub fn format_of(ctx: &Context, args: &CheckArgs) -> CheckFormat {
    if ctx.global.json && args.format == CheckFormat::Human {
        CheckFormat::Json
    } else {
        args.format
    }
}

/// One project's check settings, resolved before its files are read.
#[derive(Debug)]
pub struct Run {
    pub format: CheckFormat,
    pub policy: Policy,
    pub today: NaiveDate,
    /// The accepted findings, when a baseline is in use.
    pub baseline: Option<Vec<Entry>>,
    /// Where `--write-baseline` writes without a path: `baseline` from gsd.toml, else the
    /// default, relative to the project folder.
    pub baseline_default: PathBuf,
    pub root: PathBuf,
    exit_zero: bool,
    quiet: bool,
}

impl Run {
    pub fn new(
        ctx: &Context,
        args: &CheckArgs,
        root: &Path,
        today: NaiveDate,
    ) -> Result<Run, UserError> {
        let config = config::load(root)?;
        let cli = Selectors {
            select: match &args.select {
                Some(list) => Some(select::parse_flag("--select", list)?),
                None => None,
            },
            extend_select: select::parse_flag("--extend-select", &args.extend_select)?,
            ignore: select::parse_flag("--ignore", &args.ignore)?,
        };
        let baseline_default = config
            .baseline
            .clone()
            .unwrap_or_else(|| PathBuf::from(baseline::DEFAULT_PATH));
        let baseline = if args.no_baseline || args.write_baseline.is_some() {
            None
        } else if let Some(path) = &args.baseline {
            Some(read_baseline(&from_cli(ctx, path), root)?)
        } else {
            // gsd.toml's `baseline`, or the default: used when it exists. A missing one
            // reports every finding, which fails loudly enough on its own.
            let path = root.join(&baseline_default);
            match path.is_file() {
                true => Some(read_baseline(&path, root)?),
                false => None,
            }
        };
        Ok(Run {
            format: format_of(ctx, args),
            policy: Policy::new(&config, &cli),
            today,
            baseline,
            baseline_default,
            root: root.to_path_buf(),
            exit_zero: args.exit_zero,
            quiet: ctx.global.quiet,
        })
    }

    /// The selected findings in the workspace, at the project's severities.
    pub fn findings(&self, ws: &Workspace) -> Vec<Diagnostic> {
        self.policy.apply(check::check(ws, self.today))
    }
}

/// A path from the command line: relative to the folder gsd runs in (`-C` when given).
fn from_cli(ctx: &Context, path: &Path) -> PathBuf {
    match &ctx.global.cwd {
        Some(dir) => dir.join(path),
        None => path.to_path_buf(),
    }
}

/// How to name a file to the user: relative to the project folder when inside it.
fn display(path: &Path, root: &Path) -> String {
    let rel = match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.strip_prefix(&r).map(Path::to_path_buf).ok(),
        _ => path.strip_prefix(root).map(Path::to_path_buf).ok(),
    };
    rel.unwrap_or_else(|| path.to_path_buf())
        .to_string_lossy()
        .replace('\\', "/")
}

fn read_baseline(path: &Path, root: &Path) -> Result<Vec<Entry>, UserError> {
    let shown = display(path, root);
    if !path.is_file() {
        return Err(UserError::new(format!("no baseline at {shown}"))
            .hint("write it with `gsd check --write-baseline`, or run with --no-baseline"));
    }
    let bytes = crate::io::read_bytes(path, Path::new(&shown))?;
    let text = String::from_utf8_lossy(&bytes);
    baseline::parse(&text, &shown)
}

/// `gsd check --write-baseline [PATH]`: records the selected findings (warnings too) so
/// later runs report only new ones; `--dry-run` shows the change as a diff.
pub fn write_baseline(
    ctx: &Context,
    run: &Run,
    ws: &Workspace,
    path: Option<&Path>,
) -> anyhow::Result<Output> {
    let target = match path {
        Some(path) => from_cli(ctx, path),
        None => run.root.join(&run.baseline_default),
    };
    let findings = run.findings(ws);
    let text = baseline::render(&findings);
    let old = std::fs::read_to_string(&target).unwrap_or_default();
    let shown = display(&target, &run.root);
    let count = findings.len();
    let noun = if count == 1 { "finding" } else { "findings" };
    if ctx.global.dry_run {
        let diff = crate::render::diff::unified_diff(Path::new(&shown), &old, &text);
        let mut out = Output::ok(diff);
        if !ctx.global.quiet {
            out.stderr = format!("gsd: would write {count} {noun} to {shown} (dry run)\n");
        }
        return Ok(out);
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            UserError::new(format!("cannot create {}: {e}", dir.display()))
                .hint("check the folder's permissions")
        })?;
    }
    crate::io::atomic::write_atomic(&target, text.as_bytes()).map_err(|e| {
        UserError::new(format!("cannot write {shown}: {e}"))
            .hint("check the folder's permissions and free space")
    })?;
    let mut out = Output::default();
    if run.format == CheckFormat::Json {
        out.stdout = serde_json::to_string_pretty(&serde_json::json!({
            "version": 1,
            "command": "check --write-baseline",
            "file": shown,
            "baselined": count,
        }))? + "\n";
    }
    if !ctx.global.quiet {
        out.stderr = format!(
            "gsd: wrote {count} {noun} to {shown}; `gsd check` now reports only new ones\n"
        );
    }
    Ok(out)
}

/// Renders the findings not in the baseline (and, with `-q`, not warnings) in the run's
/// format; `note` goes first on standard error. Exit 1 when an error is left.
pub fn report(
    ctx: &Context,
    run: &Run,
    ws: &Workspace,
    diagnostics: Vec<Diagnostic>,
    note: String,
) -> Output {
    let (shown, baselined) = match &run.baseline {
        Some(entries) => {
            let (new, held) = baseline::filter(diagnostics, entries);
            (new, Some(held))
        }
        None => (diagnostics, None),
    };
    let (shown, hidden): (Vec<Diagnostic>, Vec<Diagnostic>) = shown
        .into_iter()
        .partition(|d| !run.quiet || d.severity() == Severity::Error);
    let mut summary = Summary::of(&shown);
    summary.baselined = baselined;
    summary.hidden_warnings = hidden.len();
    let mut stderr = note;
    let stdout = match run.format {
        CheckFormat::Human | CheckFormat::Json => {
            let from_cwd = check_paths::FromCwd::new(&ws.root);
            let mut located = locate(ws, &shown, "");
            for l in &mut located {
                l.path = from_cwd.show(&l.path);
            }
            if run.format == CheckFormat::Json {
                check_json::render(&located, summary)
            } else if run.quiet && located.is_empty() {
                String::new()
            } else {
                check_human::render(&located, summary, ctx.color)
            }
        }
        CheckFormat::Github | CheckFormat::Sarif | CheckFormat::Gitlab => {
            let base = check_paths::repo_base(&ws.root);
            let located = locate(ws, &shown, &base.prefix);
            if !run.quiet {
                stderr.push_str(&ci_summary(&base, summary));
            }
            match run.format {
                CheckFormat::Github => check_github::render(&located),
                CheckFormat::Gitlab => check_gitlab::render(&located),
                _ => check_sarif::render(
                    &located,
                    |file| file.source(ws),
                    &check_sarif::folder_uri(&base.root),
                    summary.baselined,
                ),
            }
        }
    };
    Output {
        stdout,
        stream: None,
        stderr,
        code: u8::from(summary.errors > 0 && !run.exit_zero),
    }
}

/// The one line a CI log shows on standard error: which project, and the summary.
fn ci_summary(base: &RepoBase, summary: Summary) -> String {
    let project = if base.prefix.is_empty() {
        ".planning".to_string()
    } else {
        format!("{}/.planning", base.prefix)
    };
    format!(
        "gsd check {project}: {}\n",
        check_human::summary_line(summary)
    )
}

/// When `gsd check` could not check (exit 2), the CI formats still print a document: SARIF a
/// valid log with no results and the error as a tool execution notification, so an upload
/// step that runs `if: always()` still works; GitHub an error annotation. The error is on
/// standard error as always.
pub fn could_not_check(
    format: CheckFormat,
    result: anyhow::Result<Output>,
) -> anyhow::Result<Output> {
    let err = match result {
        Ok(out) => return Ok(out),
        Err(err) if matches!(format, CheckFormat::Sarif | CheckFormat::Github) => err,
        Err(err) => return Err(err),
    };
    if err
        .chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    {
        return Err(err);
    }
    let message = format!("{err:#}");
    let stdout = match format {
        CheckFormat::Sarif => check_sarif::render_failure(&message),
        _ => check_github::render_failure(&message),
    };
    Ok(Output {
        stdout,
        stream: None,
        stderr: format!("gsd: error: {message}\n"),
        code: 2,
    })
}
