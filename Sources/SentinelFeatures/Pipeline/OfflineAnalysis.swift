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

    /// The default bound on windows per analysis: 1,000,000 (11 days of 1 s windows).
    public static let defaultMaxWindows = 1_000_000

    /// An analysis that would keep more than its bound of windows (a window far too short
    /// for the input): every window is held in memory, so it stops instead.
    public struct TooManyWindows: Error, CustomStringConvertible {
        /// The inputs analysed.
        public var paths: [String]
        /// The bound passed.
        public var limit: Int
        /// The window length in seconds.
        public var window: Double

        public var description: String {
            "\(paths.joined(separator: ", ")): more than \(limit) windows of \(window) s; give a longer --window"
        }
    }

    /// Analyses `paths` merged in timestamp order.
    /// - Parameters:
    ///   - filter: optional BPF filter applied to every file.
    ///   - onFlow: receives finished flows (nil skips building them).
    ///   - progress: called now and then with the share of input read (0…1) and frames so far.
    /// - Throws: ``CaptureError`` when a file cannot be opened (nothing is analysed then);
    ///   ``TooManyWindows`` beyond `options.maxWindows` windows.
    public static func run(
        paths: [String], options: AnalysisOptions, filter: String? = nil,
        onFlow: ((FlowRecord) -> Void)? = nil,
        progress: ((Double, UInt64) -> Void)? = nil
    ) throws -> Result {
        let source = try FilePacketSource(paths: paths, filter: filter)
        var windows: [WindowRecord] = []
        let analyzer = Analyzer(options: options, onFlow: onFlow) { windows.append($0) }
        var frames: UInt64 = 0
        try source.forEachFrame { frame in
            analyzer.ingest(frame)
            if windows.count > options.maxWindows {
                throw TooManyWindows(paths: paths, limit: options.maxWindows, window: options.windows.window)
            }
            frames &+= 1
            if frames & 0xffff == 0, let progress { progress(source.progress, frames) }
        }
        var summary = analyzer.finish(source: source)
        if windows.count > options.maxWindows {
            throw TooManyWindows(paths: paths, limit: options.maxWindows, window: options.windows.window)
        }
        summary.sources = paths
        return Result(summary: summary, windows: windows)
    }
}
