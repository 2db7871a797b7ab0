import Foundation
import SentinelTestSupport
import Testing

@Suite("sentinel analyze")
struct AnalyzeCommandTests {
    @Test("the text report shows totals, malformed counts and the flood in the window table")
    func textReport() throws {
        try TemporaryDirectory.with { dir in
            let file = try CaptureFixtures.mixedSynFlood(at: dir.file("mixed.pcap"))
            let result = try SentinelProcess.run(["analyze", file])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Sentinel analysis of \(file)"))
            #expect(result.stdout.contains("bad_tcp_data_offset"))
            #expect(result.stdout.contains("Windows (1 s, 10 windows)"))
            #expect(result.stdout.contains("Top talkers:"))
            // the flood windows show SYN:SA far above 1 (3,020 SYNs against 20 SYN-ACKs)
            let floodRows = result.stdout.split(separator: "\n").filter { $0.contains(" 151 ") }
            #expect(floodRows.count == 3, "\(result.stdout)")
        }
    }

    @Test("JSON has summary and windows with start, end and every feature by name")
    func json() throws {
        try TemporaryDirectory.with { dir in
            let file = try CaptureFixtures.mixedSynFlood(at: dir.file("mixed.pcap"))
            let result = try SentinelProcess.run(["analyze", "--format", "json", file])
            #expect(result.status == 0)
            let object = try #require(try result.json())
            let summary = try #require(object["summary"] as? [String: Any])
            #expect(summary["frames"] as? Int == 10 * 100 + 9000 + 1)
            #expect((summary["malformed"] as? [String: Any])?["bad_tcp_data_offset"] as? Int == 1)
            let windows = try #require(object["windows"] as? [[String: Any]])
            #expect(windows.count == 10)
            let names = try SentinelProcess.run(["features", "--windows"]).stdout
            for window in windows {
                #expect(window["start"] is Double || window["start"] is Int)
                #expect((window["end"] as? Double ?? 0) - (window["start"] as? Double ?? 0) == 1)
            }
            for key in ["packets_per_s", "syn_synack_ratio", "half_open", "src_ip_entropy", "top_talkers"] {
                #expect(windows[0][key] != nil, "missing \(key)")
                if key != "top_talkers" { #expect(names.contains("`\(key)`")) }
            }
            let ratios = windows.map { $0["syn_synack_ratio"] as? Double ?? 0 }
            #expect(ratios[0] == 1)
            #expect(ratios[4] > 100 && ratios[5] > 100 && ratios[6] > 100)
            #expect((windows[5]["half_open"] as? Double ?? 0) > 5000)
            let talkers = try #require(windows[5]["top_talkers"] as? [[String: Any]])
            #expect(talkers.count == 5)
        }
    }

    @Test("CSV outputs: the windows CSV header is start,end then the features; flows CSV has one row per flow")
    func csvOutputs() throws {
        try TemporaryDirectory.with { dir in
            let file = try CaptureFixtures.mixedSynFlood(at: dir.file("mixed.pcap"))
            let windowsFile = dir.file("w.csv"), flowsFile = dir.file("f.csv")
            let result = try SentinelProcess.run([
                "analyze", "--format", "csv", "--windows-out", windowsFile,
                "--flows-out", flowsFile, file,
            ])
            #expect(result.status == 0)
            let stdoutLines = result.stdout.split(separator: "\n")
            #expect(stdoutLines.first?.hasPrefix("start,end,packets_per_s,bytes_per_s,") == true)
            #expect(stdoutLines.count == 11)
            let windowsCSV = try String(contentsOfFile: windowsFile, encoding: .utf8)
            #expect(windowsCSV == result.stdout)
            let header = stdoutLines[0].split(separator: ",")
            for row in stdoutLines.dropFirst() {
                #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == header.count)
            }
            let flows = try String(contentsOfFile: flowsFile, encoding: .utf8).split(separator: "\n")
            #expect(flows.first?.hasPrefix("client,client_port,server,server_port,protocol,start,end,close_reason,duration_s") == true)
            #expect(flows.count == 1 + 200 + 9000)  // 200 normal conversations, 9,000 flood SYNs
            #expect(flows.contains { $0.contains(",rst,") })
        }
    }

    @Test("several files are merged in timestamp order")
    func merge() throws {
        try TemporaryDirectory.with { dir in
            try CaptureFixtures.mixedSynFlood(at: dir.file("a.pcap"), start: 1_700_000_000)
            try CaptureFixtures.mixedSynFlood(at: dir.file("b.pcap"), start: 1_700_000_005)
            let result = try SentinelProcess.run(["analyze", "--format", "csv", dir.file("b.pcap"), dir.file("a.pcap")])
            #expect(result.status == 0)
            let starts = result.stdout.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[0]) }
            #expect(starts == starts.sorted())
            #expect(starts.count == 15)
        }
    }

    @Test("--window and --filter change what is analysed")
    func options() throws {
        try TemporaryDirectory.with { dir in
            let file = try CaptureFixtures.mixedSynFlood(at: dir.file("mixed.pcap"))
            let result = try SentinelProcess.run(["analyze", "--format", "csv", "--window", "2", "--filter", "src net 10.66.0.0/16", file])
            #expect(result.status == 0, "\(result.stderr)")
            let rows = result.stdout.split(separator: "\n").dropFirst()
            #expect(rows.count == 2)  // only the flood: seconds 4–6 fall into windows [4,6) and [6,8)
            let bad = try SentinelProcess.run(["analyze", "--filter", "tcp portt 80", file])
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("bad capture filter"))
            let zero = try SentinelProcess.run(["analyze", "--window", "0", file])
            #expect(zero.status != 0)
            #expect(zero.stderr.contains("--window"))
        }
    }

    @Test("--help documents the command")
    func help() throws {
        let result = try SentinelProcess.run(["analyze", "--help"])
        #expect(result.stdout.contains("--flows-out"))
        #expect(result.stdout.contains("--windows-out"))
        #expect(result.stdout.contains("exit code 2"))
    }
}

@Suite("sentinel analyze from standard input")
struct AnalyzeStandardInputTests {
    @Test("`-` reads a capture piped to standard input")
    func standardInput() throws {
        try TemporaryDirectory.with { dir in
            let file = try CaptureFixtures.mixedSynFlood(at: dir.file("mixed.pcap"))
            let result = try SentinelProcess.run(["analyze", "--format", "csv", "-"], standardInput: file)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.split(separator: "\n").count == 11)
        }
    }
}
