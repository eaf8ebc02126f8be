//! Opening files safely: only regular files (or symlinks to one) are opened, never a FIFO, a
//! device or a socket that could block or stream forever, and what is read is capped.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

/// The most a store (or an imported CSV file) may hold. The largest real stores are a few MB
/// (a 10,000-person store is about 10 MB), so this only stops a wrong path such as `/dev/zero`
/// or a huge unrelated file from eating the machine's memory.
pub const MAX_READ_BYTES: u64 = 256 * 1024 * 1024;

/// What kind of file this is, in words, for an error message.
fn kind_of(t: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        return "a folder";
    }
    "not a regular file"
}

/// The error for a path that is not a regular file, e.g. "it is a FIFO (named pipe), not a
/// regular file".
pub(super) fn not_regular(t: fs::FileType) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {}, not a regular file", kind_of(t)),
    )
}

/// Opens `path` for reading only if it is a regular file (symlinks followed). The type is
/// checked before `open`, so a FIFO never blocks us; the open itself is non-blocking and the
/// type is checked again on the handle, so a file swapped in between is caught too.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: if a FIFO was swapped in after the check, open returns at once.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    Ok(file)
}

/// The whole of a regular file, refused (before reading) when it is larger than `limit` bytes.
pub fn read_capped(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    read_capped_from(file, limit)
}

/// Reads an already opened file up to `limit` bytes; a file over the limit (also one that grows
/// while being read) is an error, never a partial read.
pub(super) fn read_capped_from(file: File, limit: u64) -> io::Result<Vec<u8>> {
    let len = file.metadata()?.len();
    if len > limit {
        return Err(too_large(len, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_large(len: u64, limit: u64) -> io::Error {
    let mib = |n: u64| n.div_ceil(1024 * 1024);
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "it is {} MiB or more, over the {} MiB limit for a store or import file (is this the \
             right file?)",
            mib(len),
            mib(limit)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("big");
        fs::write(&p, vec![b'x'; 3 * 1024 * 1024]).expect("write");
        let e = read_capped(&p, 2 * 1024 * 1024).expect_err("too big");
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
        assert!(
            e.to_string().contains("3 MiB or more, over the 2 MiB"),
            "{e}"
        );
        assert_eq!(
            read_capped(&p, 3 * 1024 * 1024)
                .expect("at the limit")
                .len(),
            3 * 1024 * 1024
        );
    }

    #[test]
    fn a_folder_is_named_as_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = read_capped(dir.path(), MAX_READ_BYTES).expect_err("folder");
        assert_eq!(e.to_string(), "it is a folder, not a regular file");
    }
}
