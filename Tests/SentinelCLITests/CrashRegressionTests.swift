import Foundation
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 16's crashes, through the command line: each input once trapped the binary (SIGILL,
/// exit 132); now it is counted and skipped, or refused with exit 2 naming the file.
@Suite("Crash regressions (issue 16)", .serialized)
struct CrashRegressionTests {
    static let goodLine = #"{"time":1700000000.5,"remote_addr":"10.0.0.1","path":"/","status":200}"#
    static let hugeTime = #"{"time":1e30,"remote_addr":"10.0.0.2","path":"/","status":200}"#

    @Test("analyze --log: a JSON line with time 1e30 is counted and skipped, not a trap")
    func hugeJSONTime() throws {
        try TemporaryDirectory.with { dir in
            let log = dir.file("access.jsonl")
            let lines = (0..<30).map { _ in Self.goodLine } + [Self.hugeTime] + (0..<5).map { _ in Self.goodLine }
            try (lines.joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
            let result = try SentinelProcess.run(["analyze", "--log", log, "--log-format", "json", "--no-model", "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("\(log):31: bad timestamp"), "\(result.stderr)")
            let object = try result.json()
            let summary = try #require(object?["log_summary"] as? [String: Any])
            #expect(summary["requests"] as? Int == 35, "\(summary)")
            #expect(summary["malformed_total"] as? Int == 1, "\(summary)")
        }
    }

    @Test("run: a JSON line with time 1e30 is skipped, and a restart reads on (no crash loop)")
    func runHugeJSONTime() throws {
        try TemporaryDirectory.with { dir in
            let (log, config) = try LossRegressionTests.site(in: dir, format: "json")
            let first = try SentinelProcess.run(
                ["run", "--config", config], timeout: 30,
                whileRunning: { process in
                    sleep(1)
                    if let handle = FileHandle(forWritingAtPath: log) {
                        handle.seekToEndOfFile()
                        handle.write(Data((Self.goodLine + "\n" + Self.hugeTime + "\n" + Self.goodLine + "\n").utf8))
                        handle.closeFile()
                    }
                    sleep(2)
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("log lines 3, skipped 1"), "\(first.stdout)")
            // The saved position is past the bad line: the next start reads only what is new.
            let handle = try #require(FileHandle(forWritingAtPath: log))
            handle.seekToEndOfFile()
            handle.write(Data((Self.goodLine + "\n").utf8))
            handle.closeFile()
            let second = try SentinelProcess.run(["run", "--config", config, "--duration", "2"], timeout: 20)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("log lines 1, skipped 0"), "\(second.stdout)")
        }
    }

    /// `models/default.json` with one field replaced.
    static func damagedModel(in dir: TemporaryDirectory, _ change: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: SharedData.packageRoot + "/models/default.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        change(&object)
        let path = dir.file("damaged-\(UUID().uuidString.prefix(8)).json")
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        "analyze --model: a damaged model file is refused with exit 2 naming the file and the field",
        arguments: ["confusion_matrix", "layerSizes", "featureCount", "means", "classPriors", "standardDeviations"])
    func damagedModel(field: String) throws {
        try TemporaryDirectory.with { dir in
            let path = try Self.damagedModel(in: dir) { object in
                var classifier = object["classifier"] as! [String: Any]
                var nb = classifier["naiveBayes"] as! [String: Any]
                var network = classifier["network"] as! [String: Any]
                var preprocessing = object["preprocessing"] as! [String: Any]
                var scaler = preprocessing["scaler"] as! [String: Any]
                switch field {
                case "confusion_matrix":
                    var metadata = object["metadata"] as! [String: Any]
                    var metrics = metadata["held_out_metrics"] as! [String: Any]
                    var matrix = metrics["confusion_matrix"] as! [[Int]]
                    matrix[0][0] = Int.max
                    metrics["confusion_matrix"] = matrix
                    metadata["held_out_metrics"] = metrics
                    object["metadata"] = metadata
                case "layerSizes":
                    var sizes = network["layerSizes"] as! [Int]
                    sizes[0] = 1 << 62
                    network["layerSizes"] = sizes
                case "featureCount": nb["featureCount"] = 1 << 62
                case "means": nb["means"] = Array((nb["means"] as! [Any]).dropLast())
                case "classPriors": nb["classPriors"] = Array((nb["classPriors"] as! [Any]).dropLast())
                default: scaler["standardDeviations"] = Array((scaler["standardDeviations"] as! [Any]).dropLast())
                }
                classifier["naiveBayes"] = nb
                classifier["network"] = network
                object["classifier"] = classifier
                preprocessing["scaler"] = scaler
                object["preprocessing"] = preprocessing
            }
            let result = try SentinelProcess.run(["analyze", "--model", path, SharedData.packageRoot + "/captures/normal.pcap"])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(
                result.stderr.contains(path) && result.stderr.contains("invalid model") && result.stderr.contains(field),
                "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("rules check: snaplen 4294967296 is an error with file:line:column, not a trap at start")
    func hugeSnaplen() throws {
        try TemporaryDirectory.with { dir in
            let config = try dir.write("capture:\n  interfaces: []\n  snaplen: 4294967296\n", to: "sentinel.yaml")
            let check = try SentinelProcess.run(["rules", "check", config])
            #expect(check.status == 2, "\(check.stdout)\(check.stderr)")
            #expect(check.stderr.contains("\(config):3:12: snaplen must be at most 262144 bytes"), "\(check.stderr)")
            let run = try SentinelProcess.run(["run", "--config", config, "--duration", "1"], timeout: 20)
            #expect(run.status == 2, "\(run.stderr)")
        }
    }

    @Test("run with standard output closed stops cleanly on SIGTERM (no trap writing the report)")
    func closedStandardOutput() throws {
        try TemporaryDirectory.with { dir in
            let config = try LossRegressionTests.site(in: dir, format: "json").config
            // sh runs sentinel with descriptor 1 closed: `$0` is the binary, `$@` its arguments.
            let result = try SentinelProcess.run(
                ["run", "--config", config], timeout: 30,
                prefix: ["/bin/sh", "-c", #"exec "$0" "$@" >&-"#],
                whileRunning: { process in
                    sleep(2)
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"), "\(result.stderr)")
        }
    }

    @Test("analyze --window 1e-6 is refused at once with the allowed range")
    func tinyWindow() throws {
        let result = try SentinelProcess.run(
            ["analyze", "--window", "1e-6", SharedData.packageRoot + "/captures/normal.pcap"],
            timeout: 30)
        #expect(result.status != 0 && result.status != 132)
        #expect(result.stderr.contains("--window must be from 0.001 to 86400 seconds"), "\(result.stderr)")
    }
}
