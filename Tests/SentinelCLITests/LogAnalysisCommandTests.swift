import Foundation
import SentinelTestSupport
import Testing

@Suite("sentinel analyze --log")
struct LogAnalysisCommandTests {
    /// Combined format with nginx's request and upstream times, one broken line.
    static let log = """
        10.0.0.1 - - [29/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8" 0.010 0.008
        10.0.0.2 - - [29/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 404 100 "-" "curl/8" 0.002 0.001
        10.0.0.1 - - [29/Nov/2026:10:00:01 +0000] "GET /slow HTTP/1.1" 502 0 "-" "curl/8" 3.500 3.499
        this line is not a log line
        10.0.0.3 - - [29/Nov/2026:10:00:01 +0000] "POST /form HTTP/1.1" 200 2048 "-" "Mozilla" 0.120 0.100

        """

    @Test("text, JSON and CSV outputs; the broken line is counted and quoted with its line number")
    func outputs() throws {
        try TemporaryDirectory.with { dir in
            let path = try dir.write(Self.log, to: "access.log")
            let text = try SentinelProcess.run(["analyze", "--log", path])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("(combined)"))
            #expect(text.stdout.contains("requests 4"))
            #expect(text.stdout.contains("skipped 1"))
            #expect(text.stdout.contains("\(path):4:"))
            let json = try SentinelProcess.run(["analyze", "--log", path, "--format", "json"])
            let object = try #require(try json.json())
            let summary = try #require(object["log_summary"] as? [String: Any])
            #expect(summary["requests"] as? Int == 4)
            #expect(summary["malformed_total"] as? Int == 1)
            let windows = try #require(object["log_windows"] as? [[String: Any]])
            #expect(windows.count == 2)
            #expect(windows[1]["status_5xx_share"] as? Double == 0.5)
            #expect((windows[1]["latency_p99_ms"] as? Double ?? 0) > 3400)
            #expect(windows[1]["slow_request_share"] as? Double == 0.5)
            let csv = try SentinelProcess.run(["analyze", "--log", path, "--format", "csv"])
            let lines = csv.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("start,end,requests,requests_per_s,status_2xx_share") == true)
            #expect(lines.count == 3)
        }
    }

    @Test("the shipped log model: an error spike is one run of error_spike windows; text, JSON and CSV carry verdicts")
    func classified() throws {
        let path = SharedData.packageRoot + "/captures/logs/errors_60pct_35rps.log"
        let json = try SentinelProcess.run(["analyze", "--log", path, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try json.json())
        let detection = try #require(object["log_detection"] as? [String: Any])
        #expect((detection["model"] as? String)?.hasSuffix("models/logs.json") == true)
        let runs = try #require(detection["runs"] as? [[String: Any]])
        #expect(runs.count == 1, "\(runs)")
        #expect(runs.first?["class"] as? String == "error_spike")
        #expect((runs.first?["windows"] as? Int ?? 0) >= 25)
        #expect((runs.first?["explanation"] as? [String])?.isEmpty == false)
        let windows = try #require(object["log_windows"] as? [[String: Any]])
        #expect(windows.allSatisfy { $0["verdict"] is String && $0["p_error_spike"] is Double })
        let text = try SentinelProcess.run(["analyze", "--log", path])
        #expect(text.stdout.contains("Log detection (") && text.stdout.contains("error_spike"), "\(text.stdout)")
        let csv = try SentinelProcess.run(["analyze", "--log", path, "--format", "csv"])
        let header = try #require(csv.stdout.split(separator: "\n").first)
        #expect(header.hasSuffix(",verdict,confidence,p_error_spike,p_latency_degradation,p_normal"))
        let plain = try SentinelProcess.run(["analyze", "--log", path, "--format", "csv", "--no-model"])
        #expect(plain.stdout.split(separator: "\n").first?.contains("verdict") == false)
        let wrong = try SentinelProcess.run(["analyze", "--log", path, "--log-model", SharedData.packageRoot + "/models/default.json"])
        #expect(wrong.status == 2 && wrong.stderr.contains("default.json"), "\(wrong.stderr)")
    }

    @Test("evaluate --logs measures the log model on labelled logs")
    func evaluateLogs() throws {
        let root = SharedData.packageRoot
        let result = try SentinelProcess.run([
            "evaluate", "--model", root + "/models/logs.json", "--logs", root + "/captures/logs",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try result.json())
        let f1 = try #require((object["metrics"] as? [String: Any])?["macro_f1"] as? Double)
        #expect(f1 > 0.9, "fitted on these logs, so near perfect: \(f1)")
    }

    @Test("a file in no known format, and a missing file, end with exit 2 naming the file")
    func badLogs() throws {
        try TemporaryDirectory.with { dir in
            let path = try dir.write("hello\nworld\n", to: "notes.txt")
            let unknown = try SentinelProcess.run(["analyze", "--log", path])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("\(path): not an access log"))
            let missing = try SentinelProcess.run(["analyze", "--log", dir.file("none.log")])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("none.log: cannot read the log"))
        }
    }

    @Test("all of the real Apache log is read", .enabled(if: SharedData.isAvailable, "needs ../shared/logs-real"))
    func realLog() throws {
        let result = try SentinelProcess.run([
            "analyze", "--log", SharedData.path + "/logs-real/apache_combined.log",
            "--window", "60", "--format", "json",
        ])
        #expect(result.status == 0)
        let object = try #require(try result.json())
        let summary = try #require(object["log_summary"] as? [String: Any])
        #expect(summary["lines"] as? Int == 10_000)
        #expect(summary["requests"] as? Int == 9_999)
    }
}
