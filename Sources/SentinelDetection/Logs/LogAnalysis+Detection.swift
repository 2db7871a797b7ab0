import SentinelCapture
import SentinelFeatures

extension LogAnalysis {
    /// Analyses `paths` (as ``run(paths:format:parser:configuration:maxWindows:)``) and
    /// classifies every window with `detector` when given; with `gate`, every verdict also
    /// passes the log's own baseline. What `analyze --log` and `report --log` run.
    /// - Parameter detector: the log model and where it came from (a path or `default`).
    package static func run(
        paths: [String], format: LogFormat = .auto, parser: (any AccessLogParser)? = nil,
        configuration: LogWindowAggregator.Configuration = .init(), detector: (detector: LogWindowDetector, source: String)?,
        gate: SiteGate<LogWindowRecord>? = nil
    ) throws -> Result {
        var result = try run(paths: paths, format: format, parser: parser, configuration: configuration)
        if let detector { result.classify(with: detector.detector, modelSource: detector.source) }
        if var gate, result.detection != nil { result.detection!.apply(&gate, windows: &result.windows) }
        return result
    }
}
