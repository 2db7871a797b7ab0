import Foundation

extension LoadSeries {
    /// Reads a series from a CSV file of `time,value` rows (see ``SeriesRows``) and puts it on
    /// a regular grid as ``init(rows:maxGap:)`` says.
    ///
    /// - Throws: ``SeriesError`` naming every line that cannot be read.
    public init(csvFile path: String, maxGap: Int = LoadSeries.defaultMaxGap) throws(SeriesError) {
        try self.init(rows: SeriesRows(csvFile: path), maxGap: maxGap)
    }

    /// Reads a series from CSV text (see ``init(csvFile:maxGap:)``).
    public init(csv text: String, source: String, maxGap: Int = LoadSeries.defaultMaxGap) throws(SeriesError) {
        try self.init(rows: SeriesRows(csv: text, source: source), maxGap: maxGap)
    }

    /// Puts rows as monitoring systems write them on a regular grid, and says what it changed
    /// in ``notes``:
    ///
    /// - rows whose value is missing (`nan`) or infinite are skipped;
    /// - rows out of time order are sorted (stably);
    /// - the step is the median spacing; a time off the grid moves to the nearest step;
    /// - rows that fall on the same step (duplicate timestamps included) are averaged;
    /// - up to `maxGap` consecutive missing steps are filled by linear interpolation; after a
    ///   longer gap the series restarts: the points before it are not used.
    ///
    /// - Throws: ``SeriesError/invalid(source:problems:)`` when fewer than two usable points
    ///   remain.
    public init(rows: SeriesRows, maxGap: Int = LoadSeries.defaultMaxGap) throws(SeriesError) {
        var notes: [String] = []
        let source = rows.source
        let usable = rows.values.indices.filter { rows.values[$0].isFinite }
        if usable.count < rows.count {
            let skipped = rows.values.indices.filter { !rows.values[$0].isFinite }
            notes.append("\(skipped.count) rows with a missing or infinite value skipped (first at line \(rows.lines[skipped[0]]))")
        }
        // By time; rows with the same time keep their file order.
        let order = usable.sorted { rows.times[$0] < rows.times[$1] || (rows.times[$0] == rows.times[$1] && $0 < $1) }
        let moved = zip(order, usable).filter { $0 != $1 }.map(\.1)
        if let first = moved.first {
            notes.append("\(moved.count) rows out of time order (first at line \(rows.lines[first])) sorted by time")
        }
        let distinct = Set(order.map { rows.times[$0] })
        guard distinct.count >= 2 else {
            throw .invalid(
                source: source, problems: [.init(line: 0, message: "\(distinct.count) distinct times: a series needs at least 2")])
        }
        let sortedTimes = order.map { rows.times[$0] }
        let differences = zip(sortedTimes.dropFirst(), sortedTimes).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        let step = differences[differences.count / 2]
        let start = sortedTimes[0]
        // The grid from the first time to the last must fit: a time far from the others (a
        // value in the time column, a step of nanoseconds) would put a point beyond Int's range
        // (the fuzzer's finding, issue 16).
        let steps = (sortedTimes[sortedTimes.count - 1] - start) / step
        guard steps <= Double(Self.maxGridSteps) else {
            throw .invalid(
                source: source,
                problems: [
                    .init(
                        line: rows.lines[order[order.count - 1]],
                        message:
                            "the times span \(String(format: "%.3g", steps)) steps of \(Self.describe(step: step)) "
                            + "(at most \(Self.maxGridSteps)): a time far from the others?")
                ])
        }

        var slotValues: [(slot: Int, value: Double, share: Double, rows: Int, line: Int)] = []
        var offGrid: [Int] = []
        var merged: [Int] = []
        for index in order {
            let position = (rows.times[index] - start) / step
            let slot = Int(position.rounded())
            if abs(position - Double(slot)) > 0.01 { offGrid.append(rows.lines[index]) }
            let share = rows.attackShare?[index] ?? 0
            if let last = slotValues.last, last.slot == slot {
                merged.append(rows.lines[index])
                let n = Double(last.rows)
                slotValues[slotValues.count - 1] = (
                    slot, (last.value * n + rows.values[index]) / (n + 1),
                    (last.share * n + share) / (n + 1), last.rows + 1, last.line
                )
            } else {
                slotValues.append((slot, rows.values[index], share, 1, rows.lines[index]))
            }
        }
        if !offGrid.isEmpty {
            notes.append(
                "\(offGrid.count) times off the \(Self.describe(step: step)) grid (first at line \(offGrid[0])) moved to the nearest step")
        }
        if !merged.isEmpty {
            notes.append(
                "\(merged.count) rows on a step already taken (duplicate or near-duplicate times, first at line \(merged[0])) averaged with it"
            )
        }
        var firstKept = 0
        for k in slotValues.indices.dropFirst() {
            let missing = slotValues[k].slot - slotValues[k - 1].slot - 1
            if missing > maxGap {
                notes.append(
                    "gap of \(missing) missing points before line \(slotValues[k].line) (more than \(maxGap) are not filled): "
                        + "the series restarts there, the \(k - firstKept) points before it are not used")
                firstKept = k
            }
        }
        let kept = slotValues[firstKept...]
        guard kept.count >= 2 else {
            throw .invalid(
                source: source,
                problems: [
                    .init(
                        line: 0,
                        message:
                            "\(kept.count) point after the last gap longer than \(maxGap) points: a series needs at least 2 (allow a longer gap with --max-gap)"
                    )
                ])
        }
        let base = kept.first!.slot
        try self.init(
            name: source, times: kept.map { start + Double($0.slot - base) * step + Double(base) * step },
            values: kept.map(\.value), attackShare: rows.attackShare == nil ? nil : kept.map(\.share),
            lines: kept.map(\.line), timeFormat: rows.timeFormat, maxGap: maxGap)
        self.notes = notes
    }
}
