//! What the process does about itself before anything else: it holds secrets (tokens, the vault
//! key, a password) in memory, so it never writes a core dump.

/// No core dump, whatever `ulimit -c` says: `RLIMIT_CORE` 0 and, on Linux, not dumpable (which
/// also covers a `core_pattern` that pipes to a handler, and keeps other processes of the same
/// user from reading this one's memory through ptrace). A file size limit (`ulimit -f`) makes
/// writes fail (`EFBIG`, handled like a full disk) instead of killing the process. Call first
/// thing in `main`, before any thread exists.
pub fn harden_process() {
    #[cfg(unix)]
    {
        let zero = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit and signal with valid arguments; no other thread exists yet.
        unsafe {
            libc::setrlimit(libc::RLIMIT_CORE, &zero);
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        }
    }
    #[cfg(target_os = "linux")]
    // SAFETY: a plain prctl with constant arguments.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
    // Large blocks (a parsed message's decoded attachment) are mapped and unmapped at once:
    // glibc's default raises its threshold after the first large free and then keeps freed
    // blocks in each thread's arena, so the resident set grew by a message per thread.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt with a constant parameter, before any thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}
