//! The one edit every command makes to a `Label: value` field: its value replaced (or an
//! empty value filled on its own line), kept safe inside a table row. `state set`, `begin`,
//! `complete`, `session` and the milestone commands all change fields through here.

use crate::edit::Edit;
use crate::model::Field;
use crate::model::state::StateDoc;
use crate::syntax::Doc;

/// The edit that makes `field`'s value `value`, filling an empty value on its own line.
pub fn set_field(state: &StateDoc, field: &Field, value: &str) -> Edit {
    set_field_text(&state.doc, field, value)
}

/// [`set_field`] for any parsed document.
pub fn set_field_text(doc: &Doc, field: &Field, value: &str) -> Edit {
    let value = crate::ops::style::table_safe(doc, field.line, value.trim());
    let value = value.as_str();
    if field.value.is_empty() {
        let before = doc.source.text[..field.value.start].chars().last();
        // Any whitespace the parser trimmed (a vertical tab too) already separates the
        // label from the value; adding a space would make a second run change the file.
        let space = if before.is_some_and(char::is_whitespace) {
            ""
        } else {
            " "
        };
        Edit::insert(field.value.start, format!("{space}{value}"))
    } else {
        Edit::replace(field.value.clone(), value)
    }
}
