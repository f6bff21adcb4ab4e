//! The fetch pipeline's policy: which parts of a message to save (`plan`), under which safe,
//! stable names (`names`), recorded in `manifest.jsonl` (`manifest`), driven by `pipeline`.

pub mod manifest;
pub mod names;
pub mod pipeline;
pub mod plan;

pub use manifest::{MANIFEST, ManifestEntry};
pub use pipeline::*;
