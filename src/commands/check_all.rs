//! `gsd check`'s entry: the project found from the current folder (or `-C`), or several
//! planning folders in one run: the projects and workstreams the changed files given as
//! paths belong to (pre-commit), or with `--all` every workstream and every `.planning/`
//! below the current folder (a monorepo). Each report names its folder; the exit code is the
//! worst. Checking one folder is [`super::check::run_project`].

use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};

use super::check_settings::format_of;
use super::context::{Context, Output};
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::UserError;
use crate::io::load::find_root;
use crate::model::workspace::{PLANNING, Workspace};
use crate::model::workstream::{self, WORKSTREAMS};

/// Folders `--all` never looks into: dependencies, build output and git's own data hold
/// copies of other projects' `.planning/` (a vendored package, a test fixture built into
/// target/), not the user's.
const SKIPPED: &[&str] = &["node_modules", "target", ".git"];

/// One planning folder to check: a project and, inside it, a workstream (`None`: the flat
/// `.planning/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The folder holding `.planning/`.
    pub root: PathBuf,
    pub workstream: Option<String>,
}

impl Target {
    /// The planning folder, relative to `base` when below it: `apps/web/.planning/`,
    /// `.planning/workstreams/api/`.
    fn shown(&self, base: &Path) -> String {
        let rel = self.root.strip_prefix(base).unwrap_or(&self.root);
        let mut path = rel.join(PLANNING);
        if let Some(ws) = &self.workstream {
            path = path.join(WORKSTREAMS).join(ws);
        }
        format!("{}/", path.to_string_lossy().replace('\\', "/"))
    }
}

/// `gsd check`, on the project found from the current folder (or `-C`), or with paths on
/// each project (or workstream) holding one of them, or with `--all` on every one below the
/// folder: outputs joined, the worst exit code kept. When it cannot check (exit 2), the CI
/// formats still print a valid document holding the error
/// ([`super::check_report::could_not_check`]).
pub fn run(ctx: &Context, args: &CheckArgs) -> anyhow::Result<Output> {
    super::check_report::could_not_check(format_of(ctx, args), run_any(ctx, args))
}

fn run_any(ctx: &Context, args: &CheckArgs) -> anyhow::Result<Output> {
    if args.all {
        return run_all(ctx, args);
    }
    if args.paths.is_empty() {
        let _in = ctx.enter_workstream(&ctx.root()?)?;
        return super::check::run_project(ctx, args);
    }
    // Paths are relative to the folder gsd runs in (`-C` when given), as pre-commit gives them.
    let paths: Vec<PathBuf> = match &ctx.global.cwd {
        Some(dir) => args.paths.iter().map(|p| dir.join(p)).collect(),
        None => args.paths.clone(),
    };
    let targets = targets_of_paths(&paths);
    if targets.is_empty() {
        let mut out = Output::default();
        if !ctx.global.quiet {
            out.stderr = "gsd: no path is in a .planning/ folder; nothing to check\n".to_string();
        }
        return Ok(out);
    }
    run_targets(ctx, args, &targets)
}

/// The projects (and workstreams) of changed files, in first-seen order: the part of a path
/// before its `.planning` component (the file may be deleted, so this reads the path, not
/// the disk) and the workstream when the path goes on with `workstreams/<name>/`, else the
/// nearest folder above the path that holds `.planning/`.
pub fn targets_of_paths(paths: &[PathBuf]) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    for path in paths {
        let parts: Vec<Component> = path.components().collect();
        let target = match parts.iter().position(|c| c.as_os_str() == PLANNING) {
            Some(i) => {
                let workstream = match (parts.get(i + 1), parts.get(i + 2)) {
                    (Some(w), Some(name)) if w.as_os_str() == WORKSTREAMS => name
                        .as_os_str()
                        .to_str()
                        .filter(|n| workstream::valid_name(n))
                        .map(str::to_string),
                    _ => None,
                };
                Target {
                    root: parts[..i].iter().collect(),
                    workstream,
                }
            }
            None => {
                let parent = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                match find_root(parent) {
                    Ok(root) => Target {
                        root,
                        workstream: None,
                    },
                    Err(_) => continue,
                }
            }
        };
        let target = Target {
            root: if target.root.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                target.root
            },
            ..target
        };
        if !out.contains(&target) {
            out.push(target);
        }
    }
    out
}

/// The folders holding a `.planning/` folder in `start` and below it, sorted, without
/// looking into [`SKIPPED`] folders or into a `.planning/` itself.
pub fn projects_below(start: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(start).follow_links(false).into_iter();
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name();
        if entry.depth() > 0 && SKIPPED.iter().any(|s| name == *s) {
            walk.skip_current_dir();
            continue;
        }
        if name == PLANNING {
            if let Some(parent) = entry.path().parent() {
                found.push(parent.to_path_buf());
            }
            walk.skip_current_dir();
        }
    }
    found.sort();
    found
}

/// The planning folders of the project at `root`: `.planning/` itself when it holds a
/// STATE.md (or has no workstreams, so a missing STATE.md is reported), then each workstream.
fn targets_of_project(root: &Path) -> Vec<Target> {
    let planning = Workspace::shared_dir(root);
    let workstreams = crate::io::workstreams::list(&planning);
    let mut out = Vec::new();
    if planning.join("STATE.md").exists() || workstreams.is_empty() {
        out.push(Target {
            root: root.to_path_buf(),
            workstream: None,
        });
    }
    out.extend(workstreams.into_iter().map(|w| Target {
        root: root.to_path_buf(),
        workstream: Some(w),
    }));
    out
}

/// `gsd check --all`.
fn run_all(ctx: &Context, args: &CheckArgs) -> anyhow::Result<Output> {
    let start = match &ctx.global.cwd {
        Some(dir) => dir.clone(),
        None => std::env::current_dir()
            .map_err(|e| UserError::new(format!("cannot read the current folder: {e}")))?,
    };
    let mut projects = projects_below(&start);
    if projects.is_empty() {
        // Started inside a project: check that one (and its workstreams).
        projects.push(ctx.root()?);
    }
    let targets: Vec<Target> = projects
        .iter()
        .flat_map(|p| targets_of_project(p))
        .collect();
    let format = format_of(ctx, args);
    if format == CheckFormat::Json {
        return Ok(json_report(ctx, args, &targets, &start));
    }
    if matches!(format, CheckFormat::Sarif | CheckFormat::Gitlab) && targets.len() > 1 {
        let name = if format == CheckFormat::Sarif {
            "sarif"
        } else {
            "gitlab"
        };
        return Err(several(targets.len(), name).into());
    }
    let mut all = Output::default();
    for target in &targets {
        let shown = target.shown(&start);
        match check_one(ctx, args, target) {
            Ok(out) => {
                if format == CheckFormat::Human {
                    all.stdout.push_str(&format!("{shown}:\n"));
                }
                all.stdout.push_str(&out.stdout);
                all.stderr.push_str(&out.stderr);
                all.code = all.code.max(out.code);
            }
            // One folder that cannot be checked does not stop the others.
            Err(err) => {
                all.stderr
                    .push_str(&format!("gsd: error: {shown}: {err:#}\n"));
                all.code = 2;
            }
        }
    }
    if !ctx.global.quiet {
        all.stderr.push_str(&format!(
            "gsd: checked {} planning folder(s) in {} project(s)\n",
            targets.len(),
            projects.len()
        ));
    }
    Ok(all)
}

/// `--all --format json`: one object listing each folder's report (or the error that kept
/// it from being checked).
fn json_report(ctx: &Context, args: &CheckArgs, targets: &[Target], start: &Path) -> Output {
    let mut code = 0;
    let mut stderr = String::new();
    let checked: Vec<Value> = targets
        .iter()
        .map(|target| {
            let mut entry = json!({
                "path": target.shown(start),
                "workstream": target.workstream,
            });
            match check_one(ctx, args, target) {
                Ok(out) => {
                    code = code.max(out.code);
                    stderr.push_str(&out.stderr);
                    entry["report"] =
                        serde_json::from_str(&out.stdout).unwrap_or(Value::String(out.stdout));
                }
                Err(err) => {
                    code = 2;
                    entry["error"] = json!(format!("{err:#}"));
                }
            }
            entry
        })
        .collect();
    let mut stdout = serde_json::to_string_pretty(&json!({"version": 1, "checked": checked}))
        .unwrap_or_default();
    stdout.push('\n');
    Output {
        stdout,
        stream: None,
        stderr,
        code,
    }
}

/// Checks the changed files' projects and workstreams one after the other (stopping at the
/// first that cannot be checked, as a single check does).
pub fn run_targets(ctx: &Context, args: &CheckArgs, targets: &[Target]) -> anyhow::Result<Output> {
    let format = format_of(ctx, args);
    if targets.len() > 1
        && matches!(
            format,
            CheckFormat::Json | CheckFormat::Sarif | CheckFormat::Gitlab
        )
    {
        let name = match format {
            CheckFormat::Json => "json",
            CheckFormat::Gitlab => "gitlab",
            _ => "sarif",
        };
        return Err(several(targets.len(), name).into());
    }
    let mut all = Output::default();
    let several = targets.len() > 1;
    for target in targets {
        let out = check_one(ctx, args, target)?;
        // Each report says which project it is for ("All checks passed" names no file);
        // a project `-q` left nothing to say about gets no heading either.
        if several && format == CheckFormat::Human && !out.stdout.is_empty() {
            match &target.workstream {
                None => all
                    .stdout
                    .push_str(&format!("{}:\n", target.root.display())),
                Some(_) => all
                    .stdout
                    .push_str(&format!("{}:\n", target.shown(Path::new("")))),
            }
        }
        all.stdout.push_str(&out.stdout);
        all.stderr.push_str(&out.stderr);
        all.code = all.code.max(out.code);
    }
    Ok(all)
}

/// `gsd check` on one planning folder.
fn check_one(ctx: &Context, args: &CheckArgs, target: &Target) -> anyhow::Result<Output> {
    let _in = workstream::enter(target.workstream.clone());
    let mut one = ctx.clone();
    one.global.cwd = Some(target.root.clone());
    super::check::run_project(&one, args)
}

/// The error for a one-report format asked of several folders.
fn several(n: usize, format: &str) -> UserError {
    UserError::new(format!(
        "the paths are in {n} projects or workstreams, and --format {format} reports one"
    ))
    .hint("run gsd check once per project (-C DIR, --ws NAME), or use --format human or github")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_project_and_workstream() {
        let paths = [
            PathBuf::from("apps/web/.planning/STATE.md"),
            PathBuf::from(".planning/workstreams/api/phases/01-x/01-01-PLAN.md"),
            PathBuf::from(".planning/workstreams/api/STATE.md"),
            PathBuf::from(".planning/ROADMAP.md"),
        ];
        let targets = targets_of_paths(&paths);
        assert_eq!(
            targets,
            vec![
                Target {
                    root: "apps/web".into(),
                    workstream: None
                },
                Target {
                    root: ".".into(),
                    workstream: Some("api".into())
                },
                Target {
                    root: ".".into(),
                    workstream: None
                },
            ]
        );
    }

    #[test]
    fn walk_skips_dependencies_and_planning_contents() {
        let dir = tempfile::tempdir().unwrap();
        for d in [
            ".planning/phases/x/.planning",
            "apps/web/.planning",
            "node_modules/pkg/.planning",
            "target/debug/.planning",
        ] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        let found = projects_below(dir.path());
        assert_eq!(
            found,
            vec![dir.path().to_path_buf(), dir.path().join("apps/web")]
        );
    }
}
