//! The workspace the desktop app opens when it is started with no folder (from the desktop
//! menu, as installed by the `.deb`): the user's own `plans/` folder in the platform data
//! directory (`$XDG_DATA_HOME/planwright/plans`, by default `~/.local/share/planwright/plans`),
//! beside the run store. The installed sample plans (`/usr/share/planwright/plans`, read-only)
//! are copied into it the first time, when the folder does not exist yet; a folder that exists
//! is opened as it is, so the user's files are never overwritten and a sample the user deleted
//! does not come back.
//!
//! The copy is made in a temp folder beside the workspace and renamed into place, so a copy
//! cut short (a full disk, a killed app) never leaves a half-seeded workspace behind.

use std::io;
use std::path::{Path, PathBuf};

/// Where the installed samples are, relative to the installed binary: `/usr/bin/planwright-desktop`
/// → `/usr/share/planwright/plans` (and the same under `/usr/local` or any other prefix).
pub const SAMPLES_FROM_BIN: &str = "../share/planwright/plans";

/// Why the user's workspace could not be made ready. Each has a stable code.
#[derive(Debug, thiserror::Error)]
pub enum UserWorkspaceError {
    #[error("no data folder for the workspace: neither XDG_DATA_HOME nor HOME is set to an absolute path")]
    NoDataFolder,
    #[error("cannot create the workspace folder {path}: {source}")]
    CreateFolder { path: PathBuf, source: io::Error },
    #[error("the workspace {path} is not a folder")]
    NotAFolder { path: PathBuf },
    #[error("cannot read the sample plans in {path}: {source}")]
    ReadSamples { path: PathBuf, source: io::Error },
    #[error("cannot copy the sample {from} into the workspace ({to}): {source}")]
    CopySample { from: PathBuf, to: PathBuf, source: io::Error },
}

impl UserWorkspaceError {
    pub fn code(&self) -> &'static str {
        match self {
            UserWorkspaceError::NoDataFolder => "workspace-no-data-folder",
            UserWorkspaceError::CreateFolder { .. } => "workspace-create-failed",
            UserWorkspaceError::NotAFolder { .. } => "workspace-not-a-folder",
            UserWorkspaceError::ReadSamples { .. } => "workspace-samples-unreadable",
            UserWorkspaceError::CopySample { .. } => "workspace-seed-failed",
        }
    }
}

impl From<UserWorkspaceError> for crate::ApiError {
    fn from(e: UserWorkspaceError) -> crate::ApiError {
        crate::ApiError::new(e.code(), e.to_string())
    }
}

/// The user's workspace, ready to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserWorkspace {
    pub folder: PathBuf,
    /// True when this call created it from the samples (the first start).
    pub seeded: bool,
}

/// The user's workspace folder in the platform data directory, beside the run store.
pub fn default_folder() -> Option<PathBuf> {
    planwright_store::data_dir().map(|d| d.join("plans"))
}

/// The installed sample plans beside the binary `exe` (`<prefix>/bin/…` →
/// `<prefix>/share/planwright/plans`), when that folder exists.
pub fn installed_samples(exe: &Path) -> Option<PathBuf> {
    let samples = exe.parent()?.join(SAMPLES_FROM_BIN);
    samples.is_dir().then(|| samples.canonicalize().unwrap_or(samples))
}

/// Makes the default user workspace ready: [`default_folder`], seeded from
/// `PLANWRIGHT_SAMPLES` or else the samples installed beside the running binary.
pub fn prepare_default() -> Result<UserWorkspace, UserWorkspaceError> {
    let folder = default_folder().ok_or(UserWorkspaceError::NoDataFolder)?;
    let samples = std::env::var_os("PLANWRIGHT_SAMPLES")
        .map(PathBuf::from)
        .or_else(|| std::env::current_exe().ok().and_then(|exe| installed_samples(&exe)));
    prepare(&folder, samples.as_deref())
}

/// Makes `folder` ready as the user's workspace. An existing folder is left exactly as it is.
/// A missing one is created (with its parents), holding a copy of `samples` when given: the
/// copy is built in a temp folder beside it and renamed into place. When another process made
/// the folder meanwhile, its folder wins and the copy is dropped.
pub fn prepare(folder: &Path, samples: Option<&Path>) -> Result<UserWorkspace, UserWorkspaceError> {
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => return Ok(UserWorkspace { folder: folder.to_path_buf(), seeded: false }),
        Ok(_) => return Err(UserWorkspaceError::NotAFolder { path: folder.to_path_buf() }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(source) => return Err(UserWorkspaceError::CreateFolder { path: folder.to_path_buf(), source }),
    }
    let create = |source| UserWorkspaceError::CreateFolder { path: folder.to_path_buf(), source };
    let parent = folder.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(create)?;
    let Some(samples) = samples else {
        return match std::fs::create_dir(folder) {
            Ok(()) => Ok(UserWorkspace { folder: folder.to_path_buf(), seeded: false }),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && folder.is_dir() => Ok(UserWorkspace { folder: folder.to_path_buf(), seeded: false }),
            Err(e) => Err(create(e)),
        };
    };
    let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "plans".into());
    let staging = parent.join(format!(".{name}.seeding-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging).map_err(create)?;
    if let Err(e) = copy_tree(samples, &staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    // rename(2) onto a folder that appeared meanwhile fails unless it is empty: the other
    // process's folder stays, and so do any files in it.
    match std::fs::rename(&staging, folder) {
        Ok(()) => Ok(UserWorkspace { folder: folder.to_path_buf(), seeded: true }),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            if folder.is_dir() {
                Ok(UserWorkspace { folder: folder.to_path_buf(), seeded: false })
            } else {
                Err(create(e))
            }
        }
    }
}

/// Copies the folders and regular files of `from` into the existing folder `to`, byte for byte
/// (nothing is parsed: the workspace loads them later through `plan_file::read_text`). Files
/// are created anew (not `fs::copy`), so they get the user's default mode, writable, whatever
/// the installed samples' mode is. Links, pipes and other special files are skipped.
fn copy_tree(from: &Path, to: &Path) -> Result<(), UserWorkspaceError> {
    let read = |source| UserWorkspaceError::ReadSamples { path: from.to_path_buf(), source };
    let mut entries = std::fs::read_dir(from).map_err(read)?.collect::<Result<Vec<_>, _>>().map_err(read)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().map_err(read)?;
        if kind.is_dir() {
            std::fs::create_dir(&dst).map_err(|source| UserWorkspaceError::CopySample { from: src.clone(), to: dst.clone(), source })?;
            copy_tree(&src, &dst)?;
        } else if kind.is_file() {
            let mut input = std::fs::File::open(&src).map_err(|source| UserWorkspaceError::ReadSamples { path: src.clone(), source })?;
            let copy = std::fs::File::create(&dst).and_then(|mut output| io::copy(&mut input, &mut output).and_then(|_| output.sync_all()));
            copy.map_err(|source| UserWorkspaceError::CopySample { from: src.clone(), to: dst.clone(), source })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn samples(root: &Path) -> PathBuf {
        let s = root.join("share/planwright/plans");
        fs::create_dir_all(s.join("schedules")).unwrap();
        fs::write(s.join("voice.json"), "{\"sample\": 1}\n").unwrap();
        fs::write(s.join("schedules/office.json"), "{\"schedule\": 1}\n").unwrap();
        s
    }

    #[test]
    fn a_missing_workspace_is_created_from_the_samples() {
        let tmp = tempfile::tempdir().unwrap();
        let samples = samples(tmp.path());
        let folder = tmp.path().join("home/.local/share/planwright/plans");
        let ws = prepare(&folder, Some(&samples)).unwrap();
        assert_eq!(ws, UserWorkspace { folder: folder.clone(), seeded: true });
        assert_eq!(fs::read_to_string(folder.join("voice.json")).unwrap(), "{\"sample\": 1}\n");
        assert_eq!(fs::read_to_string(folder.join("schedules/office.json")).unwrap(), "{\"schedule\": 1}\n");
        // Nothing is left beside it.
        let beside: Vec<_> = fs::read_dir(folder.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(beside, vec![std::ffi::OsString::from("plans")]);
    }

    #[test]
    fn seeds_once_and_never_overwrites_the_users_files() {
        let tmp = tempfile::tempdir().unwrap();
        let samples = samples(tmp.path());
        let folder = tmp.path().join("data/plans");
        assert!(prepare(&folder, Some(&samples)).unwrap().seeded);
        fs::write(folder.join("voice.json"), "my edit\n").unwrap();
        fs::remove_file(folder.join("schedules/office.json")).unwrap();
        fs::write(folder.join("mine.json"), "mine\n").unwrap();
        // A newer package brings other samples: the user's workspace stays as the user left it.
        fs::write(samples.join("voice.json"), "{\"sample\": 2}\n").unwrap();
        fs::write(samples.join("chat.json"), "{}\n").unwrap();
        let again = prepare(&folder, Some(&samples)).unwrap();
        assert!(!again.seeded);
        assert_eq!(fs::read_to_string(folder.join("voice.json")).unwrap(), "my edit\n");
        assert_eq!(fs::read_to_string(folder.join("mine.json")).unwrap(), "mine\n");
        assert!(!folder.join("schedules/office.json").exists());
        assert!(!folder.join("chat.json").exists());
    }

    #[test]
    fn an_empty_existing_folder_is_the_users_choice() {
        let tmp = tempfile::tempdir().unwrap();
        let samples = samples(tmp.path());
        let folder = tmp.path().join("plans");
        fs::create_dir(&folder).unwrap();
        assert!(!prepare(&folder, Some(&samples)).unwrap().seeded);
        assert_eq!(fs::read_dir(&folder).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn copies_are_writable_whatever_the_installed_mode() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let samples = samples(tmp.path());
        fs::set_permissions(samples.join("voice.json"), fs::Permissions::from_mode(0o444)).unwrap();
        let folder = tmp.path().join("plans");
        prepare(&folder, Some(&samples)).unwrap();
        let mode = fs::metadata(folder.join("voice.json")).unwrap().permissions().mode();
        assert_ne!(mode & 0o200, 0, "mode {mode:o}");
    }

    #[test]
    fn without_samples_an_empty_workspace_is_made() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("a/b/plans");
        let ws = prepare(&folder, None).unwrap();
        assert!(!ws.seeded);
        assert!(folder.is_dir());
        assert_eq!(fs::read_dir(&folder).unwrap().count(), 0);
    }

    #[test]
    fn a_folder_that_cannot_be_created_says_where_and_why() {
        // A file stands where a parent folder should be (this holds for root too, unlike
        // a read-only folder).
        let tmp = tempfile::tempdir().unwrap();
        let samples = samples(tmp.path());
        fs::write(tmp.path().join("data"), "not a folder").unwrap();
        let folder = tmp.path().join("data/planwright/plans");
        let err = prepare(&folder, Some(&samples)).unwrap_err();
        assert_eq!(err.code(), "workspace-create-failed");
        let message = err.to_string();
        assert!(message.starts_with(&format!("cannot create the workspace folder {}: ", folder.display())), "{message}");
        let api: crate::ApiError = err.into();
        assert_eq!(api.code, "workspace-create-failed");
    }

    #[test]
    fn a_file_in_place_of_the_workspace_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("plans");
        fs::write(&folder, "x").unwrap();
        let err = prepare(&folder, None).unwrap_err();
        assert_eq!(err.code(), "workspace-not-a-folder");
        assert_eq!(fs::read_to_string(&folder).unwrap(), "x");
    }

    #[test]
    fn unreadable_samples_leave_no_workspace_behind() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("plans");
        let err = prepare(&folder, Some(&tmp.path().join("no-such-samples"))).unwrap_err();
        assert_eq!(err.code(), "workspace-samples-unreadable");
        assert!(!folder.exists());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0, "the staging folder is removed");
        // The next start tries again.
        let samples = samples(tmp.path());
        assert!(prepare(&folder, Some(&samples)).unwrap().seeded);
    }

    #[test]
    fn installed_samples_are_found_beside_the_binary() {
        let tmp = tempfile::tempdir().unwrap();
        let samples = samples(tmp.path());
        fs::create_dir_all(tmp.path().join("bin")).unwrap();
        let exe = tmp.path().join("bin/planwright-desktop");
        assert_eq!(installed_samples(&exe), Some(samples.canonicalize().unwrap()));
        assert_eq!(installed_samples(&tmp.path().join("elsewhere/bin/planwright-desktop")), None);
    }
}
