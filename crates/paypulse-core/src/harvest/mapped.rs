//! A downloaded message's bytes for the MIME parser, in flat memory however large: a large file
//! is memory-mapped, and while it is parsed a helper hands the pages already read back to the
//! page cache (they are read again from it if touched again), so that only the parser's
//! decoded output stays resident, never the message twice.

use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Files up to this size are read into memory; larger ones are mapped.
const MAP_FROM: u64 = 4 << 20;

/// The bytes of a file, read or mapped.
pub(crate) enum Bytes {
    Read(Vec<u8>),
    #[cfg(unix)]
    Mapped(Mapping),
}

impl Bytes {
    /// Reads or maps `path` (a temporary file this process owns: nobody else truncates it
    /// while it is mapped).
    pub(crate) fn open(path: &Path) -> std::io::Result<Bytes> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        #[cfg(unix)]
        if len >= MAP_FROM {
            return Mapping::new(&file, len).map(Bytes::Mapped);
        }
        let mut bytes = Vec::with_capacity(len as usize);
        std::io::Read::read_to_end(&mut { file }, &mut bytes)?;
        Ok(Bytes::Read(bytes))
    }

    #[cfg(test)]
    fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Read(v) => v,
            #[cfg(unix)]
            Bytes::Mapped(m) => m.as_slice(),
        }
    }

    /// Runs `f` on the bytes; a mapped file's pages are handed back to the page cache every
    /// few milliseconds meanwhile.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            Bytes::Read(v) => f(v),
            #[cfg(unix)]
            Bytes::Mapped(m) => {
                let done = AtomicBool::new(false);
                std::thread::scope(|s| {
                    s.spawn(|| {
                        while !done.load(Ordering::Relaxed) {
                            std::thread::park_timeout(Duration::from_millis(2));
                            m.release();
                        }
                    });
                    let r = f(m.as_slice());
                    done.store(true, Ordering::Relaxed);
                    r
                })
            }
        }
    }
}

/// A read-only private mapping of a whole file.
#[cfg(unix)]
pub(crate) struct Mapping {
    ptr: *mut libc::c_void,
    len: usize,
}

// SAFETY: the mapping is read-only and owned; `release` only drops clean pages.
#[cfg(unix)]
unsafe impl Send for Mapping {}
#[cfg(unix)]
unsafe impl Sync for Mapping {}

#[cfg(unix)]
impl Mapping {
    fn new(file: &File, len: u64) -> std::io::Result<Mapping> {
        use std::os::fd::AsRawFd;
        let len = usize::try_from(len).map_err(std::io::Error::other)?;
        // SAFETY: a fresh read-only private mapping of a file descriptor open for reading.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                libc::MAP_PRIVATE,
                file.as_raw_fd(),
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        Ok(Mapping { ptr, len })
    }

    fn as_slice(&self) -> &[u8] {
        // SAFETY: `len` bytes mapped readable at `ptr` for as long as `self` lives.
        unsafe { std::slice::from_raw_parts(self.ptr.cast::<u8>(), self.len) }
    }

    /// Drops the mapping's resident pages: never written, they come back from the file.
    fn release(&self) {
        // SAFETY: the range is this mapping; MADV_DONTNEED on a clean private file mapping
        // keeps its contents (they are read again from the file).
        unsafe {
            libc::madvise(self.ptr, self.len, libc::MADV_DONTNEED);
        }
    }
}

#[cfg(unix)]
impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: unmapping the mapping this value owns, once.
        unsafe {
            libc::munmap(self.ptr, self.len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_reads_the_same_while_its_pages_are_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.eml");
        let data: Vec<u8> = (0..(MAP_FROM as usize + 12_345))
            .map(|i| (i * 31 % 251) as u8)
            .collect();
        std::fs::write(&path, &data).unwrap();
        let b = Bytes::open(&path).unwrap();
        assert!(matches!(b, Bytes::Mapped(_)));
        let sum = b.with(|s| {
            let mut sum = 0u64;
            for _ in 0..3 {
                sum = s.iter().map(|&x| u64::from(x)).sum();
                std::thread::sleep(Duration::from_millis(5));
            }
            sum
        });
        assert_eq!(sum, data.iter().map(|&x| u64::from(x)).sum::<u64>());
        assert_eq!(b.as_slice(), &data[..]);
        std::fs::write(&path, b"small").unwrap();
        assert_eq!(Bytes::open(&path).unwrap().as_slice(), b"small");
    }
}
