import Foundation
import SentinelTestSupport
import Testing

/// `sentinel baseline` and `analyze --baseline`: the site's own normal as a second opinion.
@Suite("sentinel baseline, analyze --baseline")
struct BaselineCommandTests {
    static let captures = SharedData.packageRoot + "/captures"

    /// The verdict column of `analyze --windows-out`, counted.
    static func verdicts(_ arguments: [String], in dir: TemporaryDirectory) throws -> [String: Int] {
        let csv = dir.file("windows-\(arguments.count).csv")
        let run = try SentinelProcess.run(["analyze"] + arguments + ["--windows-out", csv, "--no-progress"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "verdict"))
        var counts: [String: Int] = [:]
        for line in lines.dropFirst() {
            counts[String(line.split(separator: ",", omittingEmptySubsequences: false)[column]), default: 0] += 1
        }
        return counts
    }

    @Test("a baseline learnt from the site's normal traffic keeps a flood far above it, and says why")
    func learnThenGate() throws {
        try TemporaryDirectory.with { dir in
            let site = dir.file("site.json")
            let learnt = try SentinelProcess.run(["baseline", Self.captures + "/normal.pcap", "-o", site])
            #expect(learnt.status == 0, "\(learnt.stderr)")
            #expect(learnt.stdout.contains("Learnt 22 windows"))
            #expect(learnt.stdout.contains("syn_per_s"))
            let object = try #require(try JSONObject.read(file: site))
            #expect(object["format"] as? String == "sentinel-site-baseline")
            #expect(object["kind"] as? String == "packets")

            let mixed = Self.captures + "/mixed.pcap"
            let plain = try Self.verdicts([mixed], in: dir)
            let gated = try Self.verdicts([mixed, "--baseline", site], in: dir)
            #expect(plain["syn_flood", default: 0] >= 10)
            #expect(gated["syn_flood"] == plain["syn_flood"])
            let text = try SentinelProcess.run(["analyze", mixed, "--baseline", site, "--no-progress"])
            #expect(text.stdout.contains("this site's normal"), "the attack's explanation names the metric above the site's normal")
        }
    }

    @Test("a damaged baseline file is refused with exit 2 naming the file and the field")
    func damagedBaseline() throws {
        try TemporaryDirectory.with { dir in
            let site = try dir.write(#"{"format": "sentinel-site-baseline", "kind": "packets"}"#, to: "site.json")
            let run = try SentinelProcess.run(["analyze", Self.captures + "/normal.pcap", "--baseline", site])
            #expect(run.status == 2)
            #expect(run.stderr.contains(site) && run.stderr.contains("version is missing"), "\(run.stderr)")
            let both = try SentinelProcess.run(["analyze", Self.captures + "/normal.pcap", "--baseline", site, "--learn-baseline"])
            #expect(both.status == 64)
            #expect(both.stderr.contains("not both"), "\(both.stderr)")
        }
    }

    /// `captures/logs/normal_40rps.log`'s lines `range` with every request time × `factor`.
    static func scaledLog(_ range: Range<Double>, factor: Double, to path: String) throws {
        let lines = try String(contentsOfFile: captures + "/logs/normal_40rps.log", encoding: .utf8).split(separator: "\n")
        let slice = lines[Int(Double(lines.count) * range.lowerBound)..<Int(Double(lines.count) * range.upperBound)]
        let scaled = slice.map { line -> String in
            // combined + "request_time upstream_time": scale the second field from the end.
            var fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard fields.count > 2, let time = Double(fields[fields.count - 2]) else { return String(line) }
            fields[fields.count - 2] = String(format: "%.3f", time * factor)
            return fields.joined(separator: " ")
        }
        try (scaled.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The "windows:" line of `analyze --log`.
    static func logWindows(_ arguments: [String]) throws -> String {
        let run = try SentinelProcess.run(["analyze"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").first { $0.contains("windows:") }.map(String.init) ?? run.stdout
    }

    @Test("a log's own baseline: an always-slow site is not degraded, a fast one whose latency triples is")
    func logBaseline() throws {
        try TemporaryDirectory.with { dir in
            // The slow site: every request 20× slower than the bundled normal log, all the time.
            try Self.scaledLog(0..<0.5, factor: 20, to: dir.file("slow-learn.log"))
            try Self.scaledLog(0.5..<1, factor: 20, to: dir.file("slow-test.log"))
            let learnt = try SentinelProcess.run(["baseline", "--log", dir.file("slow-learn.log"), "-o", dir.file("slow.json")])
            #expect(learnt.status == 0, "\(learnt.stderr)")
            #expect(learnt.stdout.contains("latency_p95_ms"))
            let slowPlain = try Self.logWindows(["--log", dir.file("slow-test.log")])
            let slowGated = try Self.logWindows(["--log", dir.file("slow-test.log"), "--baseline", dir.file("slow.json")])
            #expect(slowPlain.contains("latency_degradation"), "the model alone calls the slow site degraded: \(slowPlain)")
            #expect(Self.count("normal", in: slowGated) >= 30, "\(slowGated)")

            // The fast site: learnt as it is, then its request times triple.
            try Self.scaledLog(0..<0.5, factor: 1, to: dir.file("fast-learn.log"))
            try Self.scaledLog(0.5..<1, factor: 3, to: dir.file("fast-test.log"))
            _ = try SentinelProcess.run(["baseline", "--log", dir.file("fast-learn.log"), "-o", dir.file("fast.json")])
            let fastPlain = try Self.logWindows(["--log", dir.file("fast-test.log")])
            let fastGated = try Self.logWindows(["--log", dir.file("fast-test.log"), "--baseline", dir.file("fast.json")])
            #expect(!fastPlain.contains("latency_degradation"), "\(fastPlain)")
            #expect(Self.count("latency_degradation", in: fastGated) >= 10, "\(fastGated)")

            let both = try SentinelProcess.run([
                "baseline", Self.captures + "/normal.pcap", "--log", dir.file("fast-learn.log"), "-o", dir.file("x.json"),
            ])
            #expect(both.status == 64 && both.stderr.contains("not both"), "\(both.stderr)")
        }
    }

    /// The count after `name` in a "windows: a 3 · b 4" line.
    static func count(_ name: String, in line: String) -> Int {
        guard let range = line.range(of: name + " ") else { return 0 }
        return Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }
}
