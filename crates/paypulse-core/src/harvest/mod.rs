//! The fetch pipeline's policy: which parts of a message to save (`plan`), under which safe,
//! stable names (`names`), recorded in `manifest.jsonl` (`manifest`), driven by `pipeline`;
//! the harvested folder listed and re-read (`ledger`).

mod ledger;
pub mod manifest;
mod mapped;
pub mod mime;
pub mod names;
pub mod pipeline;
pub mod plan;

pub use ledger::{Reparsed, list, reparse};
pub use manifest::{MANIFEST, ManifestEntry, STATE_DIR};
pub use pipeline::*;
