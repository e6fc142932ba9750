//! The bundle as one `.zip` (`wangluo package --zip FILE`): the same files at the same paths,
//! so that unzipping gives the directory `-o DIR` writes, byte for byte. Deterministic like the
//! directory: entries sorted by path, every timestamp the zip format's first day (1980-01-01
//! 00:00), permissions 0644, deflate at a fixed level (a gzip file stored as it is), no extra
//! fields, no comment.

use crate::dataset::dumps::ReleaseFile;
use crate::error::{Error, Result};
use std::io::{Cursor, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The zip archive of `files`, in memory.
pub fn zip_bytes(files: &[ReleaseFile]) -> std::io::Result<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut sorted: Vec<&ReleaseFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for file in sorted {
        // A gzip file is stored as it is: deflating it again would gain nothing.
        let method = if file.gzip {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let level = (method == CompressionMethod::Deflated).then_some(6);
        let options = options.compression_method(method).compression_level(level);
        zip.start_file(file.path.as_str(), options)?;
        zip.write_all(&file.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Writes the archive to `path` atomically. An existing file is refused unless `force`.
pub fn write_zip(path: &Path, files: &[ReleaseFile], force: bool) -> Result<()> {
    if path.exists() && !force {
        return Err(Error::InvalidOption {
            option: format!("zip archive {}", path.display()),
            reason: "the file exists (replacing it must be asked for)".to_owned(),
        });
    }
    let bytes = zip_bytes(files).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    crate::util::atomic::write_file(path, |out| {
        out.write_all(&bytes).map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
    })
}
