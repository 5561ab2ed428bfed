//! What one `gsd check` run reports, and how: the findings its settings select, less the
//! baseline's and (with `-q`) the warnings, in the output format with the paths it needs;
//! and the document CI formats print when gsd could not check.

use super::check_paths::{self, RepoBase};
use super::check_settings::Run;
use crate::check::baseline;
use crate::check::diagnostic::locate;
use crate::check::{Diagnostic, Severity, Summary};
use crate::cli::CheckFormat;
use crate::commands::{Context, Output};
use crate::model::Workspace;
use crate::render::{check_github, check_gitlab, check_human, check_json, check_sarif};

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
