import Foundation
import SentinelTestSupport
import Testing

/// `analyze --log` on JSON access logs: a preset by name or detected, and key names given on
/// the command line (`--log-fields`).
@Suite("sentinel analyze --log with JSON presets and --log-fields")
struct JSONLogPresetCLITests {
    /// Traefik JSON lines: 4 requests a second for 3 seconds, one 503 a second, 1.2 s each (in ns).
    static var traefik: String {
        var text = ""
        for second in 0..<3 {
            for request in 0..<4 {
                let status = request == 0 ? 503 : 200
                text +=
                    #"{"ClientHost":"198.51.100.\#(request + 1)","DownstreamContentSize":612,"DownstreamStatus":\#(status),"#
                    + #""Duration":1200000000,"RequestMethod":"GET","RequestPath":"/p\#(request)","#
                    + #""StartUTC":"2026-11-29T10:00:0\#(second).\#(request)00Z","level":"info","msg":""}"# + "\n"
            }
        }
        return text
    }

    /// One log's summary and windows from `analyze --format json`.
    static func analyse(_ arguments: [String]) throws -> (summary: [String: Any], windows: [[String: Any]], stderr: String) {
        let run = try SentinelProcess.run(["analyze", "--format", "json"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try run.json(), "\(run.stdout)")
        return (
            try #require(object["log_summary"] as? [String: Any]), try #require(object["log_windows"] as? [[String: Any]]), run.stderr
        )
    }

    @Test("--log-format traefik and auto-detection read every line; durations in nanoseconds become latencies in ms")
    func traefikPreset() throws {
        try TemporaryDirectory.with { dir in
            let path = try dir.write(Self.traefik, to: "traefik.json")
            for format in [["--log-format", "traefik"], []] {
                let result = try Self.analyse(["--log", path] + format)
                #expect(result.summary["requests"] as? Int == 12 && result.summary["malformed_total"] as? Int == 0, "\(result.summary)")
                #expect(result.windows.count == 3)
                #expect(result.windows.allSatisfy { $0["status_5xx_share"] as? Double == 0.25 })
                #expect(result.windows.allSatisfy { abs(($0["latency_p95_ms"] as? Double ?? 0) - 1200) < 20 }, "\(result.windows)")
            }
            let text = try SentinelProcess.run(["analyze", "--log", path])
            #expect(text.stdout.contains("(traefik)"), "\(text.stdout)")
        }
    }

    @Test("--log-fields renames keys over the preset; an unknown key or a text format is refused naming it")
    func logFields() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("app.json")
            // nginx-like names except the time (`ts`, epoch seconds) and the duration (`rt`, in ms).
            let lines = (0..<6).map { index in
                #"{"ts":\#(1_795_000_000 + index / 2),"remote_addr":"10.0.0.\#(index)","request":"GET /x HTTP/1.1","status":200,"rt":250}"#
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let plain = try SentinelProcess.run(["analyze", "--log", path, "--log-format", "json"])
            #expect(plain.stdout.contains("skipped 6"), "without the names every line is refused: \(plain.stdout)")
            let result = try Self.analyse([
                "--log", path, "--log-format", "json", "--log-fields", "time=ts,request_time=rt,duration_unit=ms",
            ])
            #expect(result.summary["requests"] as? Int == 6 && result.summary["malformed_total"] as? Int == 0, "\(result.summary)")
            #expect(result.windows.allSatisfy { abs(($0["latency_p95_ms"] as? Double ?? 0) - 250) < 5 }, "\(result.windows)")
            let unknown = try SentinelProcess.run(["analyze", "--log", path, "--log-fields", "when=ts"])
            #expect(unknown.status != 0 && unknown.stderr.contains("--log-fields: unknown field 'when'"), "\(unknown.stderr)")
            let text = try SentinelProcess.run(["analyze", "--log", path, "--log-format", "combined", "--log-fields", "time=ts"])
            #expect(text.status != 0 && text.stderr.contains("--log-fields names JSON keys"), "\(text.stderr)")
        }
    }
}
