import SentinelCapture

/// Builds well-formed (or deliberately damaged) frames byte by byte for tests.
public struct PacketBuilder {
    /// Transport layer of a built packet.
    public enum Transport {
        case tcp(
            sourcePort: UInt16, destinationPort: UInt16, flags: TCPFlags, sequence: UInt32 = 1, acknowledgment: UInt32 = 0, payload: Int = 0
        )
        case udp(sourcePort: UInt16, destinationPort: UInt16, payload: Int = 0)
        case icmp(type: UInt8, code: UInt8, payload: Int = 0)
        case raw(protocol: UInt8, bytes: [UInt8])
    }

    /// An IPv4 packet (no link layer) from `source` to `destination` (dotted quads).
    public static func ipv4(
        _ source: String, _ destination: String, _ transport: Transport,
        ttl: UInt8 = 64, fragmentField: UInt16 = 0x4000
    ) -> [UInt8] {
        let (proto, body) = transportBytes(transport, icmpv6: false)
        let total = 20 + body.count
        var bytes: [UInt8] = [
            0x45, 0, UInt8(total >> 8), UInt8(total & 0xff), 0x12, 0x34,
            UInt8(fragmentField >> 8), UInt8(fragmentField & 0xff), ttl, proto, 0, 0,
        ]
        bytes += octets(source) + octets(destination)
        return bytes + body
    }

    /// An IPv6 packet (no link layer).
    public static func ipv6(
        _ source: String, _ destination: String, _ transport: Transport,
        extensionHeaders: [UInt8] = [], firstNextHeader: UInt8? = nil
    ) -> [UInt8] {
        var (proto, body) = transportBytes(transport, icmpv6: true)
        if case .icmp = transport { proto = IPProtocol.icmpv6 }
        let payload = extensionHeaders + body
        var bytes: [UInt8] = [
            0x60, 0, 0, 0, UInt8(payload.count >> 8), UInt8(payload.count & 0xff),
            firstNextHeader ?? proto, 64,
        ]
        bytes += address16(source) + address16(destination)
        return bytes + payload
    }

    /// Wraps an IP packet in Ethernet II, with optional VLAN tags (802.1Q TPID 0x8100).
    public static func ethernet(_ ip: [UInt8], vlanTags: [UInt16] = [], etherType: UInt16? = nil) -> [UInt8] {
        var bytes: [UInt8] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
        for (i, tag) in vlanTags.enumerated() {
            let tpid: UInt16 = i == 0 && vlanTags.count > 1 ? 0x88a8 : 0x8100
            bytes += be16(tpid) + be16(tag)
        }
        let type = etherType ?? ((ip.first ?? 0x45) >> 4 == 6 ? 0x86dd : 0x0800)
        return bytes + be16(type) + ip
    }

    /// An Ethernet frame carrying an IPv4 TCP segment from `source`:`sourcePort` to
    /// `destination`:`destinationPort` with `payload` bytes of data.
    public static func ethernetTCP(
        _ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16, _ flags: TCPFlags,
        sequence: UInt32 = 1, acknowledgment: UInt32 = 0, payload: Int = 0
    ) -> [UInt8] {
        ethernet(
            ipv4(
                source, destination,
                .tcp(
                    sourcePort: sourcePort, destinationPort: destinationPort, flags: flags,
                    sequence: sequence, acknowledgment: acknowledgment, payload: payload)))
    }

    /// Wraps an IP packet in a Linux cooked (SLL) header.
    public static func linuxSLL(_ ip: [UInt8]) -> [UInt8] {
        let type: UInt16 = (ip.first ?? 0x45) >> 4 == 6 ? 0x86dd : 0x0800
        return [0, 0, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0] + be16(type) + ip
    }

    /// Wraps an IP packet in a Linux cooked v2 (SLL2) header: protocol (2), reserved (2),
    /// interface index (4), ARPHRD type (2), packet type (1), address length (1), address (8).
    public static func linuxSLL2(_ ip: [UInt8]) -> [UInt8] {
        let type: UInt16 = (ip.first ?? 0x45) >> 4 == 6 ? 0x86dd : 0x0800
        return be16(type) + [0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0] + ip
    }

    /// Wraps an IP packet in a BSD NULL header (address family in little-endian host order).
    public static func bsdNull(_ ip: [UInt8]) -> [UInt8] {
        let family: UInt8 = (ip.first ?? 0x45) >> 4 == 6 ? 30 : 2
        return [family, 0, 0, 0] + ip
    }

    static func transportBytes(_ transport: Transport, icmpv6: Bool) -> (UInt8, [UInt8]) {
        switch transport {
        case let .tcp(sp, dp, flags, seq, ack, payload):
            var b = be16(sp) + be16(dp) + be32(seq) + be32(ack)
            b += [0x50, flags.rawValue] + be16(65535) + [0, 0, 0, 0]
            return (IPProtocol.tcp, b + [UInt8](repeating: 0x61, count: payload))
        case let .udp(sp, dp, payload):
            return (
                IPProtocol.udp,
                be16(sp) + be16(dp) + be16(UInt16(8 + payload)) + [0, 0]
                    + [UInt8](repeating: 0x62, count: payload)
            )
        case let .icmp(type, code, payload):
            return (
                icmpv6 ? IPProtocol.icmpv6 : IPProtocol.icmp,
                [type, code, 0, 0, 0, 1, 0, 1] + [UInt8](repeating: 0x63, count: payload)
            )
        case let .raw(proto, bytes):
            return (proto, bytes)
        }
    }

    /// Big-endian bytes of a 16-bit value.
    public static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xff)] }
    /// Big-endian bytes of a 32-bit value.
    public static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)] }

    static func octets(_ dotted: String) -> [UInt8] {
        guard let address = IPAddress(dotted), address.isIPv4 else { fatalError("bad IPv4 literal \(dotted)") }
        return be32(address.ipv4Value)
    }

    static func address16(_ text: String) -> [UInt8] {
        guard let address = IPAddress(text) else { fatalError("bad IPv6 literal \(text)") }
        var out: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8((address.high >> UInt64(shift)) & 0xff)) }
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8((address.low >> UInt64(shift)) & 0xff)) }
        return out
    }
}
