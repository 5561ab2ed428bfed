//! One `gsd check` run's settings, resolved before the project's files are read: the config
//! file (found and read here; [`crate::check::config`] parses it), the command line's
//! selectors over it, and the baseline (read, or written by `--write-baseline`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::check::baseline::{self, Entry};
use crate::check::config::{self, Config, FILE_NAME};
use crate::check::policy::Policy;
use crate::check::select::{self, Selectors};
use crate::check::{self, Diagnostic};
use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::{Context, Output};
use crate::error::UserError;
use crate::model::Workspace;
use crate::model::workspace::PLANNING;

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
    pub exit_zero: bool,
    /// `-q`: warnings are left out.
    pub quiet: bool,
}

impl Run {
    pub fn new(
        ctx: &Context,
        args: &CheckArgs,
        root: &Path,
        today: NaiveDate,
    ) -> Result<Run, UserError> {
        let config = load_config(root)?;
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

/// Finds and reads the project's config file; none is an empty config.
pub fn load_config(root: &Path) -> Result<Config, UserError> {
    let inside = Path::new(PLANNING).join(FILE_NAME);
    let candidates: Vec<PathBuf> = [inside, PathBuf::from(FILE_NAME)]
        .into_iter()
        .filter(|rel| root.join(rel).is_file())
        .collect();
    match candidates.as_slice() {
        [] => match shared(root) {
            Some(rel) => read(root, &rel),
            None => Ok(Config::default()),
        },
        [one] => read(root, one),
        _ => Err(UserError::new(format!(
            "two config files: {} and {}",
            shown(&candidates[0]),
            shown(&candidates[1])
        ))
        .hint("keep one: merge the [check] tables into .planning/gsd.toml and delete gsd.toml")),
    }
}

/// A monorepo's shared `gsd.toml`: the nearest one in a folder above the project, up to the
/// repository root (the folder holding `.git`), relative to the project (`../../gsd.toml`).
/// Outside a repository none is looked for: a file in a home folder must not change what a
/// project's check reports.
fn shared(root: &Path) -> Option<PathBuf> {
    let abs = root.canonicalize().ok()?;
    let repo = abs.ancestors().find(|d| d.join(".git").exists())?;
    let mut rel = PathBuf::new();
    for dir in abs.ancestors().skip(1).take_while(|d| d.starts_with(repo)) {
        rel.push("..");
        if dir.join(FILE_NAME).is_file() {
            return Some(rel.join(FILE_NAME));
        }
    }
    None
}

/// Reads and parses the config at `rel` (relative to the project folder).
fn read(root: &Path, rel: &Path) -> Result<Config, UserError> {
    let display = shown(rel);
    let bytes = crate::io::read_bytes(&root.join(rel), Path::new(&display))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = config::line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        UserError::new("is not UTF-8 text")
            .in_file(&display)
            .at(line, column)
            .hint("save the config file as UTF-8")
    })?;
    config::parse(&text, &display)
}

/// A project-relative path, `/`-separated.
fn shown(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}
