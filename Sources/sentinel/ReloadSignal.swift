import Synchronization

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Set by SIGHUP; `sentinel run` takes it on its loop and reloads the configuration.
let reloadRequested = Atomic<Bool>(false)

/// Installs the SIGHUP handler (instead of the default, which ends the process).
enum ReloadSignal {
    static func install() {
        signal(SIGHUP) { _ in reloadRequested.store(true, ordering: .relaxed) }
        SignalMask.unblock(SIGHUP)
    }

    /// Whether a reload was asked for since the last call (clears the request).
    static func take() -> Bool { reloadRequested.exchange(false, ordering: .relaxed) }
}
