//! The labels each STATE.md field goes by, normalised (lower case, single spaces).
//!
//! English labels in every spelling the template and its forks use, plus the Portuguese,
//! German and French labels of localised files. Matching is exact on the normalised label, so
//! `Status` never matches `Pipeline status`.

pub const SEE: &[&str] = &["see", "ver", "siehe", "voir"];
pub const CORE_VALUE: &[&str] = &["core value", "valor central", "kernwert", "valeur centrale"];
pub const CURRENT_FOCUS: &[&str] = &[
    "current focus",
    "foco atual",
    "aktueller fokus",
    "focus actuel",
];
pub const MILESTONE: &[&str] = &[
    "milestone",
    "current milestone",
    "marco",
    "meilenstein",
    "jalon",
];
pub const PHASE: &[&str] = &[
    "phase",
    "current phase",
    "active phase",
    "phase active",
    "fase",
    "fase atual",
    "aktuelle phase",
];
pub const PLAN: &[&str] = &["plan", "current plan", "plano", "plano atual"];
pub const STATUS: &[&str] = &["status", "current status", "estado", "statut"];
pub const LAST_ACTIVITY: &[&str] = &[
    "last activity",
    "last activity date",
    "última atividade",
    "letzte aktivität",
    "dernière activité",
];
pub const PROGRESS: &[&str] = &[
    "progress",
    "overall progress",
    "progresso",
    "fortschritt",
    "progression",
];
pub const LAST_SESSION: &[&str] = &[
    "last session",
    "current session",
    "last session date",
    "última sessão",
    "letzte sitzung",
    "dernière session",
];
pub const STOPPED_AT: &[&str] = &[
    "stopped at",
    "stopped",
    // `**Last Action:** Completed Phase 19 Plan 01 …` next to `**Next Action:**`.
    "last action",
    "parou em",
    "gestoppt bei",
    "arrêté à",
];
pub const RESUME_FILE: &[&str] = &[
    "resume file",
    "resume",
    "ficheiro de retoma",
    "arquivo de retomada",
    "fortsetzungsdatei",
    "fichier de reprise",
];
pub const NEXT_ACTION: &[&str] = &[
    "next action",
    "next step",
    "next steps",
    "next command",
    "resume with",
    "next",
    "próximo passo",
    "nächster schritt",
    "prochaine étape",
];

/// Every label a [`super::Locator`] lookup may ask for. The locator keeps only the field lines
/// whose label is one of these, so a file with 100 000 `Decision N: …` bullets does not hold an
/// entry per bullet; a new field must add its label list here.
pub const ALL: &[&[&str]] = &[
    SEE,
    CORE_VALUE,
    CURRENT_FOCUS,
    MILESTONE,
    PHASE,
    PLAN,
    STATUS,
    LAST_ACTIVITY,
    PROGRESS,
    LAST_SESSION,
    STOPPED_AT,
    RESUME_FILE,
    NEXT_ACTION,
];
