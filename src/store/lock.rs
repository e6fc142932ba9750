//! Who holds a store: RocksDB lets one process at a time open a store for writing, holding a
//! POSIX lock on its `LOCK` file, and answers any other with "While lock file: … Resource
//! temporarily unavailable". The lock does not say whose it is; on Linux `/proc/locks` does (by
//! the file's device and inode), and `/proc/PID/cmdline` what that process is.

use std::path::Path;

/// Whether an error of oxigraph's `Store::open` is RocksDB refusing a lock held by another
/// process.
pub fn is_lock_error(message: &str) -> bool {
    message.contains("lock file") || message.contains("LOCK:")
}

/// Who holds the write lock of the store in `dir`: `process PID (its command line)` when the
/// system says, else `another process`.
pub fn holder(dir: &Path) -> String {
    match lock_pid(&dir.join("LOCK")) {
        Some(pid) => match command_line(pid) {
            Some(command) => format!("process {pid} ({command})"),
            None => format!("process {pid}"),
        },
        None => "another process".to_owned(),
    }
}

/// The process holding a POSIX lock on `file`, from `/proc/locks` (lines like
/// `1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 0 EOF`: pid, then major:minor:inode with the
/// device numbers in hexadecimal).
#[cfg(target_os = "linux")]
fn lock_pid(file: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let metadata = std::fs::metadata(file).ok()?;
    let dev = metadata.dev();
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    let wanted = format!("{major:02x}:{minor:02x}:{}", metadata.ino());
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // A lock someone waits for (`->` after the number) has one field more.
        let fields = if fields.get(1) == Some(&"->") {
            &fields[1..]
        } else {
            &fields[..]
        };
        let (pid, id) = (fields.get(4)?, fields.get(5)?);
        (*id == wanted).then(|| pid.parse().ok()).flatten()
    })
}

#[cfg(not(target_os = "linux"))]
fn lock_pid(_: &Path) -> Option<u32> {
    None
}

/// The command line of a process, arguments separated by spaces, shortened to 80 characters.
fn command_line(pid: u32) -> Option<String> {
    let bytes = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let words: Vec<String> = bytes
        .split(|&b| b == 0)
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    let mut words = words.into_iter();
    // The program by its name, not its path.
    let program = words.next()?;
    let program = Path::new(&program)
        .file_name()
        .map_or(program.clone(), |n| n.to_string_lossy().into_owned());
    let line = std::iter::once(program)
        .chain(words)
        .collect::<Vec<_>>()
        .join(" ");
    Some(if line.chars().count() > 80 {
        format!("{}…", line.chars().take(79).collect::<String>())
    } else {
        line
    })
}
