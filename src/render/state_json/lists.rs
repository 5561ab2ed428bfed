//! The decisions, todos and blockers of STATE.md as JSON views, serialised as they are walked.

use crate::model::state::{Decision, DecisionGroup, StateDoc};
use crate::syntax::Doc;
use serde::Serialize;
use serde_json::{Value, json};

/// One entry of `decisions`.
#[derive(Debug, Serialize)]
pub struct DecisionView<'a> {
    pub id: Option<&'a str>,
    pub text: &'a str,
    pub rationale: Option<&'a str>,
    pub phase: Option<&'a str>,
    pub plan: Option<&'a str>,
    pub date: Option<&'a str>,
    pub group: &'a str,
    pub subgroup: Option<&'a str>,
    pub line: usize,
}

/// The `decisions` array, read from the document while it is printed: a file with 100 000
/// decisions never holds them all at once.
#[derive(Debug, Clone, Copy)]
pub struct Decisions<'a>(pub(super) &'a StateDoc);

impl Decisions<'_> {
    /// How many decisions the file has.
    pub fn len(&self) -> usize {
        self.0.decisions.iter().map(|g| g.entry_count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entry `i` as JSON, reading no decision after it.
    pub(super) fn nth(&self, i: usize) -> Option<Value> {
        let (g, d) = self.0.all_decisions().nth(i)?;
        Some(serde_json::to_value(DecisionView::new(g, &d)).expect("the view serializes"))
    }
}

impl Serialize for Decisions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for (g, d) in self.0.all_decisions() {
            seq.serialize_element(&DecisionView::new(g, &d))?;
        }
        seq.end()
    }
}

impl<'a> DecisionView<'a> {
    fn new(group: &'a DecisionGroup, d: &'a Decision) -> DecisionView<'a> {
        DecisionView {
            id: d.id.as_deref(),
            text: &d.text,
            rationale: d.rationale.as_deref(),
            phase: d.phase.as_deref(),
            plan: d.plan.as_deref(),
            date: d.date.as_deref(),
            group: &group.title,
            subgroup: d.subgroup.as_deref(),
            line: d.line + 1,
        }
    }
}

/// The `todos` or `blockers` array: every item of these lists, borrowed from the document.
#[derive(Debug, Clone, Copy)]
pub struct Items<'a> {
    pub(super) doc: &'a Doc,
    pub(super) lists: &'a [crate::model::state::ItemList],
}

impl<'a> Items<'a> {
    /// The entries, in document order.
    pub fn iter(&self) -> impl Iterator<Item = ItemView<'a>> + 'a {
        let doc = self.doc;
        self.lists
            .iter()
            .flat_map(|l| &l.items)
            .map(move |i| ItemView {
                // A table row's cell reads `\|` as `|`; a list item's text is as written.
                text: if i.depth == 0 {
                    crate::syntax::table::unescape_cell(doc.text(i.main.clone()))
                } else {
                    std::borrow::Cow::Borrowed(doc.text(i.main.clone()))
                },
                resolved: i.resolved,
                line: i.line + 1,
            })
    }

    pub fn is_empty(&self) -> bool {
        self.lists.iter().all(|l| l.items.is_empty())
    }

    /// Entry `i` as JSON.
    pub(super) fn nth(&self, i: usize) -> Option<Value> {
        self.iter().nth(i).map(|item| json!(item))
    }
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// One entry of `todos` or `blockers`.
#[derive(Debug, Serialize)]
pub struct ItemView<'a> {
    pub text: std::borrow::Cow<'a, str>,
    pub resolved: bool,
    pub line: usize,
}
