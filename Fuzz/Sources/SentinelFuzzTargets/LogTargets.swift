import SentinelCapture
import SentinelDetection
import SentinelFeatures

/// Access logs: each parser line by line into log windows, and whole files through the
/// offline analysis (format detection, line reading, clock-jump handling).
enum LogTargets {
    @Sendable static func combined(_ bytes: UnsafeRawBufferPointer) { lines(bytes, CombinedLogParser()) }
    @Sendable static func haproxy(_ bytes: UnsafeRawBufferPointer) { lines(bytes, HAProxyHTTPLogParser()) }
    @Sendable static func json(_ bytes: UnsafeRawBufferPointer) { lines(bytes, JSONLinesLogParser()) }

    /// The window settings of both kinds of target: a short window and a short gap bound, so
    /// that a few lines close windows and reach the gap and clock-jump paths.
    static var configuration: LogWindowAggregator.Configuration {
        var configuration = LogWindowAggregator.Configuration()
        configuration.maxGapWindows = 100
        configuration.clientLimit = 64
        return configuration
    }

    /// Every line parsed by `parser`, the records added to one aggregator in file order (the
    /// way `sentinel run` tails a log), and the format detector asked about the first lines.
    static func lines(_ bytes: UnsafeRawBufferPointer, _ parser: some AccessLogParser) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        _ = LogFormat.detect(Array(lines.prefix(20)))
        var windows = 0
        let aggregator = LogWindowAggregator(configuration: configuration) { _ in windows += 1 }
        for line in lines {
            guard case .success(let record) = parser.parse(line) else { continue }
            precondition(record.timestamp.isFinite, "a parsed record has no finite time")
            aggregator.add(record)
        }
        aggregator.finish()
        precondition(windows == aggregator.windowsEmitted, "windows handed out and counted differ")
    }

    /// The input as a log file of any format, read as `sentinel analyze --log` reads it.
    @Sendable static func analysis(_ bytes: UnsafeRawBufferPointer) {
        let path = ScratchFile.store(bytes, suffix: "log")
        do {
            let result = try LogAnalysis.run(paths: [path], configuration: configuration, maxWindows: 5_000)
            precondition(result.summary.parsed <= result.summary.lines, "more lines parsed than read")
        } catch {
            // Not an access log, or far too many windows: both are correct answers.
        }
    }
}
