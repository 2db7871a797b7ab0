#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Synchronization

/// Set by SIGINT/SIGTERM; long-running commands poll it and stop cleanly.
let stopRequested = Atomic<Bool>(false)

/// Installs handlers so Ctrl-C and SIGTERM request a clean stop instead of killing the process.
enum StopSignal {
    static func install() {
        signal(SIGINT) { _ in stopRequested.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in stopRequested.store(true, ordering: .relaxed) }
    }

    static var requested: Bool { stopRequested.load(ordering: .relaxed) }
}
