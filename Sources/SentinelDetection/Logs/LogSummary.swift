/// Totals of reading access logs: lines, what was skipped and why.
public struct LogSummary: Sendable {
    /// The logs read.
    public var sources: [String] = []
    /// The format used for each log.
    public var formats: [String] = []
    /// Lines read (empty lines excluded).
    public var lines = 0
    /// Lines parsed into requests.
    public var parsed = 0
    /// Lines skipped, by reason.
    public var malformed: [String: Int] = [:]
    /// The first skipped lines as `file:line: reason`.
    public var examples: [String] = []
    /// Windows emitted.
    public var windows = 0
    /// Lines older than the open window (counted in it).
    public var lateRecords = 0
    /// Earliest and latest request time.
    public var firstTimestamp: Double?
    /// Latest request time.
    public var lastTimestamp: Double?

    /// Lines skipped in all.
    public var malformedTotal: Int { malformed.values.reduce(0, +) }

    /// Creates an empty summary.
    public init() {}
}
