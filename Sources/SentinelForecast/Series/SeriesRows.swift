import Foundation

/// The rows of a `time,value[,attack_share]` CSV file exactly as written: in file order,
/// duplicates, gaps and uneven spacing included. ``AnomalyScorer`` scores these rows one by
/// one (one output row per input row); ``LoadSeries/init(rows:maxGap:)`` puts them on a
/// regular grid for forecasting.
///
/// - A header row is optional: the first non-empty line is a header when its first field is
///   not a timestamp (`timestamp,value` from the Numenta Anomaly Benchmark, `time,value`, …).
/// - Lines end in LF or CRLF; blank lines and lines starting with `#` are skipped.
/// - Times are seconds since 1970 or `YYYY-MM-DD HH:MM:SS` (UTC), one format per file.
/// - Values are numbers; `nan` is read (a missing value) and so are negative values.
/// - An optional third column is the attack share of the load, in [0, 1].
public struct SeriesRows: Sendable, Equatable {
    /// Where the rows came from, used in messages.
    public var source: String
    /// Each row's time, seconds since 1970.
    public var times: [Double]
    /// Each row's value.
    public var values: [Double]
    /// Each row's attack share, when the file has a third column.
    public var attackShare: [Double]?
    /// Each row's line in the source (from 1).
    public var lines: [Int]
    /// Each row's timestamp as written.
    public var timeTexts: [String]
    /// How the source wrote timestamps.
    public var timeFormat: TimestampFormat

    /// The number of rows.
    public var count: Int { values.count }

    /// Reads `path`.
    ///
    /// - Throws: ``SeriesError/cannotRead(source:reason:)``, or ``SeriesError/invalid(source:problems:)``
    ///   naming every line that cannot be read.
    public init(csvFile path: String) throws(SeriesError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(source: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(csv: String(decoding: data, as: UTF8.self), source: path)
    }

    /// Reads CSV text (see the type's documentation).
    public init(csv text: String, source: String) throws(SeriesError) {
        self.source = source
        times = []
        values = []
        lines = []
        timeTexts = []
        var shares: [Double] = []
        var problems: [SeriesError.Problem] = []
        var formats: Set<TimestampFormat> = []
        var seenFirst = false
        var columnCount: Int?
        var lineNumber = 0
        // `\.isNewline` splits "\r\n" (one Character in Swift) as well as "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if !seenFirst {
                seenFirst = true
                if TimestampFormat.parse(fields[0]) == nil {
                    columnCount = fields.count
                    continue
                }
            }
            guard fields.count == 2 || fields.count == 3 else {
                problems.append(
                    .init(line: lineNumber, message: "\(fields.count) fields: expected time,value (and optionally attack_share)"))
                continue
            }
            if let columnCount, fields.count != columnCount {
                problems.append(.init(line: lineNumber, message: "\(fields.count) fields where the header has \(columnCount)"))
                continue
            }
            guard let (time, format) = TimestampFormat.parse(fields[0]) else {
                problems.append(
                    .init(
                        line: lineNumber,
                        message: "cannot read '\(fields[0].trimmingWhitespace())' as a time (seconds since 1970 or YYYY-MM-DD HH:MM:SS)"))
                continue
            }
            let valueText = fields[1].trimmingWhitespace()
            guard let value = Double(valueText) else {
                problems.append(.init(line: lineNumber, message: "cannot read '\(valueText)' as a number"))
                continue
            }
            var share = 0.0
            if fields.count == 3 {
                let shareText = fields[2].trimmingWhitespace()
                guard let parsed = Double(shareText), parsed >= 0, parsed <= 1 else {
                    problems.append(.init(line: lineNumber, message: "attack share '\(shareText)' is not a number in [0, 1]"))
                    continue
                }
                share = parsed
            }
            formats.insert(format)
            times.append(time)
            values.append(value)
            shares.append(share)
            lines.append(lineNumber)
            timeTexts.append(String(fields[0].trimmingWhitespace()))
        }
        if formats.count > 1 {
            problems.append(.init(line: 0, message: "timestamps mix seconds since 1970 and dates: use one format"))
        }
        if problems.isEmpty, times.isEmpty {
            problems.append(.init(line: 0, message: "no data rows (expected time,value lines)"))
        }
        guard problems.isEmpty else { throw .invalid(source: source, problems: problems) }
        let hasShares = columnCount.map { $0 == 3 } ?? shares.contains { $0 != 0 }
        attackShare = hasShares ? shares : nil
        timeFormat = formats.first ?? .epochSeconds
    }

    /// The median spacing of the rows in time order (0 with fewer than two distinct times).
    public var medianStep: Double {
        let sorted = times.sorted()
        let differences = zip(sorted.dropFirst(), sorted).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        return differences.isEmpty ? 0 : differences[differences.count / 2]
    }
}
