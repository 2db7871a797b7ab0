import ArgumentParser
import SentinelCapture
import SentinelDetection
import SentinelFeatures
import SentinelOutput

/// Access-log options of `analyze`.
struct LogArguments: ParsableArguments {
    @Option(
        name: .customLong("log"), help: ArgumentHelp("An access log to analyse (repeatable); alone or beside captures.", valueName: "file"))
    var logs: [String] = []

    @Option(
        name: .long,
        help: "Log format: auto (detected from the first lines), combined, haproxy, json (nginx's names), caddy, traefik or envoy.")
    var logFormat: LogFormat = .auto

    @Option(
        name: .long,
        help: ArgumentHelp(
            "JSON key names over the format's preset: key=name,… with keys \(JSONLinesLogParser.FieldNames.keys.joined(separator: ", ")) "
                + "(a.b reaches into nested objects; duration_unit s, ms, us or ns).",
            valueName: "spec"))
    var logFields: String?

    @Option(name: .long, help: "Seconds after which a request counts as slow.")
    var slowThreshold: Double = 1

    @Option(name: .long, help: ArgumentHelp("Write the log windows CSV (start,end,requests,features…) to this file.", valueName: "file"))
    var logWindowsOut: String?

    func validate() throws {
        guard slowThreshold > 0 else { throw ValidationError("--slow-threshold must be positive") }
        if logFields != nil {
            guard logFormat == .auto || logFormat.fieldNames != nil else {
                throw ValidationError("--log-fields names JSON keys: use it with --log-format json, caddy, traefik or envoy")
            }
            _ = try parser()
        }
    }

    /// The parser `--log-fields` asks for (nil without it).
    func parser() throws -> JSONLinesLogParser? {
        guard let logFields else { return nil }
        do {
            return JSONLinesLogParser(fields: try (logFormat.fieldNames ?? .nginx).applying(logFields))
        } catch {
            throw ValidationError("--log-fields: \(error)")
        }
    }

    /// Reads the logs (nil without --log) and classifies their windows with `detector`
    /// (``LogAnalysis/run(paths:format:parser:configuration:detector:gate:)``); notes skipped
    /// lines and writes `--log-windows-out`. With `gate`, every verdict also passes the log's
    /// own baseline.
    /// - Throws: ``CommandFailure`` naming a log or an output file that cannot be used.
    func analyse(
        window: Double, detector: (detector: LogWindowDetector, source: String)?, gate: SiteGate<LogWindowRecord>? = nil
    ) throws -> LogAnalysis.Result? {
        guard !logs.isEmpty else { return nil }
        var configuration = LogWindowAggregator.Configuration()
        configuration.window = window
        configuration.slowThreshold = slowThreshold
        do {
            let result = try LogAnalysis.run(
                paths: logs, format: logFormat, parser: try parser(), configuration: configuration, detector: detector, gate: gate)
            if let note = result.summary.skippedNote { Console.error("note: \(note)") }
            if let path = logWindowsOut { try LineFileWriter.write(LogReport.csv(result), to: path) }
            return result
        } catch {
            throw CommandFailure(error)
        }
    }
}

extension LogFormat: ExpressibleByArgument {}
