//! Replays the fuzz targets' seed corpus (every file under `plans/` and `tests/fixtures/`,
//! the inputs the fuzzers found among them in `tests/fixtures/fuzz/`) through all three
//! targets, so that `cargo test` checks what the fuzzers check on every input that ever
//! mattered. The fuzzing itself: `scripts/fuzz.sh` (README, "Fuzzing").

mod targets {
    const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    include!("../../../fuzz/src/targets.rs");
}

use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let t = entry.file_type().unwrap();
        if t.is_dir() {
            files_under(&entry.path(), out);
        } else if t.is_file() {
            out.push(entry.path());
        }
    }
}

#[test]
fn every_seed_passes_every_fuzz_target() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut seeds = Vec::new();
    files_under(&repo.join("plans"), &mut seeds);
    files_under(&repo.join("tests/fixtures"), &mut seeds);
    seeds.sort();
    assert!(seeds.len() > 30, "the seed corpus is there: {} files", seeds.len());
    for path in &seeds {
        let bytes = std::fs::read(path).unwrap();
        for (name, target) in [("plan", targets::plan as fn(&[u8])), ("scenario", targets::scenario), ("schedule", targets::schedule)] {
            let run = std::panic::catch_unwind(|| target(&bytes));
            assert!(run.is_ok(), "fuzz target {name} fails on {}", path.display());
        }
    }
}
