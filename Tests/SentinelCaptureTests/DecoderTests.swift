import SentinelCapture
import SentinelTestSupport
import Testing

/// Known answers for well-formed frames: every link type, IPv4 options and fragments,
/// IPv6 extension headers, and each transport's fields.
@Suite("PacketDecoder known answers")
struct DecoderTests {
    typealias B = PacketBuilder

    static let tcp4 = B.ipv4(
        "192.0.2.1", "198.51.100.2",
        .tcp(sourcePort: 40000, destinationPort: 443, flags: .syn, sequence: 1000))
    static let udp6 = B.ipv6(
        "2001:db8::1", "2001:db8:0:1::2",
        .udp(sourcePort: 5353, destinationPort: 53, payload: 12))

    // MARK: Link layers

    struct LinkCase: Sendable, CustomTestStringConvertible {
        let name: String
        let frame: [UInt8]
        let linkType: LinkType
        let networkOffset: Int
        let ipVersion: UInt8
        var vlanTags: UInt8 = 0
        var testDescription: String { name }
    }

    static let linkCases: [LinkCase] = [
        LinkCase(name: "Ethernet IPv4", frame: B.ethernet(tcp4), linkType: .ethernet, networkOffset: 14, ipVersion: 4),
        LinkCase(name: "Ethernet IPv6", frame: B.ethernet(udp6), linkType: .ethernet, networkOffset: 14, ipVersion: 6),
        LinkCase(
            name: "802.1Q IPv4", frame: B.ethernet(tcp4, vlanTags: [100]), linkType: .ethernet,
            networkOffset: 18, ipVersion: 4, vlanTags: 1),
        LinkCase(
            name: "802.1Q IPv6", frame: B.ethernet(udp6, vlanTags: [4094]), linkType: .ethernet,
            networkOffset: 18, ipVersion: 6, vlanTags: 1),
        LinkCase(
            name: "QinQ 802.1ad+802.1Q", frame: B.ethernet(tcp4, vlanTags: [100, 200]), linkType: .ethernet,
            networkOffset: 22, ipVersion: 4, vlanTags: 2),
        LinkCase(
            name: "QinQ with 0x9100 outer TPID",
            frame: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x91, 0x00, 0, 10, 0x81, 0x00, 0, 20, 0x08, 0x00] + tcp4,
            linkType: .ethernet, networkOffset: 22, ipVersion: 4, vlanTags: 2),
        LinkCase(
            name: "4 stacked tags (the limit)", frame: B.ethernet(udp6, vlanTags: [1, 2, 3, 4]), linkType: .ethernet,
            networkOffset: 30, ipVersion: 6, vlanTags: 4),
        LinkCase(name: "Linux SLL IPv4", frame: B.linuxSLL(tcp4), linkType: .linuxSLL, networkOffset: 16, ipVersion: 4),
        LinkCase(name: "Linux SLL IPv6", frame: B.linuxSLL(udp6), linkType: .linuxSLL, networkOffset: 16, ipVersion: 6),
        LinkCase(name: "Linux SLL2 IPv4", frame: B.linuxSLL2(tcp4), linkType: .linuxSLL2, networkOffset: 20, ipVersion: 4),
        LinkCase(name: "Linux SLL2 IPv6", frame: B.linuxSLL2(udp6), linkType: .linuxSLL2, networkOffset: 20, ipVersion: 6),
        LinkCase(name: "BSD NULL little-endian IPv4", frame: B.bsdNull(tcp4), linkType: .null, networkOffset: 4, ipVersion: 4),
        LinkCase(
            name: "BSD NULL little-endian IPv6 (AF 30, macOS)", frame: B.bsdNull(udp6), linkType: .null,
            networkOffset: 4, ipVersion: 6),
        LinkCase(
            name: "BSD NULL little-endian IPv6 (AF 28, FreeBSD)", frame: [28, 0, 0, 0] + udp6, linkType: .null,
            networkOffset: 4, ipVersion: 6),
        LinkCase(
            name: "BSD NULL little-endian IPv6 (AF 10, Linux)", frame: [10, 0, 0, 0] + udp6, linkType: .null,
            networkOffset: 4, ipVersion: 6),
        LinkCase(
            name: "BSD NULL big-endian IPv4", frame: B.bsdNullBigEndian(tcp4), linkType: .null,
            networkOffset: 4, ipVersion: 4),
        LinkCase(
            name: "BSD NULL big-endian IPv6 (AF 24)", frame: B.bsdNullBigEndian(udp6), linkType: .null,
            networkOffset: 4, ipVersion: 6),
        LinkCase(name: "OpenBSD LOOP IPv4", frame: B.loop(tcp4), linkType: .loop, networkOffset: 4, ipVersion: 4),
        LinkCase(name: "OpenBSD LOOP IPv6", frame: B.loop(udp6), linkType: .loop, networkOffset: 4, ipVersion: 6),
        LinkCase(name: "raw IPv4 (DLT 12)", frame: tcp4, linkType: .raw, networkOffset: 0, ipVersion: 4),
        LinkCase(name: "raw IPv6 (DLT 12)", frame: udp6, linkType: .raw, networkOffset: 0, ipVersion: 6),
        LinkCase(name: "raw IPv4 (DLT 14)", frame: tcp4, linkType: .rawAlternate, networkOffset: 0, ipVersion: 4),
        LinkCase(name: "raw IPv6 (DLT 14)", frame: udp6, linkType: .rawAlternate, networkOffset: 0, ipVersion: 6),
        LinkCase(name: "DLT_IPV4", frame: tcp4, linkType: .ipv4, networkOffset: 0, ipVersion: 4),
        LinkCase(name: "DLT_IPV6", frame: udp6, linkType: .ipv6, networkOffset: 0, ipVersion: 6),
    ]

    @Test("each link type decodes to the same IP packet", arguments: linkCases)
    func linkLayer(_ c: LinkCase) throws {
        let result = decodeFrame(c.frame, linkType: c.linkType)
        let view = try #require(result.packet, "got \(result.summary)")
        #expect(view.networkOffset == c.networkOffset)
        #expect(view.ipVersion == c.ipVersion)
        #expect(view.vlanTagCount == c.vlanTags)
        #expect(view.wireLength == c.frame.count)
        #expect(view.hasPorts)
        if c.ipVersion == 4 {
            #expect(view.source == IPAddress("192.0.2.1"))
            #expect(view.destination == IPAddress("198.51.100.2"))
            #expect(view.ipProtocol == IPProtocol.tcp)
            #expect(view.sourcePort == 40000 && view.destinationPort == 443)
            #expect(view.ipLength == Self.tcp4.count)
        } else {
            #expect(view.source == IPAddress("2001:db8::1"))
            #expect(view.destination == IPAddress("2001:db8:0:1::2"))
            #expect(view.ipProtocol == IPProtocol.udp)
            #expect(view.sourcePort == 5353 && view.destinationPort == 53)
            #expect(view.ipLength == Self.udp6.count)
        }
    }

    // MARK: Non-IP frames

    struct NonIPCase: Sendable, CustomTestStringConvertible {
        let name: String
        let frame: [UInt8]
        let linkType: LinkType
        let etherType: UInt16
        var testDescription: String { name }
    }

    static let arp: [UInt8] = [0, 1, 8, 0, 6, 4, 0, 1, 0, 1, 2, 3, 4, 5, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2]

    static let nonIPCases: [NonIPCase] = [
        NonIPCase(name: "Ethernet ARP", frame: B.ethernet(arp, etherType: 0x0806), linkType: .ethernet, etherType: 0x0806),
        NonIPCase(
            name: "802.1Q ARP", frame: B.ethernet(arp, vlanTags: [7], etherType: 0x0806), linkType: .ethernet,
            etherType: 0x0806),
        NonIPCase(
            name: "802.3 length field (LLC/STP)", frame: B.ethernet(Array(repeating: 0x42, count: 38), etherType: 38),
            linkType: .ethernet, etherType: 38),
        NonIPCase(
            name: "Ethernet LLDP", frame: B.ethernet(Array(repeating: 0, count: 30), etherType: 0x88cc),
            linkType: .ethernet, etherType: 0x88cc),
        NonIPCase(
            name: "Linux SLL ARP", frame: [0, 0, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0, 0x08, 0x06] + arp,
            linkType: .linuxSLL, etherType: 0x0806),
        NonIPCase(
            name: "Linux SLL2 ARP",
            frame: [0x08, 0x06] + [0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0] + arp,
            linkType: .linuxSLL2, etherType: 0x0806),
        NonIPCase(name: "BSD NULL unknown family", frame: [7, 0, 0, 0] + arp, linkType: .null, etherType: 0),
        NonIPCase(name: "OpenBSD LOOP unknown family", frame: [0, 0, 0, 7] + arp, linkType: .loop, etherType: 0),
    ]

    @Test("frames that do not carry IP are .nonIP", arguments: nonIPCases)
    func nonIP(_ c: NonIPCase) {
        let result = decodeFrame(c.frame, linkType: c.linkType)
        #expect(result.nonIPEtherType == c.etherType, "got \(result.summary)")
    }

    // MARK: IPv4

    @Test("IPv4 options are skipped (IHL 6 and the maximum 15)", arguments: [4, 40])
    func ipv4Options(optionBytes: Int) throws {
        let options = [UInt8](repeating: 1, count: optionBytes - 1) + [0]  // NOPs then End of Options
        let udp = B.ipv4("10.1.2.3", "10.4.5.6", .udp(sourcePort: 123, destinationPort: 123, payload: 48))
        let frame = B.ethernet(B.ipv4(withOptions: options, udp))
        let view = try #require(decodeFrame(frame).packet)
        #expect(view.ipLength == 20 + optionBytes + 8 + 48)
        #expect(view.ipProtocol == IPProtocol.udp)
        #expect(view.hasPorts && view.sourcePort == 123 && view.destinationPort == 123)
        #expect(view.payloadLength == 48)
        #expect(view.source == IPAddress("10.1.2.3"))
    }

    @Test("IPv4 first fragment keeps its ports")
    func ipv4FirstFragment() throws {
        let packet = B.ipv4(
            "10.0.0.1", "10.0.0.2", .udp(sourcePort: 5000, destinationPort: 53, payload: 1472),
            fragmentField: 0x2000)  // MF, offset 0
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.isFragment)
        #expect(!view.isLaterFragment)
        #expect(view.hasPorts && view.sourcePort == 5000 && view.destinationPort == 53)
        #expect(view.payloadLength == 1472)
    }

    @Test(
        "IPv4 later fragment is IP without ports",
        arguments: [
            UInt16(0x2000 | 185),  // MF set, offset 185 × 8
            UInt16(370),  // last fragment: MF clear, offset 370 × 8
        ])
    func ipv4LaterFragment(fragmentField: UInt16) throws {
        let body = [UInt8](repeating: 0xab, count: 64)
        let packet = B.ipv4(
            "10.0.0.1", "10.0.0.2", .raw(protocol: IPProtocol.tcp, bytes: body),
            fragmentField: fragmentField)
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.isFragment)
        #expect(view.isLaterFragment)
        #expect(!view.hasPorts)
        #expect(view.sourcePort == 0 && view.destinationPort == 0)
        #expect(view.ipProtocol == IPProtocol.tcp)
        #expect(!view.isTCP, "a later fragment carries no TCP header")
        #expect(view.tcpFlags.isEmpty)
        #expect(view.payloadLength == 64)
    }

    @Test("Don't Fragment alone is not a fragment")
    func ipv4DontFragment() throws {
        let view = try #require(decodeFrame(B.ethernet(Self.tcp4)).packet)  // builder sets DF
        #expect(!view.isFragment && !view.isLaterFragment)
    }

    @Test("IPv4 TTL and addresses")
    func ipv4Fields() throws {
        let packet = B.ipv4("255.255.255.255", "0.0.0.0", .udp(sourcePort: 68, destinationPort: 67), ttl: 1)
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.ttl == 1)
        #expect(view.source == IPAddress(ipv4: 0xffff_ffff))
        #expect(view.destination == IPAddress(ipv4: 0))
        #expect(view.isUDP && !view.isTCP && !view.isICMP)
    }

    @Test("IPv4 total length 0 (segmentation offload) takes the length from the wire")
    func ipv4TotalLengthZero() throws {
        let packet = B.patch(
            B.ipv4("10.0.0.1", "10.0.0.2", .tcp(sourcePort: 1, destinationPort: 2, flags: .ack, payload: 3000)),
            at: 2, [0, 0])
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.ipLength == packet.count)
        #expect(view.payloadLength == 3000)
    }

    @Test("Ethernet padding after a short IPv4 packet is not payload")
    func ethernetPadding() throws {
        let ack = B.ipv4("10.0.0.1", "10.0.0.2", .tcp(sourcePort: 1, destinationPort: 2, flags: .ack))
        let frame = B.ethernet(ack) + [UInt8](repeating: 0, count: 60 - 14 - ack.count)
        #expect(frame.count == 60)
        let view = try #require(decodeFrame(frame).packet)
        #expect(view.ipLength == 40)
        #expect(view.payloadLength == 0)
        #expect(view.wireLength == 60)
    }

    @Test("IPv4 total length larger than the frame is clipped to what was on the wire")
    func ipv4TotalLengthBeyondWire() throws {
        let packet = B.patch(
            B.ipv4("10.0.0.1", "10.0.0.2", .udp(sourcePort: 1, destinationPort: 2, payload: 10)),
            at: 2, B.be16(1500))
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.ipLength == packet.count)
        #expect(view.payloadLength == 10)
    }

    // MARK: IPv6

    @Test("IPv6 hop-by-hop, destination options and fragment header chain")
    func ipv6ExtensionChain() throws {
        let packet = B.ipv6UDPBehindExtensionHeaders("fe80::1", "ff02::fb", sourcePort: 5353, destinationPort: 5353, payload: 20)
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.ipVersion == 6)
        #expect(view.ipProtocol == IPProtocol.udp)
        #expect(view.isFragment)
        #expect(!view.isLaterFragment)
        #expect(view.hasPorts && view.sourcePort == 5353 && view.destinationPort == 5353)
        #expect(view.payloadLength == 20)
        #expect(view.ipLength == 40 + 24 + 28)
        #expect(view.ttl == 64)
    }

    @Test("IPv6 later fragment: no ports, protocol from the fragment header")
    func ipv6LaterFragment() throws {
        let chain = B.ipv6FragmentHeader(next: IPProtocol.tcp, offset: 100, more: false)
        let packet = B.ipv6("2001:db8::1", "2001:db8::2", .raw(protocol: 44, bytes: chain + [UInt8](repeating: 7, count: 48)))
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.isFragment && view.isLaterFragment)
        #expect(view.ipProtocol == IPProtocol.tcp)
        #expect(!view.hasPorts && !view.isTCP)
        #expect(view.payloadLength == 48)
    }

    @Test("IPv6 routing header and AH are walked")
    func ipv6RoutingAndAH() throws {
        let routing: [UInt8] = [51, 2, 0, 0] + [UInt8](repeating: 0, count: 20)  // 24 bytes, next AH
        let ah: [UInt8] = [IPProtocol.tcp, 4, 0, 0] + [UInt8](repeating: 0, count: 20)  // (4 + 2) × 4 = 24 bytes
        let packet = B.ipv6(
            "2001:db8::1", "2001:db8::2",
            .tcp(sourcePort: 22, destinationPort: 50000, flags: [.ack, .psh], payload: 5),
            extensionHeaders: routing + ah, firstNextHeader: 43)
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.ipProtocol == IPProtocol.tcp)
        #expect(view.sourcePort == 22 && view.destinationPort == 50000)
        #expect(view.payloadLength == 5)
        #expect(!view.isFragment)
    }

    @Test("16 chained extension headers (the limit) still decode")
    func ipv6SixteenExtensionHeaders() throws {
        let chain = (0..<16).flatMap { i in B.ipv6OptionsHeader(next: i == 15 ? IPProtocol.udp : 60) }
        let packet = B.ipv6(
            "2001:db8::1", "2001:db8::2", .udp(sourcePort: 1, destinationPort: 2, payload: 3),
            extensionHeaders: chain, firstNextHeader: 60)
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.ipProtocol == IPProtocol.udp && view.payloadLength == 3)
    }

    @Test("IPv6 No Next Header and ESP stop the walk", arguments: [UInt8(59), 50])
    func ipv6Opaque(next: UInt8) throws {
        let packet = B.ipv6("2001:db8::1", "2001:db8::2", .raw(protocol: next, bytes: [UInt8](repeating: 1, count: 30)))
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.ipProtocol == next)
        #expect(view.payloadLength == 30)
        #expect(!view.hasPorts)
    }

    @Test("IPv6 payload length 0 (jumbogram/offload) takes the length from the wire")
    func ipv6PayloadLengthZero() throws {
        let packet = B.patch(Self.udp6, at: 4, [0, 0])
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.ipLength == packet.count)
        #expect(view.payloadLength == 12)
    }

    // MARK: Transport

    @Test("TCP sequence, acknowledgment, window, flags and payload length")
    func tcpFields() throws {
        var packet = B.ipv4(
            "192.0.2.7", "192.0.2.8",
            .tcp(
                sourcePort: 443, destinationPort: 51000, flags: [.syn, .ack, .ece],
                sequence: 0xdead_beef, acknowledgment: 0x0102_0304, payload: 100))
        packet = B.patch(packet, at: 20 + 14, B.be16(0x1234))
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.isTCP)
        #expect(view.tcpSequence == 0xdead_beef)
        #expect(view.tcpAcknowledgment == 0x0102_0304)
        #expect(view.tcpWindow == 0x1234)
        #expect(view.tcpFlags == [.syn, .ack, .ece])
        #expect(view.tcpFlags.isSYNACK && !view.tcpFlags.isSYNOnly)
        #expect(view.payloadLength == 100)
        #expect(view.sourcePort == 443 && view.destinationPort == 51000)
    }

    @Test(
        "each TCP flag bit is read",
        arguments: [
            TCPFlags.fin, .syn, .rst, .psh, .ack, .urg, .ece, .cwr, [.fin, .syn, .rst, .psh, .ack, .urg, .ece, .cwr],
        ])
    func tcpFlag(_ flags: TCPFlags) throws {
        let packet = B.ipv4("10.0.0.1", "10.0.0.2", .tcp(sourcePort: 1, destinationPort: 2, flags: flags))
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.tcpFlags == flags)
    }

    @Test("TCP options are excluded from the payload length")
    func tcpOptions() throws {
        let plain = B.ipv4("10.0.0.1", "10.0.0.2", .tcp(sourcePort: 1, destinationPort: 2, flags: .syn, payload: 7))
        // Insert 12 option bytes (MSS, NOP, NOP, SACK-permitted… padded) and set data offset 8.
        let options: [UInt8] = [2, 4, 0x05, 0xb4, 1, 1, 4, 2, 1, 1, 1, 0]
        var packet = Array(plain[0..<40]) + options + plain[40...]
        packet = B.patch(packet, at: 2, B.be16(UInt16(packet.count)))
        packet = B.patch(packet, at: 32, [0x80])
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.payloadLength == 7)
        #expect(view.tcpFlags == .syn)
    }

    @Test("UDP ports and payload length")
    func udpFields() throws {
        let packet = B.ipv4("10.9.8.7", "10.6.5.4", .udp(sourcePort: 33434, destinationPort: 161, payload: 200))
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.isUDP)
        #expect(view.hasPorts && view.sourcePort == 33434 && view.destinationPort == 161)
        #expect(view.payloadLength == 200)
        #expect(view.ipLength == 228)
        #expect(view.tcpFlags.isEmpty)
    }

    @Test("ICMP type, code and payload length", arguments: [(UInt8(8), UInt8(0)), (3, 3), (11, 0)])
    func icmpFields(type: UInt8, code: UInt8) throws {
        let packet = B.ipv4("10.0.0.1", "10.0.0.2", .icmp(type: type, code: code, payload: 56))
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.isICMP)
        #expect(view.ipProtocol == IPProtocol.icmp)
        #expect(view.icmpType == type && view.icmpCode == code)
        #expect(view.payloadLength == 8 + 56 - 4)  // everything after type, code, checksum
        #expect(!view.hasPorts)
    }

    @Test("ICMPv6 type and code", arguments: [UInt8(128), 129, 135, 136])
    func icmpv6Fields(type: UInt8) throws {
        let packet = B.ipv6("fe80::1", "fe80::2", .icmp(type: type, code: 0, payload: 16))
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.isICMP)
        #expect(view.ipProtocol == IPProtocol.icmpv6)
        #expect(view.icmpType == type && view.icmpCode == 0)
        #expect(view.payloadLength == 8 + 16 - 4)
    }

    @Test("other protocols count their whole payload")
    func otherProtocol() throws {
        let packet = B.ipv4("10.0.0.1", "10.0.0.2", .raw(protocol: 47, bytes: [UInt8](repeating: 0, count: 24)))  // GRE
        let view = try #require(decodeFrame(B.ethernet(packet)).packet)
        #expect(view.ipProtocol == 47 && view.payloadLength == 24 && !view.hasPorts)
    }

    // MARK: Snaplen

    @Test("snaplen-truncated TCP still decodes, payload length from the IP header")
    func snaplenTruncatedTCP() throws {
        let full = B.ethernet(
            B.ipv4(
                "10.0.0.1", "10.0.0.2",
                .tcp(sourcePort: 80, destinationPort: 50000, flags: [.ack, .psh], payload: 1400)))
        let captured = Array(full.prefix(14 + 20 + 20))
        let result = decodeFrame(captured, wireLength: full.count)
        let view = try #require(result.packet, "got \(result.summary)")
        #expect(view.wireLength == full.count)
        #expect(view.ipLength == 1440)
        #expect(view.payloadLength == 1400)
        #expect(view.tcpFlags == [.ack, .psh])
    }

    @Test("snaplen-truncated IPv6 UDP still decodes")
    func snaplenTruncatedUDP6() throws {
        let full = B.ethernet(B.ipv6("2001:db8::1", "2001:db8::2", .udp(sourcePort: 1, destinationPort: 2, payload: 1000)))
        let captured = Array(full.prefix(14 + 40 + 8))
        let view = try #require(decodeFrame(captured, wireLength: full.count).packet)
        #expect(view.payloadLength == 1000)
        #expect(view.ipLength == 1048)
    }

    @Test("TCP options cut by the snaplen do not matter")
    func snaplenCutsTCPOptions() throws {
        let plain = B.ipv4("10.0.0.1", "10.0.0.2", .tcp(sourcePort: 1, destinationPort: 2, flags: .syn))
        var packet = plain + [2, 4, 0x05, 0xb4, 1, 3, 3, 7, 4, 2, 0, 0]
        packet = B.patch(packet, at: 2, B.be16(UInt16(packet.count)))
        packet = B.patch(packet, at: 32, [0x80])
        let frame = B.ethernet(packet)
        let view = try #require(decodeFrame(Array(frame.prefix(14 + 40)), wireLength: frame.count).packet)
        #expect(view.payloadLength == 0)
        #expect(view.tcpFlags == .syn)
    }

    @Test("timestamp is passed through; wire length is never below the captured length")
    func timestampAndWireLength() throws {
        let frame = B.ethernet(Self.tcp4)
        let view = try #require(decodeFrame(frame, timestamp: 1_234.5, wireLength: 10).packet)
        #expect(view.timestamp == 1_234.5)
        #expect(view.wireLength == frame.count)
    }

    @Test("the view's bytes are the frame's bytes")
    func viewBytes() {
        let frame = B.linuxSLL(Self.tcp4)
        let same = withPacket(frame, linkType: .linuxSLL) { view in
            Array(view.bytes) == frame && view.bytes[view.networkOffset] == 0x45
        }
        #expect(same == true)
    }
}

/// The builder's link headers have the sizes the formats define.
@Suite("PacketBuilder link headers")
struct PacketBuilderTests {
    @Test func headerSizes() {
        let ip = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2", .udp(sourcePort: 1, destinationPort: 2))
        #expect(PacketBuilder.ethernet(ip).count - ip.count == 14)
        #expect(PacketBuilder.linuxSLL(ip).count - ip.count == 16)
        #expect(PacketBuilder.linuxSLL2(ip).count - ip.count == 20)
        #expect(PacketBuilder.bsdNull(ip).count - ip.count == 4)
        #expect(PacketBuilder.loop(ip).count - ip.count == 4)
    }
}
