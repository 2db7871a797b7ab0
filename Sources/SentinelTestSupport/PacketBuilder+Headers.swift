import SentinelCapture

/// Headers and edits beyond the basic frames: IPv4 options, IPv6 extension headers, more
/// link layers, and in-place edits that make a packet deliberately odd or damaged.
extension PacketBuilder {
    /// Inserts `options` (a multiple of 4 bytes) after a 20-byte IPv4 header, fixing IHL and
    /// the total length.
    public static func ipv4(withOptions options: [UInt8], _ packet: [UInt8]) -> [UInt8] {
        precondition(options.count % 4 == 0 && options.count <= 40, "IPv4 options must be 4-byte words, at most 40 bytes")
        var bytes = Array(packet[0..<20]) + options + packet[20...]
        bytes[0] = 0x40 | UInt8((20 + options.count) / 4)
        let total = UInt16(bytes.count)
        bytes.replace(at: 2, with: be16(total))
        return bytes
    }

    /// An 8-byte Hop-by-Hop or Destination Options header (PadN fill) naming `next`.
    public static func ipv6OptionsHeader(next: UInt8) -> [UInt8] {
        [next, 0, 1, 4, 0, 0, 0, 0]
    }

    /// An 8-byte IPv6 Fragment header.
    /// - Parameters:
    ///   - next: the next header after the fragment header.
    ///   - offset: fragment offset in 8-byte units.
    ///   - more: the M (more fragments) flag.
    public static func ipv6FragmentHeader(
        next: UInt8, offset: UInt16, more: Bool,
        identification: UInt32 = 0xcafe
    ) -> [UInt8] {
        [next, 0] + be16(offset << 3 | (more ? 1 : 0)) + be32(identification)
    }

    /// An IPv6 UDP datagram behind a Hop-by-Hop, a Destination Options and a Fragment header
    /// (the first fragment, more to follow).
    public static func ipv6UDPBehindExtensionHeaders(
        _ source: String, _ destination: String, sourcePort: UInt16, destinationPort: UInt16, payload: Int
    ) -> [UInt8] {
        ipv6(
            source, destination, .udp(sourcePort: sourcePort, destinationPort: destinationPort, payload: payload),
            extensionHeaders: ipv6OptionsHeader(next: 60) + ipv6OptionsHeader(next: 44)
                + ipv6FragmentHeader(next: IPProtocol.udp, offset: 0, more: true),
            firstNextHeader: 0)
    }

    /// Wraps an IP packet in a BSD NULL header in big-endian byte order (a big-endian host).
    public static func bsdNullBigEndian(_ ip: [UInt8]) -> [UInt8] {
        let family: UInt8 = (ip.first ?? 0x45) >> 4 == 6 ? 24 : 2
        return [0, 0, 0, family] + ip
    }

    /// Wraps an IP packet in an OpenBSD LOOP header (address family in network byte order).
    public static func loop(_ ip: [UInt8]) -> [UInt8] {
        let family: UInt8 = (ip.first ?? 0x45) >> 4 == 6 ? 24 : 2
        return [0, 0, 0, family] + ip
    }

    /// Returns `bytes` with the bytes at `offset` replaced by `values`.
    public static func patch(_ bytes: [UInt8], at offset: Int, _ values: [UInt8]) -> [UInt8] {
        var copy = bytes
        copy.replace(at: offset, with: values)
        return copy
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func replace(at offset: Int, with values: [UInt8]) {
        replaceSubrange(offset..<(offset + values.count), with: values)
    }
}
