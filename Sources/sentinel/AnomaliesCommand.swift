import ArgumentParser
import Foundation
import SentinelForecast

/// `sentinel anomalies`: scores every point of a load series online, in the Numenta
/// Anomaly Benchmark layout.
struct AnomaliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomalies",
        abstract: "Score each point of a load series for anomalies, online (from the past only).",
        discussion: """
            Input: timestamp,value (the Numenta Anomaly Benchmark layout; see `sentinel forecast --help` \
            for the accepted times and checks). Output: timestamp,value,anomaly_score,label — the \
            timestamps written as they were read, label 1 where the score reaches --threshold.

            How: Holt-Winters is fitted on a warm-up (15 % of the series, at least two seasons; \
            those points score 0). Each later point is compared with its one-step forecast: the \
            score is |e| / (|e| + w), with e the residual and w the half-width of an adaptive \
            --level prediction interval (z·σ, σ² an exponentially weighted mean of squared \
            residuals). So 0.5 is the interval's edge and 0.6 (the default threshold) is 1.5 times \
            beyond it. Residuals are clipped to ±4σ before they update the model, so a spike does \
            not mask the points after it. Every score uses only the points before it.

            Examples:
              sentinel anomalies captures/series/flash-crowd-15min.csv -o scores.csv
              sentinel anomalies load.csv --threshold 0.7 --season 1
            """
    )

    @Argument(help: ArgumentHelp("A CSV file of timestamp,value rows (header optional).", valueName: "series.csv"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The score at and above which a point is labelled 1, strictly between 0 and 1.", valueName: "t"))
    var threshold = 0.6

    @Option(name: .long, help: ArgumentHelp("The adaptive interval's coverage, strictly between 0 and 1.", valueName: "p"))
    var level = 0.99

    @Option(name: .long, help: ArgumentHelp(
        "The season length in points (1: none). Default: one day of points when the step divides a day and the series covers three days, else 1.",
        valueName: "n"))
    var season: Int?

    @Option(name: .long, help: ArgumentHelp("Points used to fit the model and not scored (default: 15 % of the series, at least two seasons).", valueName: "n"))
    var warmup: Int?

    @Option(name: .long, help: ArgumentHelp("The most consecutive missing points filled by linear interpolation.", valueName: "points"))
    var maxGap = LoadSeries.defaultMaxGap

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the scored CSV here instead of standard output.", valueName: "out.csv"))
    var output: String?

    func validate() throws {
        guard threshold > 0, threshold < 1 else { throw ValidationError("--threshold must be strictly between 0 and 1 (got \(threshold)).") }
        guard level > 0, level < 1 else { throw ValidationError("--level must be strictly between 0 and 1 (got \(level)).") }
        if let season, season < 1 { throw ValidationError("--season must be at least 1 (got \(season)); 1 means no season.") }
        if let warmup, warmup < 4 { throw ValidationError("--warmup must be at least 4 (got \(warmup)).") }
        guard maxGap >= 0 else { throw ValidationError("--max-gap must be 0 or more (got \(maxGap)).") }
    }

    func run() throws {
        let points: [AnomalyPoint]
        let series: LoadSeries
        do {
            series = try LoadSeries(csvFile: file, maxGap: maxGap)
            let scorer = AnomalyScorer(season: season ?? SeasonDefault.season(for: series), threshold: threshold,
                                       level: level, warmup: warmup)
            points = try scorer.score(series)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        var text = "timestamp,value,anomaly_score,label\n"
        for point in points {
            text += "\(series.timeFormat.format(point.time)),\(point.value),\(String(format: "%.6f", point.score)),\(point.isAnomaly ? 1 : 0)\n"
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
