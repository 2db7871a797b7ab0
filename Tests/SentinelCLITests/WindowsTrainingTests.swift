import Foundation
import SentinelTestSupport
import Testing

/// `train --windows`: labelled window files (the traffic lab's derived data) as training data,
/// and validation that holds out whole groups of files (`--group-pattern`).
@Suite("sentinel train --windows, --group-pattern")
struct WindowsTrainingTests {
    static let captures = SharedData.packageRoot + "/captures"

    /// A labelled windows CSV made from bundled captures: each capture's windows under two
    /// "sites" (`siteA__…`, `siteB__…`), labelled by the capture's class.
    static func labelledWindows(in dir: TemporaryDirectory) throws -> String {
        var lines: [String] = []
        for (file, label) in [("normal", "normal"), ("syn_flood", "syn_flood"), ("udp_flood", "udp_flood")] {
            let csv = dir.file("\(file).csv")
            let run = try SentinelProcess.run(["analyze", "\(captures)/\(file).pcap", "--no-model", "--windows-out", csv, "--no-progress"])
            #expect(run.status == 0, "\(run.stderr)")
            let rows = try String(contentsOfFile: csv, encoding: .utf8).split(whereSeparator: \.isNewline)
            if lines.isEmpty { lines.append("file,label," + rows[0]) }
            for (index, row) in rows.dropFirst().enumerated() {
                lines.append("\(index % 2 == 0 ? "siteA" : "siteB")__\(file).pcap,\(label),\(row)")
            }
        }
        let path = try dir.write((lines.joined(separator: "\n") + "\n"), to: "windows.csv")
        return path
    }

    @Test("a model trains on labelled windows and is checked site by site")
    func trainOnWindowsHoldingOutSites() throws {
        try TemporaryDirectory.with { dir in
            let windows = try Self.labelledWindows(in: dir)
            let model = dir.file("model.json")
            let run = try SentinelProcess.run([
                "train", "--windows", windows, "--model", "tree", "--leave-one-file-out", "--group-pattern", "(site[AB])__",
                "-o", model,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("labelled windows in \(windows)"))
            // Two held-out groups, named after the sites, not six files.
            #expect(run.stdout.contains("siteA") && run.stdout.contains("siteB"), "\(run.stdout)")
            #expect(!run.stdout.contains("siteA__normal.pcap"), "\(run.stdout)")
            let analysed = try SentinelProcess.run(["analyze", "\(Self.captures)/syn_flood.pcap", "--model", model, "--no-progress"])
            #expect(analysed.status == 0 && analysed.stdout.contains("syn_flood"), "\(analysed.stderr)")
        }
    }

    @Test("a bad windows file is refused naming the file, the line and the column")
    func badWindowsFiles() throws {
        try TemporaryDirectory.with { dir in
            let windows = try Self.labelledWindows(in: dir)
            var text = try String(contentsOfFile: windows, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
            let column = try #require(text[0].split(separator: ",").firstIndex(of: "packets_per_s"))
            var cells = text[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[column] = "fast"
            text[3] = cells.joined(separator: ",")
            let damaged = try dir.write((text.joined(separator: "\n") + "\n"), to: "damaged.csv")
            let run = try SentinelProcess.run(["train", "--windows", damaged, "-o", dir.file("m.json")])
            #expect(run.status == 2)
            #expect(run.stderr.contains("\(damaged):4: column packets_per_s: not a finite number: 'fast'"), "\(run.stderr)")

            let zipped = dir.file("zipped.csv")
            try Data([0x1f, 0x8b, 0x08, 0x00]).write(to: URL(fileURLWithPath: zipped))
            let gz = try SentinelProcess.run(["train", "--windows", zipped, "-o", dir.file("m.json")])
            #expect(gz.status == 2 && gz.stderr.contains("gzip-compressed"), "\(gz.stderr)")

            let pattern = try SentinelProcess.run(["train", "--windows", windows, "--group-pattern", "(", "-o", dir.file("m.json")])
            #expect(pattern.status == 64 && pattern.stderr.contains("--group-pattern needs --leave-one-file-out"), "\(pattern.stderr)")
        }
    }
}
