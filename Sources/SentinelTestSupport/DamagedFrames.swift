import SentinelCapture

/// One hand-made damaged frame and the exact ``MalformedReason`` the decoder must give it.
public struct DamagedFrame: Sendable, CustomStringConvertible {
    /// A short identifier, usable as a file name.
    public let name: String
    /// What is wrong with the frame, for people.
    public let problem: String
    /// The captured bytes.
    public let bytes: [UInt8]
    /// The link type the frame is decoded as.
    public let linkType: LinkType
    /// The reason the decoder must report.
    public let reason: MalformedReason

    public var description: String { name }

    /// Creates a damaged frame.
    public init(
        _ name: String, _ problem: String, _ bytes: [UInt8], linkType: LinkType = .ethernet,
        reason: MalformedReason
    ) {
        self.name = name
        self.problem = problem
        self.bytes = bytes
        self.linkType = linkType
        self.reason = reason
    }
}

extension DamagedFrame {
    /// A corpus of damaged frames, one or more per ``MalformedReason`` the decoder produces.
    public static let corpus: [DamagedFrame] = {
        typealias B = PacketBuilder
        let udp4 = B.ipv4("10.0.0.1", "10.0.0.2", .udp(sourcePort: 1000, destinationPort: 53, payload: 10))
        let tcp4 = B.ipv4("10.0.0.1", "10.0.0.2", .tcp(sourcePort: 40000, destinationPort: 80, flags: .syn))
        let udp6 = B.ipv6("2001:db8::1", "2001:db8::2", .udp(sourcePort: 1000, destinationPort: 53, payload: 10))
        let macs: [UInt8] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
        let seventeenOptions = (0..<17).flatMap { i in B.ipv6OptionsHeader(next: i == 16 ? IPProtocol.udp : 60) }
        // A 16-byte Hop-by-Hop header (length field 1, PadN filling it) naming UDP.
        let sixteenByteOptions: [UInt8] = [IPProtocol.udp, 1, 1, 12] + [UInt8](repeating: 0, count: 12)

        return [
            DamagedFrame("empty-frame", "no bytes at all", [], reason: .truncatedLinkHeader),
            DamagedFrame(
                "ethernet-13-bytes", "Ethernet frame shorter than its 14-byte header",
                Array(B.ethernet(udp4).prefix(13)), reason: .truncatedLinkHeader),
            DamagedFrame(
                "sll-15-bytes", "Linux SLL frame shorter than its 16-byte header",
                Array(B.linuxSLL(udp4).prefix(15)), linkType: .linuxSLL, reason: .truncatedLinkHeader),
            DamagedFrame(
                "sll2-19-bytes", "Linux SLL2 frame shorter than its 20-byte header",
                Array(B.linuxSLL2(udp4).prefix(19)), linkType: .linuxSLL2, reason: .truncatedLinkHeader),
            DamagedFrame(
                "null-3-bytes", "BSD NULL frame shorter than its 4-byte family",
                [2, 0, 0], linkType: .null, reason: .truncatedLinkHeader),
            DamagedFrame("raw-empty", "raw IP frame with no bytes", [], linkType: .raw, reason: .truncatedLinkHeader),
            DamagedFrame(
                "vlan-tag-cut", "802.1Q TPID present but the 4-byte tag runs past the frame",
                macs + [0x81, 0x00, 0x00], reason: .badVLANTag),
            DamagedFrame(
                "vlan-tag-cut-after-first", "second (inner) VLAN tag runs past the frame",
                macs + [0x88, 0xa8, 0x00, 0x64, 0x81, 0x00, 0x00], reason: .badVLANTag),
            DamagedFrame(
                "vlan-5-stacked", "five stacked VLAN tags (at most 4 are accepted)",
                B.ethernet(udp4, vlanTags: [1, 2, 3, 4, 5]), reason: .badVLANTag),
            DamagedFrame(
                "ipv4-19-bytes", "IPv4 packet shorter than the 20-byte header",
                B.ethernet(Array(udp4.prefix(19)), etherType: 0x0800), reason: .truncatedIPv4),
            DamagedFrame(
                "ipv4-ihl-4", "IPv4 IHL 4 (16-byte header)",
                B.ethernet(B.patch(udp4, at: 0, [0x44])), reason: .badIPv4Header),
            DamagedFrame(
                "ipv4-ihl-0", "IPv4 IHL 0",
                B.ethernet(B.patch(udp4, at: 0, [0x40])), reason: .badIPv4Header),
            DamagedFrame(
                "ipv4-version-6", "EtherType IPv4 but the version nibble says 6",
                B.ethernet(B.patch(udp4, at: 0, [0x65]), etherType: 0x0800), reason: .badIPv4Header),
            DamagedFrame(
                "ipv4-ihl-past-end", "IPv4 IHL 15 (60 bytes) in a 38-byte packet",
                B.ethernet(B.patch(udp4, at: 0, [0x4f])), reason: .badIPv4Length),
            DamagedFrame(
                "ipv4-total-below-header", "IPv4 total length 19, below the 20-byte header",
                B.ethernet(B.patch(udp4, at: 2, [0, 19])), reason: .badIPv4Length),
            DamagedFrame(
                "ipv4-total-below-options", "IPv4 IHL 6 but total length 22",
                B.ethernet(B.patch(B.ipv4(withOptions: [1, 1, 1, 0], udp4), at: 2, [0, 22])),
                reason: .badIPv4Length),
            DamagedFrame(
                "raw-version-5", "raw IP frame whose version nibble is 5",
                B.patch(udp4, at: 0, [0x55]), linkType: .raw, reason: .badIPv4Header),
            DamagedFrame(
                "ipv4-link-carrying-ipv6", "DLT_IPV4 frame that holds an IPv6 packet",
                udp6, linkType: .ipv4, reason: .badIPv4Header),
            DamagedFrame(
                "ipv6-39-bytes", "IPv6 packet shorter than the 40-byte header",
                B.ethernet(Array(udp6.prefix(39)), etherType: 0x86dd), reason: .truncatedIPv6),
            DamagedFrame(
                "ipv6-version-4", "EtherType IPv6 but the version nibble says 4",
                B.ethernet(B.patch(udp6, at: 0, [0x40]), etherType: 0x86dd), reason: .truncatedIPv6),
            DamagedFrame(
                "ipv6-link-carrying-ipv4", "DLT_IPV6 frame that holds a (short) IPv4 packet",
                udp4, linkType: .ipv6, reason: .truncatedIPv6),
            DamagedFrame(
                "ipv6-ext-past-end", "Hop-by-Hop header claims 88 bytes; 26 follow",
                B.ethernet(
                    B.ipv6(
                        "2001:db8::1", "2001:db8::2",
                        .udp(sourcePort: 1, destinationPort: 2, payload: 10),
                        extensionHeaders: [IPProtocol.udp, 10, 1, 4, 0, 0, 0, 0],
                        firstNextHeader: 0)),
                reason: .badIPv6ExtensionHeader),
            DamagedFrame(
                "ipv6-ext-cut", "next header says Hop-by-Hop but only 4 bytes follow",
                B.ethernet(
                    B.ipv6(
                        "2001:db8::1", "2001:db8::2",
                        .raw(protocol: 0, bytes: [17, 0, 1, 2]))),
                reason: .badIPv6ExtensionHeader),
            DamagedFrame(
                "ipv6-ext-beyond-payload-length",
                "16-byte Hop-by-Hop header is all in the frame, but the payload length says 8",
                B.ethernet(
                    B.patch(
                        B.ipv6("2001:db8::1", "2001:db8::2", .raw(protocol: 0, bytes: sixteenByteOptions)),
                        at: 4, [0, 8])),
                reason: .badIPv6ExtensionHeader),
            DamagedFrame(
                "ipv6-17-extension-headers", "17 chained Destination Options headers (at most 16 are walked)",
                B.ethernet(
                    B.ipv6(
                        "2001:db8::1", "2001:db8::2",
                        .udp(sourcePort: 1, destinationPort: 2),
                        extensionHeaders: seventeenOptions, firstNextHeader: 60)),
                reason: .badIPv6ExtensionHeader),
            DamagedFrame(
                "tcp-10-bytes", "TCP segment shorter than the 20-byte header",
                B.ethernet(B.ipv4("10.0.0.1", "10.0.0.2", .raw(protocol: 6, bytes: Array(repeating: 0, count: 10)))),
                reason: .truncatedTCP),
            DamagedFrame(
                "tcp-data-offset-4", "TCP data offset 4 (16-byte header)",
                B.ethernet(B.patch(tcp4, at: 32, [0x40])), reason: .badTCPDataOffset),
            DamagedFrame(
                "tcp-data-offset-0", "TCP data offset 0",
                B.ethernet(B.patch(tcp4, at: 32, [0x00])), reason: .badTCPDataOffset),
            DamagedFrame(
                "tcp-data-offset-past-segment", "TCP data offset 15 (60 bytes) in a 20-byte segment",
                B.ethernet(B.patch(tcp4, at: 32, [0xf0])), reason: .badTCPDataOffset),
            DamagedFrame(
                "tcp6-10-bytes", "TCP over IPv6 shorter than the 20-byte header",
                B.ethernet(B.ipv6("2001:db8::1", "2001:db8::2", .raw(protocol: 6, bytes: Array(repeating: 0, count: 10)))),
                reason: .truncatedTCP),
            DamagedFrame(
                "udp-7-bytes", "UDP datagram shorter than the 8-byte header",
                B.ethernet(B.ipv4("10.0.0.1", "10.0.0.2", .raw(protocol: 17, bytes: Array(repeating: 0, count: 7)))),
                reason: .truncatedUDP),
            DamagedFrame(
                "udp6-after-ext-7-bytes", "UDP after a Hop-by-Hop header, only 7 bytes",
                B.ethernet(
                    B.ipv6(
                        "2001:db8::1", "2001:db8::2",
                        .raw(protocol: 0, bytes: B.ipv6OptionsHeader(next: 17) + Array(repeating: 0, count: 7)))),
                reason: .truncatedUDP),
            DamagedFrame(
                "icmp-3-bytes", "ICMP message shorter than 4 bytes",
                B.ethernet(B.ipv4("10.0.0.1", "10.0.0.2", .raw(protocol: 1, bytes: [8, 0, 0]))),
                reason: .truncatedICMP),
            DamagedFrame(
                "icmpv6-3-bytes", "ICMPv6 message shorter than 4 bytes",
                B.ethernet(B.ipv6("2001:db8::1", "2001:db8::2", .raw(protocol: 58, bytes: [128, 0, 0]))),
                reason: .truncatedICMP),
            DamagedFrame(
                "unsupported-link-type", "link type 147 (USER0), which the decoder does not know",
                B.ethernet(udp4), linkType: LinkType(rawValue: 147), reason: .unsupportedLinkType),
            DamagedFrame(
                "unsupported-link-type-empty", "an empty frame of an unknown link type",
                [], linkType: LinkType(rawValue: 105), reason: .unsupportedLinkType),
        ]
    }()
}
