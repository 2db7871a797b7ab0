/// Why a load series could not be read or used. Reading collects every problem of a file
/// before failing, so a user sees them all at once.
public enum SeriesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One problem at one line of the source.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        /// The line (from 1), or 0 when the problem concerns the whole series.
        public var line: Int
        /// What is wrong, and what to do.
        public var message: String

        /// Creates a problem.
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { line > 0 ? "line \(line): \(message)" : message }
    }

    /// The file could not be read.
    case cannotRead(source: String, reason: String)
    /// The source holds problems (each with its line).
    case invalid(source: String, problems: [Problem])
    /// The series has fewer points than a method or a backtest needs.
    case tooShort(source: String, points: Int, needed: Int, purpose: String)

    public var description: String {
        switch self {
        case let .cannotRead(source, reason):
            return "\(source): cannot read: \(reason)"
        case let .invalid(source, problems):
            let shown = problems.prefix(20).map { $0.line > 0 ? "\(source):\($0.line): \($0.message)" : "\(source): \($0.message)" }
            let more = problems.count > 20 ? ["\(source): … and \(problems.count - 20) more problems"] : []
            return (shown + more).joined(separator: "\n")
        case let .tooShort(source, points, needed, purpose):
            return "\(source): \(points) points: \(purpose) needs at least \(needed)"
        }
    }
}
