//! Value parsers for arguments that take a name from a list but accept more than the list:
//! `gsd state get` takes a field name or any dotted JSON path, `gsd rule` a code or a rule
//! name in any case. A closed [`clap::builder::PossibleValuesParser`] would refuse the
//! rest, so these parsers accept any string (the command checks it and suggests the nearest
//! name) and report the names as possible values only: clap prints them in `--help` and
//! `clap_complete` offers them as completions.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

/// Field names for `state get` / `state set` (see [`crate::model::state::fields`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct FieldNames;

impl TypedValueParser for FieldNames {
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
        Some(Box::new(crate::model::state::fields::FIELDS.iter().map(
            |f| {
                let help = if f.aliases.is_empty() {
                    f.about.to_string()
                } else {
                    format!("{} (also: {})", f.about, f.aliases.join(", "))
                };
                PossibleValue::new(f.name)
                    .help(help)
                    .aliases(f.aliases.iter().copied())
            },
        )))
    }
}

/// Check rule codes for `gsd rule` (names are accepted too, and offered as aliases).
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleCodes;

impl TypedValueParser for RuleCodes {
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
        Some(Box::new(crate::check::all_rules().into_iter().map(|r| {
            PossibleValue::new(r.code).help(r.summary).alias(r.name)
        })))
    }
}
