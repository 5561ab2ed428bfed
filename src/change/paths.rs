//! Where paths are before and after a command's moves, for staging the new text of a file
//! that a move brings to its place (a renumbered phase's PLAN.md) and for naming it.

use std::path::{Path, PathBuf};

use super::Move;

/// Where `path` is once `moves` are made (each move applied in order).
pub fn after_moves(path: &Path, moves: &[Move]) -> PathBuf {
    let mut p = path.to_path_buf();
    for m in moves.iter().filter(|m| !m.discard) {
        if let Ok(rest) = p.strip_prefix(&m.from) {
            p = if rest.as_os_str().is_empty() {
                m.to.clone()
            } else {
                m.to.join(rest)
            };
        }
    }
    p
}

/// Where the file a change names at `path` (its place once `moves` are made) is now: the
/// moves undone, last first.
pub fn before_moves(path: &Path, moves: &[Move]) -> PathBuf {
    let mut p = path.to_path_buf();
    for m in moves.iter().rev() {
        if let Ok(rest) = p.strip_prefix(&m.to) {
            p = if rest.as_os_str().is_empty() {
                m.from.clone()
            } else {
                m.from.join(rest)
            };
        }
    }
    p
}

/// The nearest folder above `path` that no move takes from or brings to: where a file that
/// will be moved into place is staged (`io::atomic::stage_moved`).
pub fn outside_moves(path: &Path, moves: &[Move]) -> PathBuf {
    let mut folder = path.parent();
    while let Some(f) = folder {
        let touched = moves
            .iter()
            .any(|m| f.starts_with(&m.to) || f.starts_with(&m.from));
        if !touched || f.as_os_str().is_empty() {
            break;
        }
        folder = f.parent();
    }
    folder.map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(from: &str, to: &str) -> Move {
        Move {
            from: from.into(),
            to: to.into(),
            display_from: from.into(),
            display_to: to.into(),
            discard: false,
        }
    }

    #[test]
    fn paths_before_and_after_a_folder_and_a_file_move() {
        let moves = [
            mv("p/04-x", "p/03-x"),
            mv("p/03-x/04-01-PLAN.md", "p/03-x/03-01-PLAN.md"),
        ];
        let now = Path::new("p/04-x/04-01-PLAN.md");
        let then = after_moves(now, &moves);
        assert_eq!(then, Path::new("p/03-x/03-01-PLAN.md"));
        assert_eq!(before_moves(&then, &moves), now);
        assert_eq!(outside_moves(&then, &moves), Path::new("p"));
        let untouched = Path::new("p/02-y/02-01-PLAN.md");
        assert_eq!(after_moves(untouched, &moves), untouched);
        assert_eq!(outside_moves(untouched, &moves), Path::new("p/02-y"));
    }
}
