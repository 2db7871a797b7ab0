import Foundation
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import SentinelTestSupport
import Testing

@Suite("Captures as a dataset")
struct CaptureDatasetTests {
    @Test("the bundled captures become labelled window rows, attack ranges by time")
    func bundled() throws {
        let result = try CaptureDataset.load(directory: SharedData.packageRoot + "/captures")
        let d = result.dataset
        #expect(d.featureNames == WindowFeatures.names)
        #expect(d.classNames == ["http_flood", "icmp_flood", "normal", "port_scan", "slowloris", "syn_flood", "udp_flood"])
        #expect(result.files.count == 8)
        #expect(result.fileOfRow.count == d.rowCount)
        let counts = Dictionary(uniqueKeysWithValues: zip(d.classNames, d.classCounts))
        #expect(counts["syn_flood"]! >= 20)  // ~11 s in syn_flood.pcap and ~11 s in mixed.pcap
        #expect(counts["normal"]! > counts["syn_flood"]!)
        // every row of normal.pcap is normal
        let normalFile = try #require(result.files.firstIndex { $0.hasSuffix("/normal.pcap") })
        let normalClass = try #require(d.classNames.firstIndex(of: "normal"))
        for row in 0..<d.rowCount where result.fileOfRow[row] == normalFile { #expect(d.labels[row] == normalClass) }
    }

    @Test("whole-file labels and the shared format (file,class,source,note) work", .enabled(if: SharedData.isAvailable, "needs ../shared"))
    func sharedFormat() throws {
        let labels = try CaptureLabels(directory: SharedData.path + "/captures-real")
        #expect(labels.entries.count >= 30)
        #expect(labels.entries.allSatisfy { $0.range == nil })
        #expect(labels.className(file: "floods/udp__flood.pcap", start: 0, end: 1) == "udp_flood")
    }

    @Test("a labels file with CRLF line ends reads like one with LF")
    func crlfLabels() throws {
        try TemporaryDirectory.with { dir in
            try "file,class,start,end\r\na.pcap,syn_flood,10,20\r\nb.pcap,normal,,\r\n"
                .write(toFile: dir.file("labels.csv"), atomically: true, encoding: .utf8)
            let labels = try CaptureLabels(directory: dir.path)
            #expect(labels.entries.map(\.file) == ["a.pcap", "b.pcap"])
            #expect(labels.entries.first?.range == 10...20)
            #expect(labels.entries.last?.className == "normal")
        }
    }

    @Test("a bad labels file names the line")
    func badLabels() throws {
        try TemporaryDirectory.with { dir in
            try dir.write("file,class,start,end\na.pcap,syn_flood,20,10\n", to: "labels.csv")
            #expect(
                throws: CaptureDatasetError.badRow(
                    path: dir.file("labels.csv"), line: 2,
                    reason: "start and end must be epoch seconds, start <= end")
            ) {
                try CaptureLabels(directory: dir.path)
            }
            #expect(throws: CaptureDatasetError.cannotRead(path: dir.file("nope/labels.csv"))) {
                try CaptureLabels(directory: dir.file("nope"))
            }
        }
    }
}
