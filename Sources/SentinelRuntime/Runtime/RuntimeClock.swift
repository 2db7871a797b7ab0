import Foundation

/// Where the runtime reads the time from: the wall clock in production, a clock a test
/// moves by hand in the in-process harness (`SentinelRuntimeTesting`).
///
/// Every schedule of ``SentinelRuntime`` (deliveries, retries, leases, expiries, idle
/// windows, purges) reads this clock; only the real waits of a stop (for a webhook to
/// answer) use wall time.
package protocol RuntimeClock: Sendable {
    /// Seconds since 1970.
    func now() -> Double
}

/// The wall clock.
package struct SystemClock: RuntimeClock {
    package init() {}

    package func now() -> Double { Date().timeIntervalSince1970 }
}

/// A clock that stands still until it is moved.
package final class ManualClock: RuntimeClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double

    /// Creates a clock that reads `start` (seconds since 1970).
    package init(start: Double) {
        time = start
    }

    package func now() -> Double {
        lock.withLock { time }
    }

    /// Sets the clock to `time`.
    package func set(to newTime: Double) {
        lock.withLock { time = newTime }
    }
}
