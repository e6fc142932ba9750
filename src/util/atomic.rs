//! Writing output files so that a failure never leaves a half-written or lost file.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `path` through `write`, atomically: the data goes to a temporary file in the same
/// directory, which replaces `path` only once complete and synced. If `write` fails, the old file
/// is untouched and the temporary file removed. A symbolic link is written through to its target;
/// a path that is not a regular file (`/dev/null`, a FIFO) is written directly, never replaced.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.txt");
/// std::fs::write(&path, "old").unwrap();
/// let failed: wangluo::Result<()> = wangluo::util::atomic::write_file(&path, |w| {
///     w.write_all(b"partial").unwrap();
///     Err(wangluo::Error::InvalidOption { option: "x".into(), reason: "fails".into() })
/// });
/// assert!(failed.is_err());
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
/// wangluo::util::atomic::write_file(&path, |w| Ok(w.write_all(b"new").unwrap())).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
/// ```
pub fn write_file<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let write_err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let target: PathBuf = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(write_err)?,
        _ => path.to_owned(),
    };
    if let Ok(meta) = std::fs::metadata(&target) {
        if !meta.is_file() {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(write_err)?;
            let mut out = std::io::BufWriter::new(file);
            let value = write(&mut out)?;
            out.flush().map_err(write_err)?;
            return Ok(value);
        }
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".wangluo-")
        .tempfile_in(dir)
        .map_err(|e| write_err(std::io::Error::new(e.kind(), strip_path_context(&e))))?;
    let value = {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        let value = write(&mut out)?;
        out.flush().map_err(write_err)?;
        value
    };
    tmp.as_file().sync_all().map_err(write_err)?;
    // A temporary file is private (0600); the result gets the old file's permissions, or the
    // usual ones for a new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(&target)
            .map(|old| old.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        tmp.as_file()
            .set_permissions(permissions)
            .map_err(write_err)?;
    }
    tmp.persist(&target).map_err(|e| write_err(e.error))?;
    Ok(value)
}

/// tempfile adds "at path <temporary name>" to its errors; the user only needs the reason.
fn strip_path_context(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" at path ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}
