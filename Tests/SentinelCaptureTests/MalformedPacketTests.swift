import SentinelCapture
import SentinelTestSupport
import Testing

/// Hand-made damaged packets, each with the exact reason the decoder must give, and a
/// seeded fuzz pass that truncates and mutates valid frames.
@Suite("Malformed packets")
struct MalformedPacketTests {
    typealias B = PacketBuilder

    @Test("each damaged frame gives its exact reason", arguments: DamagedFrame.corpus)
    func damagedFrame(_ damaged: DamagedFrame) {
        let result = decodeFrame(damaged.bytes, linkType: damaged.linkType)
        #expect(result.malformedReason == damaged.reason, "\(damaged.problem): got \(result.summary)")
    }

    @Test("the corpus covers every reason the decoder can give")
    func corpusCoversEveryReason() {
        let covered = Set(DamagedFrame.corpus.map(\.reason))
        // .truncatedRecord comes from the capture file, not from the decoder.
        let decoderReasons = Set(MalformedReason.allCases).subtracting([.truncatedRecord])
        #expect(covered == decoderReasons)
        #expect(Set(DamagedFrame.corpus.map(\.name)).count == DamagedFrame.corpus.count, "names are unique")
    }

    @Test("every reason has a name and an explanation")
    func reasonsDescribeThemselves() {
        for reason in MalformedReason.allCases {
            #expect(!reason.explanation.isEmpty)
            #expect(reason.description == reason.rawValue)
            #expect(reason.rawValue.allSatisfy { $0.isLowercase || $0 == "_" || $0.isNumber })
        }
    }

    @Test("damaged frames survive a round trip through a pcap file with the same reasons")
    func damagedFramesThroughCaptureFiles() throws {
        try TemporaryDirectory.with(prefix: "sentinel-damaged") { directory in
            let byLinkType = Dictionary(grouping: DamagedFrame.corpus, by: \.linkType.rawValue)
            for (linkType, frames) in byLinkType {
                let path = try directory.writeCapture(
                    "damaged-\(linkType).pcap", linkType: LinkType(rawValue: linkType),
                    frames: frames.enumerated().map { ($0.element.bytes, 1_700_000_000 + Double($0.offset)) })
                let source = try FilePacketSource(paths: [path])
                let read = try source.collectFrames()
                #expect(source.warnings.isEmpty)
                #expect(read.count == frames.count, "link type \(linkType)")
                for (frame, damaged) in zip(read, frames) {
                    #expect(frame.bytes == damaged.bytes, "\(damaged.name)")
                    #expect(frame.decode().malformedReason == damaged.reason, "\(damaged.name): \(frame.decode().summary)")
                }
            }
        }
    }

    // MARK: Fuzz

    /// Valid frames of several link types and shapes to truncate and mutate.
    static let seeds: [(bytes: [UInt8], linkType: LinkType)] = {
        let tcpOptions = B.ipv4(
            withOptions: [0x94, 4, 0, 0],
            B.ipv4(
                "10.0.0.1", "10.0.0.2",
                .tcp(sourcePort: 1, destinationPort: 2, flags: [.syn, .ack], payload: 20)))
        let udp6 = B.ipv6UDPBehindExtensionHeaders("2001:db8::1", "2001:db8::2", sourcePort: 3, destinationPort: 4, payload: 16)
        let icmp = B.ipv4("10.0.0.1", "10.0.0.2", .icmp(type: 8, code: 0, payload: 8))
        let tcp6 = B.ipv6("::1", "::1", .tcp(sourcePort: 5, destinationPort: 6, flags: .rst))
        let fragment = B.ipv4(
            "10.0.0.1", "10.0.0.2", .raw(protocol: 17, bytes: [1, 2, 3, 4, 5, 6, 7, 8, 9]),
            fragmentField: 0x2010)
        let icmp6 = B.ipv6("fe80::1", "ff02::1", .icmp(type: 135, code: 0, payload: 16))
        return [
            (B.ethernet(tcpOptions), .ethernet),
            (B.ethernet(udp6, vlanTags: [10, 20]), .ethernet),
            (B.linuxSLL2(icmp), .linuxSLL2),
            (B.linuxSLL(icmp6), .linuxSLL),
            (B.bsdNull(tcp6), .null),
            (B.loop(icmp), .loop),
            (fragment, .raw),
        ]
    }()

    static let supportedLinkTypes: [LinkType] = [.null, .ethernet, .raw, .rawAlternate, .loop, .linuxSLL, .ipv4, .ipv6, .linuxSLL2]

    /// Decodes `bytes` from an exactly-sized buffer (so any read past the end traps in a debug
    /// build) and returns a description of every broken invariant.
    static func check(_ bytes: [UInt8], linkType: LinkType, wireLength: Int) -> [String] {
        let result = decodeFrame(bytes, linkType: linkType, wireLength: wireLength)
        guard case .ip(let v) = result else { return [] }
        var broken: [String] = []
        func require(_ ok: Bool, _ what: String) {
            if !ok { broken.append("\(what) for \(linkType) \(bytes) wire \(wireLength): \(result.summary)") }
        }
        require(v.ipVersion == 4 || v.ipVersion == 6, "version")
        require(v.wireLength == max(wireLength, bytes.count), "wire length")
        require(v.networkOffset >= 0 && v.networkOffset < bytes.count, "network offset")
        require(v.ipLength >= (v.ipVersion == 4 ? 20 : 40), "ip length too small")
        require(v.networkOffset + v.ipLength <= v.wireLength, "ip length beyond wire")
        require(v.payloadLength >= 0 && v.payloadLength <= v.ipLength, "payload length")
        require(!v.isLaterFragment || v.isFragment, "later fragment not a fragment")
        require(!v.hasPorts || v.ipProtocol == IPProtocol.tcp || v.ipProtocol == IPProtocol.udp, "ports without TCP/UDP")
        require(!(v.hasPorts && v.isLaterFragment), "ports in a later fragment")
        require(v.hasPorts || (v.sourcePort == 0 && v.destinationPort == 0), "port values without ports")
        return broken
    }

    @Test("every truncation of valid frames decodes without crashing")
    func everyTruncation() {
        var broken: [String] = []
        var outcomes = [0, 0, 0]  // ip, nonIP, malformed
        for seed in Self.seeds {
            for length in 0...seed.bytes.count {
                let cut = Array(seed.bytes.prefix(length))
                for wire in [length, seed.bytes.count] {  // cut on the wire, or by the snaplen
                    broken += Self.check(cut, linkType: seed.linkType, wireLength: wire)
                    switch decodeFrame(cut, linkType: seed.linkType, wireLength: wire) {
                    case .ip: outcomes[0] += 1
                    case .nonIP: outcomes[1] += 1
                    case .malformed: outcomes[2] += 1
                    }
                }
            }
            #expect(decodeFrame(seed.bytes, linkType: seed.linkType).packet != nil, "seed decodes whole")
        }
        #expect(broken.isEmpty, "\(broken.prefix(5))")
        #expect(outcomes[0] > 0 && outcomes[2] > 0)
    }

    @Test("seeded random mutations decode without crashing", arguments: [UInt64(1), 2, 3])
    func randomMutations(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var broken: [String] = []
        var seen = Set<String>()
        for _ in 0..<2_000 {
            let base = Self.seeds.randomElement(using: &random)!
            var bytes = base.bytes
            for _ in 0...Int.random(in: 0..<4, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if Bool.random(using: &random) { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random))) }
            let linkType =
                Int.random(in: 0..<8, using: &random) == 0
                ? Self.supportedLinkTypes.randomElement(using: &random)! : base.linkType
            let wire = [bytes.count, base.bytes.count, Int.random(in: 0...70_000, using: &random)]
                .randomElement(using: &random)!
            broken += Self.check(bytes, linkType: linkType, wireLength: wire)
            let kind: String
            switch decodeFrame(bytes, linkType: linkType, wireLength: wire) {
            case .ip: kind = "ip"
            case .nonIP: kind = "nonIP"
            case .malformed(let reason): kind = reason.rawValue
            }
            seen.insert(kind)
        }
        #expect(broken.isEmpty, "\(broken.prefix(5))")
        #expect(seen.contains("ip") && seen.count > 3, "mutations reach several outcomes: \(seen.sorted())")
    }
}
