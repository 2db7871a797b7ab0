import SentinelCapture
import SentinelFeatures

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Runs the pipeline on a live interface: windows close on wall-clock time even when no
/// packet arrives, capture counters are reported periodically, and a stop request (signal)
/// ends the run with the open window finished and a final summary.
package final class LiveMonitor {
    /// Limits that end a run by themselves.
    package struct Limits: Sendable {
        /// Stop after this many frames.
        package var maxFrames: UInt64?
        /// Stop after this many seconds.
        package var duration: Double?
        /// Creates no limits.
        package init() {}
    }

    private let source: LivePacketSource
    private let analyzer: Analyzer

    /// Opens the capture (privilege and filter errors are thrown here, before any work).
    package init(
        capture: LiveCaptureOptions, analysis: AnalysisOptions,
        onFlow: ((FlowRecord) -> Void)? = nil, onWindow: @escaping (WindowRecord) -> Void
    ) throws {
        self.source = try LivePacketSource(options: capture)
        self.analyzer = Analyzer(options: analysis, onFlow: onFlow, onWindow: onWindow)
    }

    /// Warnings from opening the capture.
    package var warnings: [String] { source.warnings }

    /// Captures until `shouldStop` returns true or a limit is reached.
    /// - Parameters:
    ///   - statsInterval: seconds between `onStats` calls (0 disables them).
    ///   - onStats: receives `pcap_stats` counters periodically.
    package func run(
        limits: Limits = .init(), statsInterval: Double = 10,
        shouldStop: () -> Bool, onStats: (CaptureStatistics) -> Void
    ) throws -> AnalysisSummary {
        let started = LiveMonitor.now()
        var nextStats = started + statsInterval
        var frames: UInt64 = 0
        loop: while !shouldStop() {
            switch try source.read() {
            case .frame(let frame):
                analyzer.ingest(frame)
                frames += 1
                if let max = limits.maxFrames, frames >= max { break loop }
            case .timeout:
                break
            case .end:
                break loop
            }
            let now = LiveMonitor.now()
            analyzer.tick(now: now)
            if let duration = limits.duration, now - started >= duration { break }
            if statsInterval > 0 && now >= nextStats {
                onStats(source.statistics())
                nextStats = now + statsInterval
            }
        }
        var summary = analyzer.finish(source: source)
        summary.sources = [source.options.interface]
        return summary
    }

    /// Wall-clock seconds since the epoch.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
