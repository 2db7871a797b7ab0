import Foundation

extension LoadSeries {
    /// Reads a series from a CSV file of `time,value` rows.
    ///
    /// - A header row is optional: the first non-empty line is taken as a header when its
    ///   first field is not a timestamp (`timestamp,value` from the Numenta Anomaly Benchmark,
    ///   `time,value`, …).
    /// - Times are seconds since 1970 or `YYYY-MM-DD HH:MM:SS` (UTC).
    /// - An optional third column is the attack share of the load, in [0, 1].
    /// - Blank lines and lines starting with `#` are skipped.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - maxGap: the most consecutive missing points to interpolate.
    /// - Throws: ``SeriesError`` naming every bad line.
    public init(csvFile path: String, maxGap: Int = LoadSeries.defaultMaxGap) throws(SeriesError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(source: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(csv: String(decoding: data, as: UTF8.self), source: path, maxGap: maxGap)
    }

    /// Reads a series from CSV text (see ``init(csvFile:maxGap:)``).
    public init(csv text: String, source: String, maxGap: Int = LoadSeries.defaultMaxGap) throws(SeriesError) {
        var times: [Double] = []
        var values: [Double] = []
        var shares: [Double] = []
        var lines: [Int] = []
        var problems: [SeriesError.Problem] = []
        var formats: Set<TimestampFormat> = []
        var seenFirst = false
        var columnCount: Int?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
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
                problems.append(.init(line: lineNumber, message: "\(fields.count) fields: expected time,value (and optionally attack_share)"))
                continue
            }
            if let columnCount, fields.count != columnCount {
                problems.append(.init(line: lineNumber, message: "\(fields.count) fields where the header has \(columnCount)"))
                continue
            }
            guard let (time, format) = TimestampFormat.parse(fields[0]) else {
                problems.append(.init(line: lineNumber, message: "cannot read '\(fields[0].trimmingWhitespace())' as a time (seconds since 1970 or YYYY-MM-DD HH:MM:SS)"))
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
                guard let parsed = Double(shareText) else {
                    problems.append(.init(line: lineNumber, message: "cannot read attack share '\(shareText)' as a number"))
                    continue
                }
                share = parsed
            }
            formats.insert(format)
            times.append(time)
            values.append(value)
            shares.append(share)
            lines.append(lineNumber)
        }
        if formats.count > 1 {
            problems.append(.init(line: 0, message: "timestamps mix seconds since 1970 and dates: use one format"))
        }
        if !problems.isEmpty {
            // Report the value problems too, so every problem of the file is listed at once.
            if times.count >= 2, case let .invalid(_, more)? = Self.problems(of: times, values, shares, lines, source: source, maxGap: maxGap) {
                problems += more
                problems.sort { $0.line < $1.line }
            }
            throw .invalid(source: source, problems: problems)
        }
        let hasShares = columnCount.map { $0 == 3 } ?? (shares.contains { $0 != 0 })
        try self.init(name: source, times: times, values: values, attackShare: hasShares ? shares : nil, lines: lines,
                      timeFormat: formats.first ?? .epochSeconds, maxGap: maxGap)
    }

    private static func problems(of times: [Double], _ values: [Double], _ shares: [Double], _ lines: [Int],
                                 source: String, maxGap: Int) -> SeriesError? {
        do {
            _ = try LoadSeries(name: source, times: times, values: values, attackShare: shares, lines: lines, maxGap: maxGap)
            return nil
        } catch {
            return error
        }
    }
}
