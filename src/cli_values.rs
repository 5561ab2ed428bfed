//! Value parsers for arguments that take a name from a list but accept more than the list:
//! `gsd state get` takes a field name or any dotted JSON path, `gsd rule` a code or a rule
//! name in any case. A closed [`clap::builder::PossibleValuesParser`] would refuse the
//! rest, so these parsers accept any string (the command checks it and suggests the nearest
//! name) and report the names as possible values only: clap prints them in `--help` and
//! `clap_complete` offers them as completions.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

/// An argument that takes any string and offers `values` as its possible values.
#[derive(Debug, Clone, Copy)]
pub struct OpenList {
    values: fn() -> Vec<PossibleValue>,
}

impl TypedValueParser for OpenList {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.values)().into_iter()))
    }
}

/// Field names for `state get` / `state set` (see [`crate::model::state::fields`]).
#[allow(non_upper_case_globals)]
pub const FieldNames: OpenList = OpenList {
    values: field_names,
};

/// Check rule codes for `gsd rule` (names are accepted too, and offered as aliases).
#[allow(non_upper_case_globals)]
pub const RuleCodes: OpenList = OpenList { values: rule_codes };

fn field_names() -> Vec<PossibleValue> {
    crate::model::state::fields::FIELDS
        .iter()
        .map(|f| {
            let help = if f.aliases.is_empty() {
                f.about.to_string()
            } else {
                format!("{} (also: {})", f.about, f.aliases.join(", "))
            };
            PossibleValue::new(f.name)
                .help(help)
                .aliases(f.aliases.iter().copied())
        })
        .collect()
}

fn rule_codes() -> Vec<PossibleValue> {
    crate::check::all_rules()
        .into_iter()
        .map(|r| PossibleValue::new(r.code).help(r.summary).alias(r.name))
        .collect()
}
