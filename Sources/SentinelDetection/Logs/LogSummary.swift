/// Totals of reading access logs: lines, what was skipped and why.
package struct LogSummary: Sendable {
    /// The logs read.
    package var sources: [String] = []
    /// The format used for each log.
    package var formats: [String] = []
    /// Lines read (empty lines excluded).
    package var lines = 0
    /// Lines parsed into requests.
    package var parsed = 0
    /// Lines skipped, by reason.
    package var malformed: [String: Int] = [:]
    /// The first skipped lines as `file:line: reason`.
    package var examples: [String] = []
    /// Windows emitted.
    package var windows = 0
    /// Lines older than the open window (counted in it).
    package var lateRecords = 0
    /// Earliest and latest request time.
    package var firstTimestamp: Double?
    /// Latest request time.
    package var lastTimestamp: Double?

    /// Lines skipped in all.
    package var malformedTotal: Int { malformed.values.reduce(0, +) }

    /// How many lines were skipped, with the first reason (nil when none was).
    package var skippedNote: String? {
        guard malformedTotal > 0 else { return nil }
        return "\(malformedTotal) of \(lines) log lines skipped; first: \(examples.first ?? "")"
    }

    /// Creates an empty summary.
    package init() {}
}
