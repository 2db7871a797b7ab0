import SentinelCapture
import SentinelFeatures

/// Runs the pipeline over capture files, clock driven by packet timestamps.
public enum OfflineAnalysis {
    /// The result: totals and every window in order.
    public struct Result: Sendable {
        /// Totals.
        public var summary: AnalysisSummary
        /// Every window, oldest first.
        public var windows: [WindowRecord]
    }

    /// Analyses `paths` merged in timestamp order.
    /// - Parameters:
    ///   - filter: optional BPF filter applied to every file.
    ///   - onFlow: receives finished flows (nil skips building them).
    ///   - progress: called now and then with the share of input read (0…1) and frames so far.
    /// - Throws: ``CaptureError`` when a file cannot be opened (nothing is analysed then).
    public static func run(paths: [String], options: AnalysisOptions, filter: String? = nil,
                           onFlow: ((FlowRecord) -> Void)? = nil,
                           progress: ((Double, UInt64) -> Void)? = nil) throws -> Result {
        let source = try FilePacketSource(paths: paths, filter: filter)
        var windows: [WindowRecord] = []
        let analyzer = Analyzer(options: options, onFlow: onFlow) { windows.append($0) }
        var frames: UInt64 = 0
        try source.forEachFrame { frame in
            analyzer.ingest(frame)
            frames &+= 1
            if frames & 0xffff == 0, let progress { progress(source.progress, frames) }
        }
        var summary = analyzer.finish(source: source)
        summary.sources = paths
        return Result(summary: summary, windows: windows)
    }
}
