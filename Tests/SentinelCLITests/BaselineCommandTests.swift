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
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let site = dir.file("site.json")
        let learnt = try SentinelProcess.run(["baseline", Self.captures + "/normal.pcap", "-o", site])
        #expect(learnt.status == 0, "\(learnt.stderr)")
        #expect(learnt.stdout.contains("Learnt 22 windows"))
        #expect(learnt.stdout.contains("syn_per_s"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site))) as? [String: Any])
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

    @Test("a damaged baseline file is refused with exit 2 naming the file and the field")
    func damagedBaseline() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let site = dir.file("site.json")
        try #"{"format": "sentinel-site-baseline", "kind": "packets"}"#.write(toFile: site, atomically: true, encoding: .utf8)
        let run = try SentinelProcess.run(["analyze", Self.captures + "/normal.pcap", "--baseline", site])
        #expect(run.status == 2)
        #expect(run.stderr.contains(site) && run.stderr.contains("version is missing"), "\(run.stderr)")
        let both = try SentinelProcess.run(["analyze", Self.captures + "/normal.pcap", "--baseline", site, "--learn-baseline"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("not both"), "\(both.stderr)")
    }
}
