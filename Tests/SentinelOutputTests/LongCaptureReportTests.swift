import Foundation
import SentinelDetection
import SentinelOutput
import Testing

@Suite("AnalysisReport of a day of windows")
struct LongCaptureReportTests {
    /// The mixed capture's 41 windows repeated to 86,400 one-second windows (a day), verdicts
    /// and runs with them.
    static func day() throws -> AnalysisReport.Input {
        var input = ReportFixture.input
        var analysis = try #require(input.analysis)
        var detection = try #require(input.detection)
        let base = analysis.windows, verdicts = detection.verdicts
        let origin = base[0].start
        analysis.windows = (0..<86_400).map { i in
            var w = base[i % base.count]
            w.start = origin + Double(i)
            w.end = w.start + 1
            return w
        }
        detection.verdicts = (0..<86_400).map { verdicts[$0 % verdicts.count] }
        detection.runs = AttackRun.runs(windows: analysis.windows, verdicts: detection.verdicts)
        input.analysis = analysis
        input.detection = detection
        input.logs = nil
        return input
    }

    @Test("86,400 windows: 1,490 points of 58 windows, all windows accounted for, every flood kept, under 5 MB")
    func day() throws {
        let input = try Self.day()
        let runs = try #require(input.detection?.runs.count)
        let html = AnalysisReport.html(input)
        #expect(html.utf8.count < 5_000_000, "\(html.utf8.count) bytes")
        #expect(html.contains("86,400 windows, each point = 58 windows (the last 38)"))
        let svgs = ReportFixture.svgs(in: html)
        let packets = try #require(svgs.first { $0.contains("id=\"timeline-packets\"") })
        let hover = packets.components(separatedBy: "<g class=\"hover\">")[1].components(separatedBy: "</g>")[0]
        let counts = ReportFixture.titles(in: hover).map { title -> Int in
            guard let open = title.range(of: " ("), let close = title.range(of: " windows)") else { return 1 }
            return Int(title[open.upperBound..<close.lowerBound]) ?? -1
        }
        #expect(counts.count == 1490, "\(html.utf8.count) bytes")
        #expect(counts.reduce(0, +) == 86_400)
        // Each 41-window cycle holds one 11-window flood: no flood is averaged away.
        #expect(runs == 86_400 / 41)
        #expect(packets.components(separatedBy: "<g class=\"incident-marker\">").count - 1 == runs)
        #expect(packets.contains("data-verdict=\"syn_flood\""))
        for svg in svgs { #expect(ReportFixture.xmlError(svg) == nil) }
    }

    @Test("without a model: no bands, no probabilities, and the page says the windows were not classified")
    func unclassified() {
        var input = ReportFixture.input
        input.detection = nil
        input.logs = nil
        let html = AnalysisReport.html(input)
        #expect(html.contains("Windows were not classified"))
        #expect(!html.contains("data-verdict="))
        #expect(!html.contains("id=\"probabilities\""))
        #expect(html.contains("id=\"timeline-packets\""))
    }
}
