//! The one integration-test binary. Modules by purpose:
//! - `support`: the CLI fixture (temp copy of a `.planning/` tree, fixed GSD_NOW, cleared env).
//! - `roundtrip`: byte identity for every fixture, and the property test over generated files.
//! - `state_show`: `state show` / `state get` snapshots for every fixture.
//! - `model_siblings`: ROADMAP.md, PROJECT.md and phases/ models on their variant fixtures.

mod model_siblings;
mod roundtrip;
mod state_show;
mod support;
