//! The fuzz targets' checks; see `targets.rs`.
const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
include!("targets.rs");
