import Foundation
import SentinelTestSupport
import Testing

/// The captures in `captures/` (made by `captures/make-captures.sh` with real tools): each
/// attack must stand out in its labelled time range against the normal traffic before it.
@Suite("Bundled captures")
struct BundledCapturesTests {
    struct Label {
        var file: String
        var start: Double
        var end: Double
    }

    static let labels: [String: Label] = {
        let path = SharedData.packageRoot + "/captures/labels.csv"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var out: [String: Label] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, let start = Double(f[2]), let end = Double(f[3]) else { continue }
            out[f[0]] = Label(file: f[0], start: start, end: end)
        }
        return out
    }()

    /// Windows of one capture as feature dictionaries, split into inside the attack and before it.
    static func windows(_ file: String) throws -> (inside: [[String: Double]], before: [[String: Double]]) {
        let label = try #require(labels[file], "captures/labels.csv has no \(file) row")
        let result = try SentinelProcess.run(["analyze", "--format", "csv", "captures/" + label.file])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        let header = lines.first.map { $0.split(separator: ",").map(String.init) } ?? []
        let rows = lines.dropFirst().map { line -> [String: Double] in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",").map { Double($0) ?? .nan }))
        }
        let inside = rows.filter { $0["start"]! >= label.start && $0["end"]! <= label.end }
        let before = rows.filter { $0["end"]! <= label.start }
        #expect(inside.count >= 5 && before.count >= 2, "\(file): \(inside.count) windows inside, \(before.count) before")
        return (inside, before)
    }

    static func maximum(_ rows: [[String: Double]], _ key: String) -> Double { rows.map { $0[key] ?? 0 }.max() ?? 0 }
    static func minimum(_ rows: [[String: Double]], _ key: String) -> Double { rows.map { $0[key] ?? 0 }.min() ?? 0 }

    @Test("labels.csv names every bundled capture that exists")
    func labelsMatchFiles() throws {
        let text = try String(contentsOfFile: SharedData.packageRoot + "/captures/labels.csv", encoding: .utf8)
        #expect(text.hasPrefix("file,class,start,end\n"))
        for line in text.split(separator: "\n").dropFirst() {
            let file = String(line.split(separator: ",")[0])
            #expect(FileManager.default.fileExists(atPath: SharedData.packageRoot + "/captures/" + file), "\(file)")
        }
    }

    @Test(
        "SYN flood: SYNs go unanswered (SYN:SYN-ACK ratio far above 1) and half-open flows pile up",
        arguments: ["syn_flood.pcap", "mixed.pcap"])
    func synFlood(file: String) throws {
        let (inside, before) = try Self.windows(file)
        #expect(Self.maximum(before, "syn_synack_ratio") <= 2)
        #expect(Self.maximum(inside, "syn_synack_ratio") >= 100)
        #expect(Self.minimum(inside, "syn_per_s") >= 500)
        #expect(Self.maximum(inside, "half_open") > 1000)
    }

    @Test("UDP flood: the traffic turns UDP, answered by ICMP unreachables")
    func udpFlood() throws {
        let (inside, before) = try Self.windows("udp_flood.pcap")
        #expect(Self.maximum(before, "udp_share") == 0)
        #expect(Self.minimum(inside, "udp_share") > 0.4)
        #expect(Self.minimum(inside, "packets_per_s") > 10 * Self.maximum(before, "packets_per_s"))
    }

    @Test("ICMP flood: nearly every packet is ICMP")
    func icmpFlood() throws {
        let (inside, before) = try Self.windows("icmp_flood.pcap")
        #expect(Self.maximum(before, "icmp_share") == 0)
        #expect(Self.minimum(inside, "icmp_share") > 0.9)
    }

    @Test("port scan: hundreds of destination ports per window from few sources")
    func portScan() throws {
        let (inside, before) = try Self.windows("port_scan.pcap")
        #expect(Self.maximum(before, "distinct_dst_ports") < 10)
        #expect(Self.maximum(inside, "distinct_dst_ports") > 300)
        #expect(Self.maximum(inside, "dst_ports_per_source") > 50)
    }

    @Test("HTTP flood: request traffic many times the normal rate over established connections")
    func httpFlood() throws {
        let (inside, before) = try Self.windows("http_flood.pcap")
        #expect(Self.minimum(inside, "packets_per_s") > 10 * Self.maximum(before, "packets_per_s"))
        #expect(Self.maximum(inside, "syn_synack_ratio") <= 2)  // handshakes complete: not a SYN flood
        #expect(Self.maximum(inside, "open_flows") >= 150)
    }

    @Test("slowloris: 150 connections held open, quiet between trickles")
    func slowloris() throws {
        let (inside, before) = try Self.windows("slowloris.pcap")
        #expect(Self.maximum(before, "open_flows") < 10)
        #expect(Self.minimum(inside.dropFirst().map { $0 }, "open_flows") >= 140)
    }
}
