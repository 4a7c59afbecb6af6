//! Watching the workspace folder: the operating system's file events (inotify on Linux,
//! through `notify`), gathered for a moment so that one save (temp file, write, rename) is one
//! report, and handed to a callback with the paths that changed. The session decides what
//! they mean ([`crate::Session::disk_change`]); the desktop shell turns that into an event.

use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long changes are gathered after the first one before they are reported.
pub const SETTLE: Duration = Duration::from_millis(150);

/// A running watch; dropping it stops the watching.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
}

/// Watches `root` and its `schedules/` folder; `report` is called on a thread of its own with
/// the paths changed since the last report.
pub fn watch(root: &Path, report: impl Fn(Vec<PathBuf>) + Send + 'static) -> notify::Result<Watch> {
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !event.kind.is_access() {
                for p in event.paths {
                    let _ = tx.send(p);
                }
            }
        }
    })?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    let schedules = root.join("schedules");
    if schedules.is_dir() {
        watcher.watch(&schedules, RecursiveMode::NonRecursive)?;
    }
    std::thread::Builder::new()
        .name("planwright-watch".into())
        .spawn(move || {
            // Ends when the watcher (and so the sender) is dropped.
            while let Ok(first) = rx.recv() {
                let mut paths = BTreeSet::from([first]);
                while let Ok(p) = rx.recv_timeout(SETTLE) {
                    paths.insert(p);
                }
                report(paths.into_iter().collect());
            }
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(Watch { _watcher: watcher })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_in_the_folder_is_reported_once_settled() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = watch(dir.path(), move |paths| tx.send(paths).unwrap()).unwrap();
        let file = dir.path().join("plan.json");
        std::fs::write(&file, "{}").unwrap();
        std::fs::write(&file, "{ }").unwrap();
        // Waits for the event itself (no timing is measured); 10 s only guards a hang.
        let paths = rx.recv_timeout(Duration::from_secs(10)).expect("the watcher reports the write");
        assert!(paths.iter().any(|p| p.file_name() == file.file_name()), "{paths:?}");
    }
}
