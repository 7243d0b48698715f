//! Thread priorities: work that can wait gives way to the thread a person is waiting on.

/// Lowers the calling thread's priority to `nice` (0 is normal, 19 the lowest), so other
/// threads run first when they want the same core. Linux only; elsewhere it does nothing.
pub fn lower_priority(nice: i32) {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take plain integers; on Linux, setpriority with
    // PRIO_PROCESS and a thread id changes that thread alone.
    unsafe {
        let thread = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, thread as libc::id_t, nice);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = nice;
}
