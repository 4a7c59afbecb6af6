//! A small file system a test mounts: a tmpfs with a size limit at a new temp folder, which it
//! can fill up or remount read-only, unmounted on drop. Shared by the full-disk tests of
//! several crates (`#[path]`). Running as root, a chmod'ed folder does not stop a write, so a
//! read-only place has to be a read-only mount.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::Command;

pub struct SmallFs {
    dir: tempfile::TempDir,
}

impl SmallFs {
    /// Mounts a tmpfs of `kib` KiB, or gives `None` (saying why, as a skip) where mounting is
    /// impossible: not root, or `mount` refused. With `PLANWRIGHT_REQUIRE_MOUNT` set, a skip is a
    /// failure instead.
    pub fn mount(kib: u64) -> Option<SmallFs> {
        let dir = tempfile::tempdir().expect("a temp folder");
        let out = Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"]).arg(dir.path()).output();
        let why = match out {
            Ok(o) if o.status.success() => return Some(SmallFs { dir }),
            Ok(o) => format!("mount -t tmpfs failed ({}): {}", o.status, String::from_utf8_lossy(&o.stderr).trim()),
            Err(e) => format!("mount cannot run: {e}"),
        };
        assert!(std::env::var_os("PLANWRIGHT_REQUIRE_MOUNT").is_none(), "PLANWRIGHT_REQUIRE_MOUNT is set, but {why}");
        eprintln!("SKIPPED: this test needs a small file system it mounts (run as root), and {why}");
        None
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the file system to the last byte with a file `filler` (the write that fails with
    /// "no space left" ends it).
    pub fn fill(&self) {
        let mut f = std::fs::File::create(self.path().join("filler")).expect("the filler file is created");
        let chunk = vec![0u8; 4096];
        loop {
            match f.write(&chunk) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
                Err(e) => panic!("filling the file system: {e}"),
            }
        }
    }

    /// Remounts the file system read-only: nothing, not even root, can write there.
    pub fn make_read_only(&self) {
        let status = Command::new("mount").args(["-o", "remount,ro"]).arg(self.path()).status().expect("mount runs");
        assert!(status.success(), "remounting read-only works where mounting did");
    }

    /// The names of the entries in `folder` (sorted), to show that no temp file is left.
    pub fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }
}

impl Drop for SmallFs {
    fn drop(&mut self) {
        // A lazy unmount also succeeds when a file on it is still open.
        let status = Command::new("umount").arg("-l").arg(self.dir.path()).status();
        if !matches!(status, Ok(s) if s.success()) {
            eprintln!("could not unmount {}: {status:?}", self.dir.path().display());
        }
    }
}
