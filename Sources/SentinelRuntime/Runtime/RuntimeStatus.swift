import Foundation
import SentinelCapture

/// What the running sentinel shows on `/metrics` and `/api/status`: a snapshot the analysis
/// loop updates and the HTTP handlers read, under a lock.
public final class RuntimeStatus: @unchecked Sendable {
    /// One window's outcome, for `/api/status`.
    public struct WindowSummary: Sendable, Codable, Equatable {
        /// The interface or log.
        public var source: String
        /// Start and end, epoch seconds.
        public var start: Double
        /// End, epoch seconds.
        public var end: Double
        /// Packets or requests.
        public var count: Int
        /// The verdict (nil for log windows, not classified yet).
        public var verdict: String?
        /// Its probability.
        public var confidence: Double?
    }

    /// The values behind the metrics.
    public struct Snapshot: Sendable {
        /// When the sentinel started.
        public var started = Date().timeIntervalSince1970
        /// Frames, bytes and IP packets per interface.
        public var frames: [String: UInt64] = [:]
        /// Wire bytes per interface.
        public var bytes: [String: UInt64] = [:]
        /// Damaged frames per reason.
        public var malformed: [String: UInt64] = [:]
        /// Frames dropped by a full analysis queue, per interface.
        public var queueDrops: [String: UInt64] = [:]
        /// Packets the kernel dropped before libpcap read them (`pcap_stats` `ps_drop`), per interface.
        public var kernelDrops: [String: UInt64] = [:]
        /// Packets the interface or driver dropped (`pcap_stats` `ps_ifdrop`), per interface.
        public var interfaceDrops: [String: UInt64] = [:]
        /// Access-log lines read, per log path.
        public var logLines: [String: UInt64] = [:]
        /// Access-log lines skipped because they did not parse, per reason.
        public var logLinesSkipped: [String: UInt64] = [:]
        /// Planner actions decided, per `kind/mode`.
        public var actions: [String: UInt64] = [:]
        /// Windows per verdict.
        public var windowsByVerdict: [String: UInt64] = [:]
        /// Incidents open now.
        public var openIncidents = 0
        /// Alerts waiting in the outbox.
        public var outboxDepth = 0
        /// Alerts delivered.
        public var alertsDelivered: UInt64 = 0
        /// Failed delivery attempts.
        public var alertFailures: UInt64 = 0
        /// Seconds between the end of the last closed window and its processing.
        public var analysisLag: Double = 0
        /// The latest windows, newest last (at most 20).
        public var recent: [WindowSummary] = []
        /// Open incidents as `class@target`.
        public var incidents: [String] = []

        /// Adds a window to ``recent``, keeping the latest 20.
        public mutating func remember(_ window: WindowSummary) {
            recent.append(window)
            if recent.count > 20 { recent.removeFirst(recent.count - 20) }
        }
    }

    private let lock = NSLock()
    private var snapshot = Snapshot()

    /// Creates an empty status.
    public init() {}

    /// Changes the snapshot under the lock.
    public func update(_ body: (inout Snapshot) -> Void) {
        lock.lock()
        body(&snapshot)
        lock.unlock()
    }

    /// A copy of the snapshot.
    public var current: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return snapshot
    }
}
