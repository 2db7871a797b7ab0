import Foundation
import SentinelOutput
import SentinelTestSupport
import Testing

@Suite("AnalysisReport on the bundled mixed capture")
struct AnalysisReportTests {
    @Test("the saved page has the timelines, series, legends, the syn_flood band and the incident")
    func content() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("report.html")
            try ReportFile.write(AnalysisReport.html(ReportFixture.input), to: path)
            let html = try String(contentsOfFile: path, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            let ids = Set(ReportFixture.attributeValues("id", in: html))
            for id in [
                "timeline-packets", "timeline-bytes", "timeline-flows", "probabilities", "incident-1-offenders",
                "top-talkers", "protocol-mix", "destination-ports", "logs-requests", "logs-latency", "logs-errors",
                "logs-probabilities",
            ] {
                #expect(ids.contains(id), "missing chart \(id)")
            }
            let series = Set(ReportFixture.attributeValues("data-series", in: html))
            for name in [
                "packets/s", "TCP SYN/s", "bytes/s", "new flows/s", "requests/s", "p95 latency", "5xx share",
                "normal", "syn_flood", "error_spike",
            ] {
                #expect(series.contains(name), "missing series \(name)")
            }
            for legend in ["verdict: syn_flood", "verdict: error_spike", "incident start (number = incident)"] {
                #expect(html.contains(">\(legend)</text>"), "missing legend \(legend)")
            }
            #expect(html.contains("packets/s</text>"))
            #expect(html.contains("time (UTC, 2026-11-29)"))
            // The flood: one band over the 11 attack windows in each packet timeline, and incident 1.
            let bands = ReportFixture.titles(in: html).filter { $0.hasPrefix("syn_flood: ") }
            #expect(bands.count == 3)
            #expect(bands.allSatisfy { $0.contains("(11 windows)") })
            #expect(ReportFixture.attributeValues("data-verdict", in: html).filter { $0 == "syn_flood" }.count == 3)
            #expect(html.contains("Incident 1: syn_flood"))
            #expect(html.contains("127.66.7.21"))
            #expect(html.contains("tcp/8080"))
            #expect(!html.contains("Forecast"), "no planner content before the planner exists")
        }
    }

    @Test("self-contained: no external URL in src or href, no script, and every SVG is well-formed XML")
    func selfContained() throws {
        let html = AnalysisReport.html(ReportFixture.input)
        for attribute in ["src", "href", "xlink:href", "action"] {
            for value in ReportFixture.attributeValues(attribute, in: html) {
                #expect(!value.lowercased().hasPrefix("http"), "\(attribute)=\(value)")
                #expect(!value.lowercased().hasPrefix("//"), "\(attribute)=\(value)")
            }
        }
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("<script"))
        let svgs = ReportFixture.svgs(in: html)
        #expect(svgs.count == 12)
        for svg in svgs {
            #expect(ReportFixture.xmlError(svg) == nil, "\(svg.prefix(120))")
            #expect(svg.contains("<title id="))
        }
    }

    @Test("grouped for display, every window is still accounted for and the attack keeps its band")
    func downsampled() throws {
        let input = ReportFixture.input
        let windows = try #require(input.analysis?.windows.count)
        let html = AnalysisReport.html(input, maxPoints: 10)
        #expect(html.contains("each point = 5 windows (the last 1)"))
        let packets = try #require(ReportFixture.svgs(in: html).first { $0.contains("id=\"timeline-packets\"") })
        let hover = packets.components(separatedBy: "<g class=\"hover\">")[1].components(separatedBy: "</g>")[0]
        let counts = ReportFixture.titles(in: hover).map { title -> Int in
            if let open = title.range(of: " ("), let close = title.range(of: " windows)") {
                return Int(title[open.upperBound..<close.lowerBound]) ?? -1
            }
            return 1
        }
        #expect(counts.count == 9)
        #expect(counts.reduce(0, +) == windows)
        #expect(packets.contains("data-verdict=\"syn_flood\""))
        #expect(packets.contains("data-series=\"packets/s envelope\""))
        #expect(ReportFixture.xmlError(packets) == nil)
    }

    @Test("text from the data is escaped")
    func escaping() {
        let html = AnalysisReport.html(
            AnalysisReport.Input(
                title: "a <b> & \"c\"",
                sections: [ReportSection(title: "x<y", paragraphs: ["1 & 2"], table: [["h"], ["<i>"]])]))
        #expect(html.contains("a &lt;b&gt; &amp; &quot;c&quot;"))
        #expect(html.contains("x&lt;y") && html.contains("1 &amp; 2") && html.contains("&lt;i&gt;"))
        #expect(!html.contains("<b>") && !html.contains("<i>"))
    }
}
