import SentinelCapture
import SentinelForecast
import SentinelLearning
import SentinelPlanner
import SentinelRuntime

/// Text files other than logs: timestamps, labelled CSV, the configuration, series and traces.
enum TextTargets {
    /// Each line as a log timestamp (the combined and HAProxy form, ISO 8601) and as a series
    /// timestamp (epoch seconds or a date and time). Whatever is accepted is a finite time.
    @Sendable static func timestamps(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") {
            Array(line.utf8).withUnsafeBufferPointer { buffer in
                if let time = LogTimestamp.clf(buffer) { precondition(time.isFinite, "clf time not finite") }
                if let time = LogTimestamp.iso8601(buffer) { precondition(time.isFinite, "ISO time not finite") }
            }
            if let parsed = TimestampFormat.parse(line) { precondition(parsed.seconds.isFinite, "series time not finite") }
        }
    }

    /// A labelled CSV file, its label column the first line's last cell (so that most inputs
    /// pass the header check and reach the cells), read with either missing-value policy.
    @Sendable static func csvDataset(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        let header = text.prefix { $0 != "\n" && $0 != "\r" }
        var options = CSVDataset.Options(labelColumn: String(header.split(separator: ",").last ?? "label"))
        options.missingValues = bytes.count % 2 == 0 ? .dropRow : .imputeMean
        guard let result = try? CSVDataset.parse(text, path: "fuzz.csv", options: options) else { return }
        precondition(result.dataset.rowCount <= result.report.rowsRead, "more rows kept than read")
    }

    /// A configuration file, validated as `sentinel rules check` reads it, with its relative
    /// paths resolved against a folder.
    @Sendable static func configuration(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let configuration = try? SentinelConfiguration.parse(text, path: "fuzz.yaml") else { return }
        _ = configuration.resolvingPaths(against: "/etc/sentinel")
    }

    /// A load series as `sentinel forecast` and `sentinel anomalies` read it: rows, the
    /// regular grid, and the streaming anomaly scorer over every point.
    @Sendable static func series(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let series = try? LoadSeries(csv: text, source: "fuzz.csv") else { return }
        precondition(series.times.count == series.values.count, "times and values differ in count")
        _ = series.pointsPerDay
        var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: series.pointsPerDay ?? 1, warmup: 5, window: 50))
        for (time, value) in zip(series.times, series.values) { _ = scorer.observe(value, time: time) }
    }

    /// A planner trace, as `sentinel plan --trace` reads it.
    @Sendable static func trace(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let trace = try? LoadTrace(text: text, path: "fuzz.csv") else { return }
        precondition(trace.step.isFinite && trace.step > 0 || trace.rows.count < 2, "a trace of rows without a step")
    }
}
