import SentinelCapture

/// What a run of the sentinel did, for its final report.
package struct RuntimeSummary: Sendable {
    /// Windows classified, per interface or log.
    package var windows: [String: Int] = [:]
    /// Windows per verdict class.
    package var verdicts: [String: Int] = [:]
    /// Incidents opened and resolved.
    package var incidentsOpened = 0
    /// Incidents resolved.
    package var incidentsResolved = 0
    /// Alerts delivered, and failed attempts.
    package var alertsDelivered = 0
    /// Failed delivery attempts (retried later).
    package var alertFailures = 0
    /// Alerts still waiting in the outbox at the end.
    package var outboxDepth = 0
    /// Frames dropped because analysis fell behind (the queue was full).
    package var queueDrops: UInt64 = 0
    /// Capture counters per interface (kernel and interface drops).
    package var capture: [String: CaptureStatistics] = [:]
    /// Planner actions decided (taken or recommended).
    package var actions = 0
    /// Log lines read and skipped.
    package var logLines = 0
    /// Log lines that did not parse.
    package var logLinesSkipped = 0
    /// Site baselines resumed from the store (learnt before a restart) instead of learnt again.
    package var baselinesRestored = 0
    /// Times the planner took over stored state (replicas, shared blocks) on becoming the leader.
    package var plannerResumes = 0
    /// Problems that did not stop the run.
    package var warnings: [String] = []

    /// Creates an empty summary.
    package init() {}
}
