import Foundation
import SentinelTestSupport
import Testing

/// The site model from the command line: windows analysed against a site's baseline carry
/// their scores against it (`site_z_*`), a model trained on those names what an unusual
/// window is, and `analyze --site-model` uses it.
@Suite("site-relative features and the site model")
struct SiteModelCommandTests {
    static let captures = SharedData.packageRoot + "/captures"

    /// The baseline of `normal.pcap`, and the labelled windows of three captures analysed
    /// against it: `(baseline, windows CSV)`.
    static func siteWindows(in dir: TemporaryDirectory) throws -> (String, String) {
        let site = dir.file("site.json")
        let learnt = try SentinelProcess.run(["baseline", "\(captures)/normal.pcap", "-o", site])
        #expect(learnt.status == 0, "\(learnt.stderr)")
        var lines: [String] = []
        for name in ["normal", "syn_flood", "udp_flood"] {
            let csv = dir.file("\(name).csv")
            let run = try SentinelProcess.run([
                "analyze", "\(captures)/\(name).pcap", "--baseline", site, "--no-site-model", "--windows-out", csv, "--no-progress",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let rows = try String(contentsOfFile: csv, encoding: .utf8).split(whereSeparator: \.isNewline)
            if lines.isEmpty { lines.append("file,label," + rows[0]) }
            lines += rows.dropFirst().map { "\(name).pcap,\(name),\($0)" }
        }
        let path = dir.file("windows.csv")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (site, path)
    }

    /// The column `name` of a windows CSV, as numbers.
    static func column(_ name: String, of csv: String) throws -> [Double] {
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let index = try #require(rows.first?.firstIndex { $0 == name[...] })
        return rows.dropFirst().map { Double($0[index]) ?? .nan }
    }

    @Test("a SYN flood the packet model cannot name is named syn_flood by a site model trained on site-relative windows")
    func siteModelNamesTheFlood() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (site, windows) = try Self.siteWindows(in: dir)
        // Against normal.pcap's baseline a SYN flood's SYN/s is far above normal; normal.pcap's own are not.
        #expect(try Self.column("site_z_syn_per_s", of: dir.file("syn_flood.csv")).max()! > 10)
        #expect(try Self.column("site_z_syn_per_s", of: dir.file("normal.csv")).allSatisfy { $0 < 4 })

        // A packet model that knows only normal and UDP floods, and a site model on the scores.
        let lines = try String(contentsOfFile: windows, encoding: .utf8).split(whereSeparator: \.isNewline)
        let packetWindows = dir.file("packet-windows.csv")
        try (lines.filter { !$0.hasPrefix("syn_flood.pcap") }.joined(separator: "\n") + "\n")
            .write(toFile: packetWindows, atomically: true, encoding: .utf8)
        let packetModel = dir.file("packet.json")
        let packet = try SentinelProcess.run([
            "train", "--windows", packetWindows, "--features", "packets_per_s,udp_share", "--model", "tree", "-o", packetModel,
        ])
        #expect(packet.status == 0, "\(packet.stderr)")
        let siteModel = dir.file("site-model.json")
        let trained = try SentinelProcess.run([
            "train", "--windows", windows, "--features",
            "site_z_syn_per_s,site_z_udp_packets_per_s,site_z_packets_per_s,syn_share,udp_share",
            "--model", "tree", "-o", siteModel,
        ])
        #expect(trained.status == 0, "\(trained.stderr)")

        let mixed = "\(Self.captures)/mixed.pcap"
        let alone = try SentinelProcess.run([
            "analyze", mixed, "--model", packetModel, "--baseline", site, "--no-site-model", "--no-progress",
        ])
        #expect(alone.status == 0 && !alone.stdout.contains("syn_flood"), "\(alone.stdout)")
        let named = try SentinelProcess.run([
            "analyze", mixed, "--model", packetModel, "--baseline", site, "--site-model", siteModel, "--format", "json", "--no-progress",
        ])
        #expect(named.status == 0, "\(named.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])
        let verdicts = try #require(report["windows"] as? [[String: Any]]).compactMap { $0["verdict"] as? String }
        #expect(verdicts.filter { $0 == "syn_flood" }.count >= 8, "\(verdicts)")
        #expect(verdicts.filter { $0 == "normal" }.count >= 25, "the traffic around the flood stays normal: \(verdicts)")
    }

    @Test(
        "a windows file written before the site-relative and concentration columns still trains, but not a model that reads them; a missing base column is still refused"
    )
    func olderWindowsFiles() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (_, windows) = try Self.siteWindows(in: dir)
        let rows = try String(contentsOfFile: windows, encoding: .utf8).split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let later = [
            "top_source_new_flow_share", "top_prefix_new_flow_share", "top_dst_new_flows_per_s", "top_dst_sources",
            "top_dst_answered_share", "tcp_requests_per_s", "requests_per_connection", "top_source_request_share",
        ]
        #expect(later.allSatisfy(rows[0].contains), "analyze --windows-out writes them")
        let keep = rows[0].indices.filter { !rows[0][$0].hasPrefix("site_z_") && !later.contains(rows[0][$0]) }
        let older = dir.file("older.csv")
        try (rows.map { row in keep.map { row[$0] }.joined(separator: ",") }.joined(separator: "\n") + "\n")
            .write(toFile: older, atomically: true, encoding: .utf8)
        let run = try SentinelProcess.run(["train", "--windows", older, "--model", "tree", "-o", dir.file("m.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let reading = try SentinelProcess.run([
            "train", "--windows", older, "--model", "tree", "--features", "packets_per_s,top_dst_sources", "-o", dir.file("t.json"),
        ])
        #expect(reading.status != 0 && reading.stderr.contains("missing 1: top_dst_sources"), "\(reading.stderr)")

        let drop = try #require(rows[0].firstIndex(of: "syn_per_s"))
        let broken = dir.file("broken.csv")
        try (rows.map { row in row.indices.filter { $0 != drop }.map { row[$0] }.joined(separator: ",") }.joined(separator: "\n") + "\n")
            .write(toFile: broken, atomically: true, encoding: .utf8)
        let refused = try SentinelProcess.run(["train", "--windows", broken, "-o", dir.file("m.json")])
        #expect(refused.status == 2 && refused.stderr.contains("missing window feature columns: syn_per_s"), "\(refused.stderr)")
    }

    @Test("a site model that cannot be used is refused naming it; --site-model with --no-site-model is a usage error")
    func badSiteModels() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let mixed = "\(Self.captures)/mixed.pcap"
        let missing = dir.file("missing.json")
        let run = try SentinelProcess.run(["analyze", mixed, "--learn-baseline", "--site-model", missing, "--no-progress"])
        #expect(run.status == 2 && run.stderr.contains(missing), "\(run.stderr)")
        let logModel = SharedData.packageRoot + "/models/logs.json"
        let wrong = try SentinelProcess.run(["analyze", mixed, "--learn-baseline", "--site-model", logModel, "--no-progress"])
        #expect(wrong.status == 2 && wrong.stderr.contains(logModel), "a log model reads no packet features: \(wrong.stderr)")
        let both = try SentinelProcess.run(["analyze", mixed, "--learn-baseline", "--site-model", logModel, "--no-site-model"])
        #expect(both.status == 64 && both.stderr.contains("not both"), "\(both.stderr)")
    }

    @Test("--unusual-z sets the gate's threshold: set out of reach, the flood is the site's normal; 0 is a usage error")
    func unusualZ() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let site = dir.file("site.json")
        #expect(try SentinelProcess.run(["baseline", "\(Self.captures)/normal.pcap", "-o", site]).status == 0)
        let analyze = { (extra: [String]) in
            try SentinelProcess.run(["analyze", "\(Self.captures)/mixed.pcap", "--baseline", site, "--no-progress"] + extra)
        }
        let gated = try analyze([])
        #expect(gated.status == 0 && gated.stdout.contains("syn_flood"), "\(gated.stderr)")
        let outOfReach = try analyze(["--unusual-z", "1000"])
        #expect(outOfReach.status == 0 && !outOfReach.stdout.contains("syn_flood"), "\(outOfReach.stdout)")
        let zero = try analyze(["--unusual-z", "0"])
        #expect(zero.status == 64 && zero.stderr.contains("--unusual-z must be a number above 0"), "\(zero.stderr)")
    }

    @Test("--predictions-out gives each window's class with the model's probability of it, and the gated class")
    func predictionsCarryTheirConfidence() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (site, windows) = try Self.siteWindows(in: dir)
        let out = dir.file("predictions.csv")
        let run = try SentinelProcess.run([
            "evaluate", "--model", SharedData.packageRoot + "/models/default.json", "--windows", windows, "--baseline", site,
            "--no-site-model", "--predictions-out", out,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.first == ["row", "file", "label", "predicted", "confidence", "gated"])
        let body = rows.dropFirst()
        #expect(!body.isEmpty && body.allSatisfy { $0.count == 6 })
        let confidences = body.compactMap { Double($0[4]) }
        #expect(confidences.count == body.count && confidences.allSatisfy { $0 > 0 && $0 <= 1 }, "\(confidences)")
        #expect(body.contains { $0[2] == "syn_flood" && $0[5] == "syn_flood" }, "the flood is named behind the gate")
    }
}
