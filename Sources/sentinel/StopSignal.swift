import Synchronization

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Set by SIGINT/SIGTERM; long-running commands poll it and stop cleanly.
let stopRequested = Atomic<Bool>(false)

/// Installs handlers so Ctrl-C and SIGTERM request a clean stop instead of killing the process.
enum StopSignal {
    static func install() {
        signal(SIGINT) { _ in stopRequested.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in stopRequested.store(true, ordering: .relaxed) }
        // A long-running command whose standard output is a pipe nobody reads any more must
        // finish its shutdown (windows, outbox), not die at the final report.
        signal(SIGPIPE, SIG_IGN)
        // A parent may have started us with these signals blocked (the mask is inherited
        // across exec); a blocked SIGTERM would stay pending and the capture never stop.
        SignalMask.unblock(SIGINT, SIGTERM)
    }

    static var requested: Bool { stopRequested.load(ordering: .relaxed) }
}
