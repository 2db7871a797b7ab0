import Foundation
import SentinelDetection
import SentinelFeatures
import SentinelTestSupport
import Testing

/// Offline analyses hold every window in memory: beyond a bound they stop with a message
/// naming the input instead of growing until the kernel kills them (issue 16:
/// `analyze --window 1e-6` reached 6 GB).
@Suite("Analysis bounds")
struct AnalysisBoundsTests {
    static let capture = SharedData.packageRoot + "/captures/normal.pcap"
    static let log = SharedData.packageRoot + "/captures/logs/errors_10pct_10rps.log"

    @Test("a capture cut into more windows than the bound stops with TooManyWindows naming the file")
    func captureBound() throws {
        var options = AnalysisOptions()
        options.windows.window = 0.001
        options.maxWindows = 50
        do {
            _ = try OfflineAnalysis.run(paths: [Self.capture], options: options)
            Issue.record("expected TooManyWindows")
        } catch let error as OfflineAnalysis.TooManyWindows {
            #expect(error.limit == 50)
            #expect("\(error)".hasPrefix("\(Self.capture): more than 50 windows of 0.001 s"), "\(error)")
        }
        // The default bound leaves ordinary analyses alone.
        #expect(try OfflineAnalysis.run(paths: [Self.capture], options: AnalysisOptions()).windows.count > 0)
    }

    @Test("an access log cut into more windows than the bound stops naming the log")
    func logBound() throws {
        var configuration = LogWindowAggregator.Configuration()
        configuration.window = 0.001
        do {
            _ = try LogAnalysis.run(paths: [Self.log], configuration: configuration, maxWindows: 50)
            Issue.record("expected tooManyWindows")
        } catch let error as LogAnalysis.Failure {
            #expect("\(error)".hasPrefix("\(Self.log): more than 50 windows"), "\(error)")
        }
        #expect(try LogAnalysis.run(paths: [Self.log]).windows.count > 0)
    }
}
