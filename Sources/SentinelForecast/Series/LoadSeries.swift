/// A load series on a regular time grid (requests/s, packets/s … per window), checked on
/// creation: every value finite, timestamps strictly increasing and on one step. Files as
/// monitoring systems write them (unsorted, duplicated, uneven, with gaps) are put on a grid
/// by ``init(rows:maxGap:)``, which says what it changed in ``notes``.
///
/// The step is the median spacing of the timestamps. Missing points (a gap of up to
/// ``defaultMaxGap`` steps) are filled by linear interpolation between their neighbours and
/// listed in ``filledIndices``; a longer gap, a timestamp off the grid, a duplicate or an
/// out-of-order timestamp is refused with the line that holds it.
public struct LoadSeries: Sendable, Equatable {
    /// The most consecutive missing points filled by interpolation unless told otherwise.
    public static let defaultMaxGap = 6

    /// Where the series came from (a file path or `db:NAME`), used in messages.
    public let name: String
    /// The time of each point, seconds since 1970: `start + index · step`.
    public let times: [Double]
    /// The value of each point.
    public let values: [Double]
    /// The share of each point's load attributed to attacks, in [0, 1], when known.
    public let attackShare: [Double]?
    /// The spacing of the points, in seconds.
    public let step: Double
    /// The indices of the points that were missing and filled by interpolation.
    public let filledIndices: [Int]
    /// How the source wrote timestamps (output uses the same).
    public let timeFormat: TimestampFormat
    /// What reading changed to put the rows on a grid (sorted, averaged, moved, restarted
    /// after a long gap), one sentence each; empty when nothing.
    public internal(set) var notes: [String] = []

    /// The number of points.
    public var count: Int { values.count }

    /// Checks points and puts them on a regular grid.
    ///
    /// - Parameters:
    ///   - name: the source, for messages.
    ///   - times: seconds since 1970, one per value.
    ///   - values: the load; finite.
    ///   - attackShare: optional, one per value, each in [0, 1].
    ///   - lines: the source line of each point, for messages (default: the point's index + 1).
    ///   - timeFormat: how to write the timestamps back.
    ///   - maxGap: the most consecutive missing points to interpolate.
    /// - Throws: ``SeriesError/invalid(source:problems:)`` listing every problem.
    public init(
        name: String, times: [Double], values: [Double], attackShare: [Double]? = nil, lines: [Int]? = nil,
        timeFormat: TimestampFormat = .epochSeconds, maxGap: Int = LoadSeries.defaultMaxGap
    ) throws(SeriesError) {
        precondition(times.count == values.count && (attackShare?.count ?? times.count) == times.count)
        let lineOf = { (index: Int) in lines?[index] ?? index + 1 }
        var problems: [SeriesError.Problem] = []
        if times.count < 2 {
            problems.append(.init(line: 0, message: "\(times.count) data points: a series needs at least 2"))
        }
        for index in values.indices {
            let value = values[index]
            if value.isNaN {
                problems.append(.init(line: lineOf(index), message: "value is NaN: remove the point or fill it"))
            } else if !value.isFinite {
                problems.append(.init(line: lineOf(index), message: "value is infinite"))
            }
            if let share = attackShare?[index], !(share >= 0 && share <= 1) {
                problems.append(.init(line: lineOf(index), message: "attack share \(share) is not in [0, 1]"))
            }
            if index > 0 {
                if times[index] == times[index - 1] {
                    problems.append(
                        .init(
                            line: lineOf(index),
                            message:
                                "duplicate timestamp \(timeFormat.format(times[index])) (also at line \(lineOf(index - 1))): keep one point per time"
                        ))
                } else if times[index] < times[index - 1] {
                    problems.append(
                        .init(
                            line: lineOf(index),
                            message:
                                "timestamp \(timeFormat.format(times[index])) is earlier than the one before it (line \(lineOf(index - 1))): sort the series by time"
                        ))
                }
            }
        }
        guard problems.isEmpty else { throw .invalid(source: name, problems: problems) }

        let differences = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
        let step = differences[differences.count / 2]
        let start = times[0]
        var slots: [Int] = []
        slots.reserveCapacity(times.count)
        for index in times.indices {
            let position = (times[index] - start) / step
            let slot = position.rounded()
            if abs(position - slot) > 0.01 {
                problems.append(
                    .init(
                        line: lineOf(index),
                        message:
                            "timestamp \(timeFormat.format(times[index])) is off the \(Self.describe(step: step)) grid that starts at \(timeFormat.format(start)): resample the series to one step"
                    ))
            } else if index > 0, Int(slot) - slots[slots.count - 1] - 1 > maxGap {
                let missing = Int(slot) - slots[slots.count - 1] - 1
                problems.append(
                    .init(
                        line: lineOf(index),
                        message:
                            "gap of \(missing) missing points before \(timeFormat.format(times[index])) (at most \(maxGap) are interpolated): split the series or allow a longer gap"
                    ))
            }
            slots.append(Int(slot))
        }
        guard problems.isEmpty else { throw .invalid(source: name, problems: problems) }

        var gridValues: [Double] = []
        var gridShares: [Double] = []
        var filled: [Int] = []
        gridValues.reserveCapacity(slots[slots.count - 1] + 1)
        for index in slots.indices {
            if index > 0 {
                let missing = slots[index] - slots[index - 1] - 1
                for k in 0..<missing {
                    let weight = Double(k + 1) / Double(missing + 1)
                    filled.append(gridValues.count)
                    gridValues.append(values[index - 1] + weight * (values[index] - values[index - 1]))
                    if let attackShare {
                        gridShares.append(attackShare[index - 1] + weight * (attackShare[index] - attackShare[index - 1]))
                    }
                }
            }
            gridValues.append(values[index])
            if let attackShare { gridShares.append(attackShare[index]) }
        }
        self.name = name
        self.step = step
        self.values = gridValues
        self.times = gridValues.indices.map { start + Double($0) * step }
        self.attackShare = attackShare == nil ? nil : gridShares
        self.filledIndices = filled
        self.timeFormat = timeFormat
    }

    /// The number of points in one day when the step divides a day, else nil: the natural
    /// season of a load series.
    public var pointsPerDay: Int? { Self.pointsPerDay(step: step) }

    /// The most steps a series' times may span (the grid it is put on).
    public static let maxGridSteps = 100_000_000

    /// The number of points of `step` seconds in one day when the step divides a day, else nil.
    public static func pointsPerDay(step: Double) -> Int? {
        let perDay = 86_400 / step
        // Steps shorter than a microsecond have no daily season worth a number (and 86,400 over
        // a tiny step is past Int's range).
        guard step > 0, perDay >= 2, perDay <= 86_400e6, abs(perDay - perDay.rounded()) < 1e-6 else { return nil }
        return Int(perDay.rounded())
    }

    /// `10 s`, `5 min`, `1 h` …
    static func describe(step: Double) -> String {
        // A step past Int's range (times 2^63 s apart) is printed as the number it is.
        guard step.isFinite, abs(step) < 1e15 else { return "\(step) s" }
        if step >= 3_600, step.truncatingRemainder(dividingBy: 3_600) == 0 { return "\(Int(step / 3_600)) h" }
        if step >= 60, step.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(step / 60)) min" }
        if step == step.rounded() { return "\(Int(step)) s" }
        return "\(step) s"
    }
}
