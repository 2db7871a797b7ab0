#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// This thread's signal mask.
enum SignalMask {
    /// Unblocks `signals` (a parent may have started us with them blocked: the mask is
    /// inherited across exec, and a blocked signal stays pending and its handler never runs).
    static func unblock(_ signals: Int32...) {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}
