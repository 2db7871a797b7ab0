import ArgumentParser
import Foundation
import SentinelForecast

/// `sentinel anomalies`: scores every point of a series online, in the Numenta Anomaly
/// Benchmark layout.
struct AnomaliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomalies",
        abstract: "Score each point of a series for anomalies, online (from the past only).",
        discussion: """
            Input: timestamp,value rows (header optional, LF or CRLF line ends, times in seconds \
            since 1970 or YYYY-MM-DD HH:MM:SS UTC). Rows are scored in file order as they come: \
            duplicate times, uneven spacing, gaps and negative values are all accepted, and a \
            value that is not a number scores 0. Output: timestamp,value,anomaly_score,label, \
            one row per input row, the timestamps written as they were read, label 1 where the \
            score reaches --threshold.

            How (docs/anomalies.md has the details and the measurements): each value is compared \
            with the trailing --window of values by four signals — a spike against the mean and \
            spread, a shift of the mean of the last 20 values, a new extreme beyond the window's \
            range, and, with a season, the last five seasonal differences (one and seven seasons \
            back) against their own spread. A long memory of the last 4,000 values' range damps \
            the first three (×0.2) for a value the series has reached before and raises them \
            (×1.5) beyond it, from the 2,000th value on. The largest becomes a score in [0, 1); \
            after a point reaches --threshold the next --suppression points are scaled down (one \
            change, one alarm). The first --warmup points only fill the windows and score 0.

            Examples:
              sentinel anomalies captures/series/flash-crowd-15min.csv -o scores.csv
              sentinel anomalies load.csv --threshold 0.7 --season 1
            """
    )

    @Argument(help: ArgumentHelp("A CSV file of timestamp,value rows (header optional).", valueName: "series.csv"))
    var file: String

    @Option(
        name: .long, help: ArgumentHelp("The score at and above which a point is labelled 1, strictly between 0 and 1.", valueName: "t"))
    var threshold = 0.6

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The season length in points (1: none). Default: one day of points when the median step divides a day, the day has at most 1000 points and the file covers three days, else 1.",
            valueName: "n"))
    var season: Int?

    @Option(name: .long, help: ArgumentHelp("Points that only fill the windows and score 0.", valueName: "n"))
    var warmup = AnomalyScorer.defaultWarmup

    @Option(
        name: .long,
        help: ArgumentHelp("The trailing window of values each point is compared with, in points (10 or more).", valueName: "n"))
    var window = AnomalyScorer.defaultWindow

    @Option(name: .long, help: ArgumentHelp("Points after an alarm whose scores are scaled down (0: none).", valueName: "n"))
    var suppression = AnomalyScorer.defaultSuppression

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write the scored CSV here instead of standard output.", valueName: "out.csv"))
    var output: String?

    func validate() throws {
        guard threshold > 0, threshold < 1 else {
            throw ValidationError("--threshold must be strictly between 0 and 1 (got \(threshold)).")
        }
        if let season, season < 1 || season > 100_000 {
            throw ValidationError("--season must be between 1 and 100000 (got \(season)); 1 means no season.")
        }
        guard warmup >= 1, warmup <= 10_000_000 else { throw ValidationError("--warmup must be between 1 and 10000000 (got \(warmup)).") }
        guard window >= 10, window <= 1_000_000 else { throw ValidationError("--window must be between 10 and 1000000 (got \(window)).") }
        guard suppression >= 0, suppression <= 1_000_000 else {
            throw ValidationError("--suppression must be between 0 and 1000000 (got \(suppression)).")
        }
    }

    func run() throws {
        let rows: SeriesRows
        let points: [AnomalyPoint]
        do {
            rows = try SeriesRows(csvFile: file)
            let scorer = AnomalyScorer(
                season: season ?? SeasonDefault.season(for: rows), threshold: threshold,
                warmup: warmup, window: window, suppression: suppression)
            points = try scorer.score(values: rows.values, times: rows.times)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        var text = "timestamp,value,anomaly_score,label\n"
        text.reserveCapacity(points.count * 48)
        for (index, point) in points.enumerated() {
            text += "\(rows.timeTexts[index]),\(point.value),\(String(format: "%.6f", point.score)),\(point.isAnomaly ? 1 : 0)\n"
        }
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                Console.error("\(output): cannot write: \((error as NSError).localizedDescription)")
                throw ExitCode(2)
            }
            let flagged = points.filter(\.isAnomaly).count
            Console.error("\(points.count) points scored, \(flagged) labelled anomalous; wrote \(output)")
        } else {
            Console.output(text)
        }
    }
}
