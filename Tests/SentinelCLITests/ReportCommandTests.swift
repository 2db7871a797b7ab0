import Foundation
import SentinelTestSupport
import Testing

/// `sentinel report`, `analyze --html` and `evaluate --html`.
@Suite("sentinel report")
struct ReportCommandTests {
    static let root = SharedData.packageRoot
    static let mixed = root + "/captures/mixed.pcap"
    static let log = root + "/captures/logs/errors_60pct_35rps.log"

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test("report writes one self-contained page with the timelines, the flood band and the log charts")
    func report() throws {
        try TemporaryDirectory.with { dir in
            let out = dir.file("report.html")
            let result = try SentinelProcess.run(["report", Self.mixed, "--log", Self.log, "-o", out, "--title", "Mixed"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("report: \(out) ("))
            let html = try Self.read(out)
            for id in [
                "timeline-packets", "timeline-bytes", "timeline-flows", "probabilities", "incident-1-offenders",
                "top-talkers", "protocol-mix", "destination-ports", "logs-requests", "logs-latency", "logs-probabilities",
            ] {
                #expect(html.contains("id=\"\(id)\""), "missing \(id)")
            }
            #expect(html.contains("data-verdict=\"syn_flood\""))
            #expect(html.contains("data-verdict=\"error_spike\""))
            #expect(html.contains("<title>Mixed</title>"))
            #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<script"))
        }
    }

    @Test("report of a log alone, and --max-points groups windows and says so")
    func logAloneAndGrouping() throws {
        try TemporaryDirectory.with { dir in
            let out = dir.file("logs.html")
            let logs = try SentinelProcess.run(["report", "--log", Self.log, "-o", out, "--max-points", "20"])
            #expect(logs.status == 0, "\(logs.stderr)")
            let html = try Self.read(out)
            #expect(html.contains("id=\"logs-requests\""))
            #expect(!html.contains("id=\"timeline-packets\""))
            #expect(html.contains("80 windows, each point = 4 windows"))
        }
    }

    @Test("analyze --html keeps the text report and writes the same kind of page")
    func analyzeHTML() throws {
        try TemporaryDirectory.with { dir in
            let out = dir.file("analyze.html")
            let result = try SentinelProcess.run(["analyze", Self.mixed, "--html", out])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Sentinel analysis of"))
            let html = try Self.read(out)
            #expect(html.contains("id=\"timeline-packets\"") && html.contains("id=\"destination-ports\""))
            #expect(html.contains("tcp/8080"))
        }
    }

    @Test("evaluate --html writes the confusion-matrix heat map and the per-class bars")
    func evaluateHTML() throws {
        try TemporaryDirectory.with { dir in
            let out = dir.file("evaluate.html")
            let result = try SentinelProcess.run([
                "evaluate", "--model", Self.root + "/models/default.json",
                "--captures", Self.root + "/captures", "--html", out,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let html = try Self.read(out)
            #expect(html.contains("id=\"confusion-matrix\"") && html.contains("id=\"class-scores\""))
            // The heat map holds every scored row once.
            let counts = html.components(separatedBy: "data-count=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
            let rows = result.stdout.split(separator: "\n").first { $0.hasPrefix("accuracy") }?.split(separator: " ").last.flatMap {
                Int($0)
            }
            #expect(counts.reduce(0, +) == rows)
            #expect(html.contains("data-true=\"syn_flood\" data-predicted=\"syn_flood\""))
        }
    }

    @Test("bad use: no input is a usage error; an unwritable output exits 2 naming it")
    func errors() throws {
        let none = try SentinelProcess.run(["report", "-o", "/tmp/x.html"])
        #expect(none.status == 64)
        #expect(none.stderr.contains("give at least one capture file"))
        let bad = try SentinelProcess.run(["report", Self.mixed, "-o", "/nonexistent-dir/r.html"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("/nonexistent-dir/r.html: cannot write the report"), "\(bad.stderr)")
    }
}
