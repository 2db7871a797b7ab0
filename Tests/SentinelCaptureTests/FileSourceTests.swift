import Foundation
import SentinelCapture
import SentinelTestSupport
import Testing

/// Capture files that are bad in every way we could think of, all made at test time, plus
/// merging, pcapng and timestamp precision.
@Suite("FilePacketSource")
struct FileSourceTests {
    typealias B = PacketBuilder
    typealias F = CaptureFileBytes

    /// Three distinct UDP frames (destination ports 1001…1003).
    static let frames: [[UInt8]] = (1...3).map { i in
        B.ethernet(B.ipv4("10.0.0.1", "10.0.0.2", .udp(sourcePort: 999, destinationPort: UInt16(1000 + i), payload: 10 * i)))
    }

    /// A pcap file of ``frames`` one second apart whose middle record claims `caplen` bytes.
    static func lyingMiddleRecord(caplen: UInt32) -> [UInt8] {
        F.pcapGlobalHeader()
            + F.pcapRecord(frames[0], seconds: 1)
            + F.pcapRecord(frames[1], seconds: 2, capturedLength: caplen)
            + F.pcapRecord(frames[2], seconds: 3)
    }

    static func destinationPort(_ frame: CopiedFrame) -> UInt16? {
        frame.bytes.withUnsafeBytes { buffer in
            guard
                case .ip(let view) = PacketDecoder(linkType: frame.linkType)
                    .decode(buffer, wireLength: frame.wireLength, timestamp: frame.timestamp)
            else { return nil }
            return view.destinationPort
        }
    }

    /// Expects `body` to throw a `CaptureError` and returns it.
    static func captureError(_ body: () throws -> Void) -> CaptureError? {
        do {
            try body()
            Issue.record("expected a CaptureError, nothing was thrown")
            return nil
        } catch let error as CaptureError {
            return error
        } catch {
            Issue.record("expected a CaptureError, got \(error)")
            return nil
        }
    }

    // MARK: Files that cannot be opened

    struct UnopenableCase: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { name }
    }

    static let unopenable: [UnopenableCase] = [
        UnopenableCase(name: "empty file", bytes: []),
        UnopenableCase(name: "text file", bytes: Array("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".utf8)),
        UnopenableCase(
            name: "global header cut at 10 bytes",
            bytes: Array(F.pcap([(frames[0], 1)]).prefix(10))),
        UnopenableCase(name: "pcap magic only", bytes: Array(F.pcapGlobalHeader().prefix(4))),
        UnopenableCase(name: "pcapng section header cut", bytes: Array(F.pcapng([(frames[0], 1)]).prefix(20))),
    ]

    @Test("files that are not captures fail to open with the file named", arguments: unopenable)
    func cannotOpen(_ c: UnopenableCase) throws {
        TemporaryDirectory.with { directory in
            let path = directory.write(c.bytes, to: "bad.pcap")
            let error = Self.captureError { _ = try FilePacketSource(paths: [path]) }
            guard case .cannotOpenFile(let errorPath, let reason)? = error else {
                Issue.record("expected cannotOpenFile, got \(String(describing: error))")
                return
            }
            #expect(errorPath == path)
            #expect(!reason.isEmpty)
            #expect(error?.description.contains(path) == true)
        }
    }

    @Test("a nonexistent path is noSuchFile")
    func noSuchFile() {
        let path = "/nonexistent-\(UUID().uuidString)/capture.pcap"
        let error = Self.captureError { _ = try FilePacketSource(paths: [path]) }
        #expect(error == .noSuchFile(path: path))
        #expect(error?.description.contains(path) == true)
    }

    @Test("a directory is isDirectory")
    func directoryInsteadOfFile() {
        TemporaryDirectory.with { directory in
            let error = Self.captureError { _ = try FilePacketSource(paths: [directory.path]) }
            #expect(error == .isDirectory(path: directory.path))
            #expect(error?.description.contains(directory.path) == true)
        }
    }

    @Test("one bad file among good ones fails the open, naming the bad one")
    func badFileAmongGood() throws {
        try TemporaryDirectory.with { directory in
            let good = try directory.writeCapture("good.pcap", frames: [(Self.frames[0], 1)])
            let bad = directory.write(Array("hello".utf8), to: "bad.pcap")
            let error = Self.captureError { _ = try FilePacketSource(paths: [good, bad, good]) }
            guard case .cannotOpenFile(let path, _)? = error else {
                Issue.record("expected cannotOpenFile, got \(String(describing: error))")
                return
            }
            #expect(path == bad)
        }
    }

    // MARK: Damaged records

    @Test("a header-only capture reads nothing")
    func headerOnly() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.write(F.pcapGlobalHeader(), to: "empty.pcap")
            let source = try FilePacketSource(paths: [path])
            #expect(try source.collectFrames().isEmpty)
            #expect(source.warnings.isEmpty)
            #expect(source.statistics() == CaptureStatistics())
            #expect(source.linkTypes == [.ethernet])
        }
    }

    struct CutCase: Sendable, CustomTestStringConvertible {
        let name: String
        /// Bytes removed from the end of a valid three-frame capture.
        let cut: Int
        let framesBefore: Int
        var testDescription: String { name }
    }

    static let cuts: [CutCase] = [
        CutCase(name: "last packet's data cut", cut: 5, framesBefore: 2),
        CutCase(name: "all of the last packet's data missing", cut: frames[2].count, framesBefore: 2),
        CutCase(name: "last record header cut", cut: frames[2].count + 9, framesBefore: 2),
    ]

    @Test("a capture cut mid-packet yields the earlier packets and one warning", arguments: cuts)
    func cutMidPacket(_ c: CutCase) throws {
        try TemporaryDirectory.with { directory in
            let whole = F.pcap(Self.frames.enumerated().map { ($0.element, 100 + Double($0.offset)) })
            let path = directory.write(Array(whole.dropLast(c.cut)), to: "cut.pcap")
            let source = try FilePacketSource(paths: [path])
            let read = try source.collectFrames()
            #expect(read.map(\.bytes) == Array(Self.frames.prefix(c.framesBefore)))
            #expect(source.statistics().unreadableRecords == 1)
            #expect(source.statistics().received == UInt64(c.framesBefore))
            #expect(source.warnings.count == 1)
            let warning = try #require(source.warnings.first)
            #expect(warning.contains(path))
            #expect(warning.contains("packet \(c.framesBefore + 1)"))
            #expect(try source.read().isEnd, "reading on after the end stays at the end")
            #expect(source.warnings.count == 1)
        }
    }

    @Test("a record whose caplen is more than the bytes left is unreadable")
    func caplenBeyondFile() throws {
        try TemporaryDirectory.with { directory in
            let bytes =
                F.pcapGlobalHeader()
                + F.pcapRecord(Self.frames[0], seconds: 1)
                + F.pcapRecord(Self.frames[1], seconds: 2, capturedLength: 1_000, wireLength: 1_000)
            let path = directory.write(bytes, to: "caplen.pcap")
            let source = try FilePacketSource(paths: [path])
            let read = try source.collectFrames()
            #expect(read.map(\.bytes) == [Self.frames[0]])
            #expect(source.statistics().unreadableRecords == 1)
            #expect(source.warnings.count == 1 && source.warnings[0].contains("packet 2"))
        }
    }

    @Test(
        "an impossible caplen (beyond any snaplen) is unreadable, not a crash",
        arguments: [UInt32(0x7fff_ffff), UInt32(0xffff_ffff), UInt32(262_145 * 4)])
    func impossibleCaplen(caplen: UInt32) throws {
        try TemporaryDirectory.with { directory in
            let path = directory.write(Self.lyingMiddleRecord(caplen: caplen), to: "huge.pcap")
            let source = try FilePacketSource(paths: [path])
            let read = try source.collectFrames()
            #expect(read.map(\.bytes) == [Self.frames[0]])
            #expect(source.statistics().unreadableRecords == 1)
            #expect(source.warnings.first?.contains(path) == true)
        }
    }

    @Test("a record whose caplen exceeds the file's snaplen is cut to the snaplen, and reading goes on")
    func caplenBeyondSnaplen() throws {
        try TemporaryDirectory.with { directory in
            let long = B.ethernet(B.ipv4("10.0.0.1", "10.0.0.2", .udp(sourcePort: 1, destinationPort: 2, payload: 100)))
            let bytes =
                F.pcapGlobalHeader(snapshotLength: 64)
                + F.pcapRecord(long, seconds: 1)
                + F.pcapRecord(Self.frames[0], seconds: 2)
            let path = directory.write(bytes, to: "snaplen.pcap")
            let source = try FilePacketSource(paths: [path])
            let read = try source.collectFrames()
            #expect(source.statistics().unreadableRecords == 0)
            try #require(read.count == 2)
            #expect(read[0].bytes == Array(long.prefix(64)))
            #expect(read[0].wireLength == long.count)
            #expect(read[1].bytes == Self.frames[0])
            // The cut frame still decodes: its headers are complete.
            let view = try #require(read[0].decode().packet)
            #expect(view.payloadLength == 100)
        }
    }

    @Test("a zero-length record is a frame with no bytes (decoded as too short)")
    func zeroLengthRecord() throws {
        try TemporaryDirectory.with { directory in
            let bytes = F.pcapGlobalHeader() + F.pcapRecord([], seconds: 1, wireLength: 60) + F.pcapRecord(Self.frames[0], seconds: 2)
            let path = directory.write(bytes, to: "zero.pcap")
            let source = try FilePacketSource(paths: [path])
            let read = try source.collectFrames()
            try #require(read.count == 2)
            #expect(read[0].bytes.isEmpty && read[0].wireLength == 60)
            #expect(read[0].decode().malformedReason == .truncatedLinkHeader)
        }
    }

    @Test("a middle record with a lying caplen never crashes or throws")
    func lyingCaplenInTheMiddle() throws {
        try TemporaryDirectory.with { directory in
            for caplen in [UInt32(0), 1, 13, 20, 100, 200] {
                let path = directory.write(Self.lyingMiddleRecord(caplen: caplen), to: "lying-\(caplen).pcap")
                let source = try FilePacketSource(paths: [path])
                let read = try source.collectFrames()
                #expect(read.first?.bytes == Self.frames[0])
                for frame in read { _ = frame.decode() }
                #expect(source.statistics().unreadableRecords <= 1)
                #expect(UInt64(source.warnings.count) == source.statistics().unreadableRecords)
            }
        }
    }

    @Test("an unknown link type opens; its frames decode as unsupportedLinkType")
    func unknownLinkType() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.writeCapture(
                "user0.pcap", linkType: LinkType(rawValue: 147),
                frames: Self.frames.map { ($0, 5) })
            let source = try FilePacketSource(paths: [path])
            #expect(source.linkTypes == [LinkType(rawValue: 147)])
            #expect(!source.linkTypes[0].isSupported)
            let read = try source.collectFrames()
            #expect(read.count == 3)
            for frame in read {
                #expect(frame.linkType == LinkType(rawValue: 147))
                #expect(frame.decode().malformedReason == .unsupportedLinkType)
            }
        }
    }

    // MARK: Merging

    @Test("two files are merged in timestamp order")
    func mergeInterleaved() throws {
        try TemporaryDirectory.with { directory in
            let a = try directory.writeCapture("a.pcap", frames: [(Self.frames[0], 10.1), (Self.frames[0], 10.3), (Self.frames[0], 10.5)])
            let b = try directory.writeCapture("b.pcap", frames: [(Self.frames[1], 10.2), (Self.frames[1], 10.4), (Self.frames[1], 10.6)])
            let source = try FilePacketSource(paths: [a, b])
            #expect(source.paths == [a, b])
            let read = try source.collectFrames()
            #expect(read.count == 6)
            #expect(read.map(\.timestamp) == read.map(\.timestamp).sorted())
            #expect(read.map { Self.destinationPort($0) } == [1001, 1002, 1001, 1002, 1001, 1002])
            #expect(source.statistics().received == 6)
        }
    }

    @Test("merging: equal timestamps keep file order; empty and single files mix in")
    func mergeTiesAndEmptyFiles() throws {
        try TemporaryDirectory.with { directory in
            let a = try directory.writeCapture("a.pcap", frames: [(Self.frames[0], 7), (Self.frames[0], 9)])
            let empty = try directory.writeCapture("empty.pcap", frames: [])
            let b = try directory.writeCapture("b.pcap", frames: [(Self.frames[1], 7), (Self.frames[1], 8)])
            let c = try directory.writeCapture("c.pcap", frames: [(Self.frames[2], 1)])
            let read = try FilePacketSource(paths: [a, empty, b, c]).collectFrames()
            #expect(read.map(\.timestamp) == [1, 7, 7, 8, 9])
            #expect(read.map { Self.destinationPort($0) } == [1003, 1001, 1002, 1002, 1001])
        }
    }

    @Test("a damaged file in a merge ends only that file")
    func mergeWithCutFile() throws {
        try TemporaryDirectory.with { directory in
            let whole = F.pcap([(Self.frames[0], 1), (Self.frames[0], 3), (Self.frames[0], 5)])
            let cut = directory.write(Array(whole.dropLast(4)), to: "cut.pcap")
            let good = try directory.writeCapture("good.pcap", frames: [(Self.frames[1], 2), (Self.frames[1], 4), (Self.frames[1], 6)])
            let source = try FilePacketSource(paths: [cut, good])
            let read = try source.collectFrames()
            #expect(read.map(\.timestamp) == [1, 2, 3, 4, 6])
            #expect(source.warnings.count == 1)
            #expect(source.warnings.first?.contains(cut) == true)
            #expect(source.warnings.first?.contains("packet 3") == true)
            #expect(source.statistics().unreadableRecords == 1)
        }
    }

    @Test("files of different link types merge, each frame keeping its own")
    func mergeMixedLinkTypes() throws {
        try TemporaryDirectory.with { directory in
            let ip = B.ipv4("10.0.0.1", "10.0.0.2", .udp(sourcePort: 1, destinationPort: 2))
            let eth = try directory.writeCapture("eth.pcap", frames: [(B.ethernet(ip), 2)])
            let sll = try directory.writeCapture("sll.pcap", linkType: .linuxSLL, frames: [(B.linuxSLL(ip), 1)])
            let source = try FilePacketSource(paths: [eth, sll])
            #expect(source.linkTypes == [.ethernet, .linuxSLL])
            let read = try source.collectFrames()
            #expect(read.map(\.linkType) == [.linuxSLL, .ethernet])
            #expect(read.allSatisfy { $0.decode().packet != nil })
        }
    }

    // MARK: Formats and timestamps

    @Test("a hand-written little-endian pcapng (SHB, IDB, 2 EPBs) reads")
    func pcapng() throws {
        try TemporaryDirectory.with { directory in
            // Default resolution: microseconds since the epoch.
            let bytes = F.pcapng([(Self.frames[0], 1_700_000_000_250_000), (Self.frames[2], 1_700_000_001_000_001)])
            let path = directory.write(bytes, to: "tiny.pcapng")
            let source = try FilePacketSource(paths: [path])
            #expect(source.linkTypes == [.ethernet])
            let read = try source.collectFrames()
            try #require(read.count == 2)
            #expect(read[0].bytes == Self.frames[0] && read[1].bytes == Self.frames[2])
            #expect(abs(read[0].timestamp - 1_700_000_000.25) < 1e-6)
            #expect(abs(read[1].timestamp - 1_700_000_001.000001) < 1e-6)
            #expect(read[1].wireLength == Self.frames[2].count)
            #expect(source.warnings.isEmpty)
        }
    }

    @Test("pcapng with nanosecond resolution keeps the fraction to 1 µs")
    func pcapngNanoseconds() throws {
        try TemporaryDirectory.with { directory in
            let bytes = F.pcapng([(Self.frames[0], 1_700_000_000_123_456_789)], timestampResolution: 9)
            let path = directory.write(bytes, to: "ns.pcapng")
            let read = try FilePacketSource(paths: [path]).collectFrames()
            try #require(read.count == 1)
            #expect(abs(read[0].timestamp - 1_700_000_000.123456789) < 1e-6)
        }
    }

    @Test("nanosecond pcap keeps the fraction to 1 µs", arguments: [false, true])
    func pcapNanoseconds(bigEndian: Bool) throws {
        try TemporaryDirectory.with { directory in
            let bytes =
                F.pcapGlobalHeader(nanosecond: true, bigEndian: bigEndian)
                + F.pcapRecord(Self.frames[0], seconds: 1_700_000_000, fraction: 123_456_789, bigEndian: bigEndian)
                + F.pcapRecord(Self.frames[1], seconds: 1_700_000_000, fraction: 999_999_999, bigEndian: bigEndian)
            let path = directory.write(bytes, to: "ns.pcap")
            let read = try FilePacketSource(paths: [path]).collectFrames()
            try #require(read.count == 2)
            #expect(abs(read[0].timestamp - 1_700_000_000.123456789) < 1e-6)
            #expect(abs(read[1].timestamp - 1_700_000_000.999999999) < 1e-6)
            #expect(read[1].bytes == Self.frames[1])
        }
    }

    @Test("microsecond pcap in either byte order keeps microseconds", arguments: [false, true])
    func pcapMicroseconds(bigEndian: Bool) throws {
        try TemporaryDirectory.with { directory in
            let bytes =
                F.pcapGlobalHeader(bigEndian: bigEndian)
                + F.pcapRecord(Self.frames[0], seconds: 1_600_000_000, fraction: 1, bigEndian: bigEndian)
                + F.pcapRecord(Self.frames[1], seconds: 1_600_000_000, fraction: 999_999, wireLength: 1500, bigEndian: bigEndian)
            let path = directory.write(bytes, to: "us.pcap")
            let read = try FilePacketSource(paths: [path]).collectFrames()
            try #require(read.count == 2)
            #expect(abs(read[0].timestamp - 1_600_000_000.000001) < 1e-7)
            #expect(abs(read[1].timestamp - 1_600_000_000.999999) < 1e-7)
            #expect(read[1].wireLength == 1500)
        }
    }

    @Test("PcapFileWriter round trip keeps bytes, wire length and microsecond timestamps")
    func writerRoundTrip() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.file("round.pcap")
            let writer = try PcapFileWriter(path: path, linkType: .linuxSLL2, snapshotLength: 96)
            let ip = B.ipv4("10.0.0.1", "10.0.0.2", .tcp(sourcePort: 1, destinationPort: 2, flags: .ack, payload: 1000))
            let captured = Array(B.linuxSLL2(ip).prefix(96))
            writer.write(captured, timestamp: 1_700_000_000.000_001, wireLength: B.linuxSLL2(ip).count)
            writer.write(captured, timestamp: 1_700_000_000.999_999_9)  // rounds up to the next second
            writer.close()
            writer.write(captured, timestamp: 5)  // ignored after close
            let source = try FilePacketSource(paths: [path])
            #expect(source.linkTypes == [.linuxSLL2])
            let read = try source.collectFrames()
            try #require(read.count == 2)
            #expect(read[0].bytes == captured)
            #expect(read[0].wireLength == B.linuxSLL2(ip).count)
            #expect(abs(read[0].timestamp - 1_700_000_000.000_001) < 1e-7)
            #expect(abs(read[1].timestamp - 1_700_000_001) < 1e-7)
            #expect(read[1].wireLength == captured.count)
            #expect(read[0].decode().packet?.payloadLength == 1000)
        }
    }

    @Test("PcapFileWriter writes empty frames too")
    func writerEmptyFrame() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.writeCapture("empty-frame.pcap", frames: [([], 1), (Self.frames[0], 2)])
            let read = try FilePacketSource(paths: [path]).collectFrames()
            #expect(read.map(\.bytes) == [[], Self.frames[0]])
        }
    }

    @Test("PcapFileWriter names the path it cannot create")
    func writerCannotCreate() {
        let path = "/nonexistent-\(UUID().uuidString)/out.pcap"
        let error = Self.captureError { _ = try PcapFileWriter(path: path, linkType: .ethernet) }
        #expect(error?.description.contains(path) == true)
    }

    // MARK: Filters and progress

    @Test("a BPF filter applies to every file")
    func filter() throws {
        try TemporaryDirectory.with { directory in
            let tcp = B.ethernet(B.ipv4("10.0.0.1", "10.0.0.2", .tcp(sourcePort: 1, destinationPort: 80, flags: .syn)))
            let a = try directory.writeCapture("a.pcap", frames: [(tcp, 1), (Self.frames[0], 2)])
            let b = try directory.writeCapture("b.pcap", frames: [(Self.frames[1], 3), (tcp, 4)])
            let read = try FilePacketSource(paths: [a, b], filter: "udp").collectFrames()
            #expect(read.map(\.timestamp) == [2, 3])
            let ports = try FilePacketSource(paths: [a, b], filter: "tcp dst port 80").collectFrames()
            #expect(ports.map(\.timestamp) == [1, 4])
        }
    }

    @Test("a bad BPF filter is badFilter with libpcap's message")
    func badFilter() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.writeCapture("a.pcap", frames: [(Self.frames[0], 1)])
            let error = Self.captureError { _ = try FilePacketSource(paths: [path], filter: "udp port") }
            guard case .badFilter(let filter, let reason)? = error else {
                Issue.record("expected badFilter, got \(String(describing: error))")
                return
            }
            #expect(filter == "udp port")
            #expect(reason.contains("syntax error"))
            #expect(error?.description.contains("udp port") == true)
        }
    }

    @Test("progress runs from below 1 to 1")
    func progress() throws {
        try TemporaryDirectory.with { directory in
            let many = (0..<200).map { (Self.frames[$0 % 3], Double($0)) }
            let path = try directory.writeCapture("many.pcap", frames: many)
            let source = try FilePacketSource(paths: [path])
            #expect(source.progress < 1)
            _ = try source.collectFrames()
            #expect(source.progress == 1)
        }
    }
}

extension ReadResult {
    /// Whether the result is ``ReadResult/end``.
    var isEnd: Bool {
        if case .end = self { return true }
        return false
    }
}
