//! Whether STATE.md's `**Core value:**` says what PROJECT.md's Core Value says. STATE.md
//! keeps a copy that real projects shorten, trim of parentheticals, strip of accents or
//! reword by a word; a copy that only leaves things out agrees, a changed goal does not.

use super::lenient;

/// Words too common to tell two goals apart.
const STOP_WORDS: &[&str] = &[
    "with", "that", "this", "from", "into", "their", "your", "than", "then", "them", "they",
    "what", "which", "while", "when", "where", "have", "been", "will", "also", "each",
];

/// Whether `ours` (STATE.md) is a faithful copy of `theirs` (PROJECT.md).
pub fn agrees(ours: &str, theirs: &str) -> bool {
    let (a, b) = (lenient(&unbracketed(ours)), lenient(&unbracketed(theirs)));
    if a.is_empty() || b.is_empty() {
        return true;
    }
    if a == b || b.starts_with(&a) || a.starts_with(&b) {
        return true;
    }
    if a.chars().chain(b.chars()).any(unspaced_script) {
        return bigram_dice(&a, &b) >= 0.8;
    }
    let words = |t: &str| -> Vec<String> {
        t.split(' ')
            .map(fold_accents)
            .filter(|w| w.chars().count() >= 4 && !STOP_WORDS.contains(&w.as_str()))
            .collect()
    };
    let (ours, theirs) = (words(&a), words(&b));
    let missing = ours
        .iter()
        .filter(|w| !theirs.iter().any(|t| within_one_edit(w, t)))
        .count();
    // One reworded word in a long copy is a rewording; in a short one it is a new goal.
    missing == 0 || missing == 1 && ours.len() >= 10
}

/// The text without `( … )` / `（ … ）` asides.
fn unbracketed(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Chinese, Japanese and Korean: scripts where words are not a unit to compare.
fn unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        })
        .collect()
}

/// Whether `a` becomes `b` by at most one insertion, deletion or substitution
/// (`endpoint`/`endpoints`, `friccao`/`fricao`).
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix..]
            .iter()
            .skip(1)
            .eq(long[prefix..].iter().skip(1))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Dice similarity of character bigrams.
fn bigram_dice(a: &str, b: &str) -> f64 {
    let grams = |t: &str| -> Vec<(char, char)> {
        let cs: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (x, mut y) = (grams(a), grams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let total = x.len() + y.len();
    let mut shared = 0;
    for g in &x {
        if let Some(i) = y.iter().position(|h| h == g) {
            y.swap_remove(i);
            shared += 1;
        }
    }
    2.0 * shared as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_that_leave_things_out_agree() {
        let p = "Keep more conversations alive in memory simultaneously by compressing KV caches instead of discarding them.";
        assert!(agrees(
            "Keep more conversations alive in memory by compressing KV caches instead of discarding them",
            p
        ));
        assert!(agrees(
            "Pragmatic test coverage (70% target) enables reliable deployment.",
            "**Pragmatic test coverage enables reliable deployment.**"
        ));
        assert!(agrees(
            "Candidato acompanha seu status sem fricção num único sistema rastreável",
            "Candidato acompanha seu status sem fricao num unico sistema rastreavel"
        ));
        assert!(agrees(
            "所有 LINE 整合功能的設定都能在後台介面輕鬆找到並調整",
            "所有 LINE 整合功能（Messaging API、Login）的設定都能在後台介面輕鬆找到並調整。"
        ));
        assert!(agrees(
            "Businesses can access enterprise-grade AI automation across conversational, voice, and document channels from one unified platform.",
            "Businesses can access enterprise-grade AI automation across conversational, voice, and document channels—all integrated into one platform."
        ));
    }

    #[test]
    fn a_changed_goal_does_not() {
        let p = "Ship a reliable claims API - zero-downtime migrations and documented endpoints";
        assert!(!agrees(
            "Ship a fast claims API - zero-downtime migrations and documented endpoints",
            p
        ));
        assert!(!agrees(
            "Every cloud resource across all projects must be discovered reliably",
            "Every enabled Azure subscription must be scanned successfully"
        ));
        assert!(!agrees(
            "为每位用户提供快速可靠的文档搜索服务",
            "训练出能通过思维链推理优化交通信号配时的模型"
        ));
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("endpoint", "endpoints"));
        assert!(within_one_edit("friccao", "fricao"));
        assert!(within_one_edit("color", "colour"));
        assert!(!within_one_edit("fast", "reliable"));
        assert!(!within_one_edit("abcd", "abdc"));
    }
}
