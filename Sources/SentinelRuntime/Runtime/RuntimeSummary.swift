import SentinelCapture

/// What a run of the sentinel did, for its final report.
public struct RuntimeSummary: Sendable {
    /// Windows classified, per interface or log.
    public var windows: [String: Int] = [:]
    /// Windows per verdict class.
    public var verdicts: [String: Int] = [:]
    /// Incidents opened and resolved.
    public var incidentsOpened = 0
    /// Incidents resolved.
    public var incidentsResolved = 0
    /// Alerts delivered, and failed attempts.
    public var alertsDelivered = 0
    /// Failed delivery attempts (retried later).
    public var alertFailures = 0
    /// Alerts still waiting in the outbox at the end.
    public var outboxDepth = 0
    /// Frames dropped because analysis fell behind (the queue was full).
    public var queueDrops: UInt64 = 0
    /// Capture counters per interface (kernel and interface drops).
    public var capture: [String: CaptureStatistics] = [:]
    /// Planner actions decided (taken or recommended).
    public var actions = 0
    /// Log lines read and skipped.
    public var logLines = 0
    /// Log lines that did not parse.
    public var logLinesSkipped = 0
    /// Problems that did not stop the run.
    public var warnings: [String] = []

    /// Creates an empty summary.
    public init() {}
}
