import Foundation
import SentinelTestSupport
import Testing

@Suite("Bad input")
struct BadInputTests {
    static func write(_ bytes: [UInt8], to path: String) {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    @Test(
        "files that cannot be opened: exit 2 with a message naming the file",
        arguments: ["empty", "text", "short-header", "missing", "directory"])
    func unopenable(kind: String) throws {
        try TemporaryDirectory.with { dir in
            var path = dir.file(kind + ".pcap")
            switch kind {
            case "empty": Self.write([], to: path)
            case "text": Self.write(Array("this is not a capture\n".utf8), to: path)
            case "short-header": Self.write([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0], to: path)
            case "directory": path = dir.path
            default: break
            }
            let result = try SentinelProcess.run(["analyze", path])
            #expect(result.status == 2)
            #expect(result.stderr.contains(path), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("a capture cut mid-packet: earlier packets are analysed, the cut record is reported, exit 0")
    func cutMidPacket() throws {
        try TemporaryDirectory.with { dir in
            let file = try CaptureFixtures.cutMidPacket(at: dir.file("cut.pcap"))
            let result = try SentinelProcess.run(["analyze", "--format", "json", file])
            #expect(result.status == 0)
            #expect(result.stderr.contains(file) && result.stderr.contains("packet 10001"), "\(result.stderr)")
            let object = try result.json()
            let summary = object?["summary"] as? [String: Any]
            #expect(summary?["frames"] as? Int == 10_000)
            #expect((summary?["malformed"] as? [String: Any])?["truncated_record"] as? Int == 1)
        }
    }

    @Test("a record whose caplen exceeds what the file holds is reported, not read past")
    func oversizedCaplen() throws {
        try TemporaryDirectory.with { dir in
            let file = try CaptureFixtures.mixedSynFlood(at: dir.file("big-caplen.pcap"))
            var data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            data[24 + 8] = 0xff  // first record's caplen, little-endian: 0x..ff → far beyond the file
            data[24 + 9] = 0xff
            data[24 + 10] = 0xff  // 16 MiB: beyond the snapshot length too
            Self.write(Array(data), to: file)
            let result = try SentinelProcess.run(["analyze", file])
            #expect(result.status == 0)
            #expect(result.stdout.contains("truncated_record"))
            #expect(result.stdout.contains("packet 1: unreadable record"))
        }
    }
}
