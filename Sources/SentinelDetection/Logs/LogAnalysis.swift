import Foundation
import SentinelCapture
import SentinelFeatures

/// Reads access logs offline into log windows: every line parsed or counted and skipped with
/// its file, line and reason; the clock is the requests' own timestamps.
package enum LogAnalysis {
    /// The result: totals and every window in order.
    package struct Result: Sendable {
        /// Totals.
        package var summary: LogSummary
        /// Every window, oldest first.
        package var windows: [LogWindowRecord]
        /// The verdicts of a log model, when one classified the windows.
        package var detection: LogDetection?

        /// Classifies every window with `detector` (sets ``detection``).
        package mutating func classify(with detector: LogWindowDetector, modelSource: String) {
            detection = LogDetection(windows: windows, detector: detector, modelSource: modelSource)
        }
    }

    /// Why a log could not be read at all.
    package enum Failure: Error, CustomStringConvertible {
        /// The file could not be opened.
        case cannotRead(path: String, reason: String)
        /// No known format reads its first lines.
        case unknownFormat(path: String)
        /// More than `limit` windows of `window` seconds: the window is far too short.
        case tooManyWindows(path: String, limit: Int, window: Double)

        package var description: String {
            switch self {
            case let .cannotRead(path, reason): return "\(path): cannot read the log: \(reason)"
            case let .unknownFormat(path):
                return "\(path): not an access log this sentinel reads (combined/common, HAProxy httplog, JSON lines); give --log-format"
            case let .tooManyWindows(path, limit, window):
                return "\(path): more than \(limit) windows of \(window) s; give a longer --window"
            }
        }
    }

    /// How many skipped lines are quoted in the summary.
    package static let exampleLimit = 10
    /// The reason counted for a line dated far from its neighbours (a clock jump the next
    /// line did not confirm), which is skipped.
    package static let clockJumpReason = "clock jump"

    /// Analyses `paths` one after the other (each log's lines in file order), read by `parser`
    /// when given (JSON logs with their own field names), else by `format`'s.
    /// - Parameter maxWindows: most windows kept (all are held in memory); beyond it the
    ///   analysis stops with ``Failure/tooManyWindows(path:limit:window:)``.
    package static func run(
        paths: [String], format: LogFormat = .auto, parser given: (any AccessLogParser)? = nil,
        configuration: LogWindowAggregator.Configuration = .init(),
        maxWindows: Int = OfflineAnalysis.defaultMaxWindows
    ) throws -> Result {
        var summary = LogSummary()
        var windows: [LogWindowRecord] = []
        let aggregator = LogWindowAggregator(configuration: configuration) { windows.append($0) }
        for path in paths {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw Failure.cannotRead(
                    path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
            }
            defer { try? handle.close() }
            var chosen: LogFormat? = format == .auto && given == nil ? nil : format
            var parser = given ?? format.parser
            var lineNumber = 0
            var pending: [(line: Substring, number: Int)] = []
            /// The line held by the aggregator as a possible clock jump.
            var held: (number: Int, timestamp: Double)?
            func consume(_ line: Substring, _ number: Int, _ parser: any AccessLogParser) {
                summary.lines += 1
                switch parser.parse(line) {
                case .success(let record):
                    summary.parsed += 1
                    let jumpsBefore = aggregator.clockJumpRecordsSkipped
                    aggregator.add(record)
                    if let earlier = held {
                        if aggregator.clockJumpRecordsSkipped > jumpsBefore {
                            // The held line was an outlier: skipped, and not part of the time range.
                            summary.parsed -= 1
                            summary.malformed[clockJumpReason, default: 0] += 1
                            if summary.examples.count < exampleLimit {
                                summary.examples.append(
                                    "\(path):\(earlier.number): \(clockJumpReason): dated \(Int(earlier.timestamp - record.timestamp)) s from the next line"
                                )
                            }
                        } else {
                            summary.include(earlier.timestamp)
                        }
                    }
                    held = aggregator.heldJumpTime == record.timestamp ? (number, record.timestamp) : nil
                    if held == nil { summary.include(record.timestamp) }
                case .failure(let error):
                    summary.malformed[error.kind, default: 0] += 1
                    if summary.examples.count < exampleLimit { summary.examples.append("\(path):\(number): \(error)") }
                }
            }
            try LineReader.forEachLine(handle: handle, path: path) { line in
                if windows.count > maxWindows {
                    throw Failure.tooManyWindows(path: path, limit: maxWindows, window: configuration.window)
                }
                lineNumber += 1
                let trimmed = line.last == "\r" ? line.dropLast() : line
                if trimmed.isEmpty { return }
                if let parser {
                    consume(trimmed, lineNumber, parser)
                    return
                }
                // Auto: hold the first lines until the format is known.
                pending.append((trimmed, lineNumber))
                if pending.count >= 20 {
                    chosen = try LogAnalysis.decide(pending.map(\.line), path: path)
                    parser = chosen!.parser
                    for held in pending { consume(held.line, held.number, parser!) }
                    pending = []
                }
            }
            if parser == nil && !pending.isEmpty {
                chosen = try decide(pending.map(\.line), path: path)
                parser = chosen!.parser
                for held in pending { consume(held.line, held.number, parser!) }
            }
            summary.sources.append(path)
            summary.formats.append(chosen?.rawValue ?? "empty")
        }
        aggregator.finish()
        if windows.count > maxWindows {
            throw Failure.tooManyWindows(path: paths.last ?? "", limit: maxWindows, window: configuration.window)
        }
        summary.windows = aggregator.windowsEmitted
        summary.lateRecords = aggregator.lateRecords
        return Result(summary: summary, windows: windows)
    }

    private static func decide(_ lines: [Substring], path: String) throws -> LogFormat {
        guard let format = LogFormat.detect(lines) else { throw Failure.unknownFormat(path: path) }
        return format
    }
}

extension LogSummary {
    /// Widens the time range to `timestamp`.
    mutating func include(_ timestamp: Double) {
        if firstTimestamp == nil || timestamp < firstTimestamp! { firstTimestamp = timestamp }
        if lastTimestamp == nil || timestamp > lastTimestamp! { lastTimestamp = timestamp }
    }
}
