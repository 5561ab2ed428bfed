//! GSD5xx: the `.planning/` folder itself. GSD501 finds the files a killed `gsd` left behind
//! (recognised by [`crate::io::leftovers`]); `--fix` deletes them. This family lists folders,
//! the one rule that looks beyond the parsed files, because litter is exactly what no parsed
//! file mentions.

use std::path::Path;

use crate::check::{Diagnostic, Input, Rule, Severity};
use crate::io::leftovers;
use crate::model::Workspace;

/// The rule's code, for `gsd check --fix`, which deletes what it reports.
pub const LEFTOVER: &str = "GSD501";

pub static RULES: &[Rule] = &[Rule {
    code: LEFTOVER,
    name: "leftover-file",
    severity: Severity::Warning,
    fixable: true,
    on_by_default: true,
    summary: "A file gsd left behind in `.planning/`: a temp file of an interrupted write, or an old lock file.",
    what: "Lists `.planning/`, `.planning/phases/` and each phase folder for gsd's temp files \
(`.gsd-tmp.STATE.md.a1B2c3`: the target's name and six random characters). In `.planning/` \
itself it also finds the temp files older versions wrote (`.STATE.md.a1B2c3`, for STATE.md, \
ROADMAP.md and PROJECT.md only, and only when the six characters mix cases or digits, so \
`.STATE.md.backup` is never taken for one) and their lock file `.gsd.lock`, which gsd no \
longer uses where it can lock the folder itself.",
    why: "gsd writes a file by writing a temp file beside it and renaming it into place. A gsd \
killed between the two (an agent stopped mid-command) leaves the temp file, which nothing \
else removes: `git add -A` commits it, and they pile up. The old lock file ends up in commits \
the same way.",
    example: ".planning/\n  STATE.md\n  .gsd-tmp.STATE.md.a1B2c3\n",
    fix: "Delete the file: `gsd check --fix` does, and so does the next gsd command that \
writes (it holds the lock, so no running gsd can own the file). The file never holds \
anything gsd has not written to its real name or thrown away.",
}];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let root = &input.ws.root;
    leftovers::find(&Workspace::planning_dir(root))
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let message = if name == leftovers::OLD_LOCK_FILE {
                format!(
                    "`{name}` is the lock file older gsd versions kept; gsd now locks the folder itself"
                )
            } else if leftovers::is_temp_name(&name) {
                format!("`{name}` is a temp file an interrupted gsd write left behind")
            } else {
                format!("`{name}` is a temp file an interrupted write of an older gsd left behind")
            };
            // The fix has no edits: `gsd check --fix` deletes the file named by `path`.
            Diagnostic::about_file(LEFTOVER, shown(root, path), message)
                .fix("delete the file", Vec::new())
        })
        .collect()
}

/// `path` relative to the project folder, with `/` between its parts on every platform.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
