import Foundation
import SentinelCapture

/// What the running sentinel shows on `/metrics` and `/api/status`: a snapshot the analysis
/// loop updates and the HTTP handlers read, under a lock.
package final class RuntimeStatus: @unchecked Sendable {
    /// One window's outcome, for `/api/status`.
    package struct WindowSummary: Sendable, Codable, Equatable {
        /// The interface or log.
        package var source: String
        /// Start and end, epoch seconds.
        package var start: Double
        /// End, epoch seconds.
        package var end: Double
        /// Packets or requests.
        package var count: Int
        /// The verdict (nil for log windows, not classified yet).
        package var verdict: String?
        /// Its probability.
        package var confidence: Double?
    }

    /// The values behind the metrics.
    package struct Snapshot: Sendable {
        /// When the sentinel started.
        package var started = Date().timeIntervalSince1970
        /// Frames, bytes and IP packets per interface.
        package var frames: [String: UInt64] = [:]
        /// Wire bytes per interface.
        package var bytes: [String: UInt64] = [:]
        /// Damaged frames per reason.
        package var malformed: [String: UInt64] = [:]
        /// Frames dropped by a full analysis queue, per interface.
        package var queueDrops: [String: UInt64] = [:]
        /// Packets the kernel dropped before libpcap read them (`pcap_stats` `ps_drop`), per interface.
        package var kernelDrops: [String: UInt64] = [:]
        /// Packets the interface or driver dropped (`pcap_stats` `ps_ifdrop`), per interface.
        package var interfaceDrops: [String: UInt64] = [:]
        /// Access-log lines read, per log path.
        package var logLines: [String: UInt64] = [:]
        /// Access-log lines skipped because they did not parse, per reason.
        package var logLinesSkipped: [String: UInt64] = [:]
        /// Planner actions decided, per `kind/mode`.
        package var actions: [String: UInt64] = [:]
        /// Windows per verdict.
        package var windowsByVerdict: [String: UInt64] = [:]
        /// Incidents open now.
        package var openIncidents = 0
        /// Alerts waiting in the outbox.
        package var outboxDepth = 0
        /// Store writes waiting for an unreachable database.
        package var storeBuffered = 0
        /// Store writes dropped because that buffer was full.
        package var storeWritesDropped: UInt64 = 0
        /// Whether this sentinel holds the planner lease (nil: no planner configured).
        package var plannerLeader: Bool?
        /// The sensors whose load the planner summed in its source's last window, this one
        /// included (nil: no planner, or the store could not be read).
        package var plannerSensors: Int?
        /// The replicas the planner wants (nil: no planner, no `scale` policy, or not the leader).
        package var plannerReplicas: Int?
        /// The legitimate load of the planner source's last window (attack traffic excluded).
        package var plannerLegitimateLoad: Double?
        /// The forecast of that load at the scaling horizon.
        package var plannerForecast: Double?
        /// Alerts delivered.
        package var alertsDelivered: UInt64 = 0
        /// Failed delivery attempts.
        package var alertFailures: UInt64 = 0
        /// Seconds between the end of the last closed window and its processing.
        package var analysisLag: Double = 0
        /// The latest windows, newest last (at most 20).
        package var recent: [WindowSummary] = []
        /// Open incidents as `class@target`.
        package var incidents: [String] = []

        /// Adds a window to ``recent``, keeping the latest 20.
        package mutating func remember(_ window: WindowSummary) {
            recent.append(window)
            if recent.count > 20 { recent.removeFirst(recent.count - 20) }
        }
    }

    private let lock = NSLock()
    private var snapshot = Snapshot()

    /// Creates an empty status.
    package init() {}

    /// Changes the snapshot under the lock.
    package func update(_ body: (inout Snapshot) -> Void) {
        lock.lock()
        body(&snapshot)
        lock.unlock()
    }

    /// A copy of the snapshot.
    package var current: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return snapshot
    }
}
