import SentinelCapture

/// A direction-free 5-tuple: the lower (address, port) endpoint is always `a`.
public struct FlowKey: Hashable, Sendable {
    /// The lower endpoint's address.
    public var a: IPAddress
    /// The higher endpoint's address.
    public var b: IPAddress
    /// The lower endpoint's port (0 for protocols without ports).
    public var portA: UInt16
    /// The higher endpoint's port.
    public var portB: UInt16
    /// IP protocol number.
    public var ipProtocol: UInt8

    /// The key of a packet's flow, and whether the packet travels from `a` to `b`.
    @inlinable @inline(__always)
    public static func of(_ packet: PacketView) -> (key: FlowKey, fromA: Bool) {
        let srcFirst =
            packet.source < packet.destination
            || (packet.source == packet.destination && packet.sourcePort <= packet.destinationPort)
        if srcFirst {
            return (
                FlowKey(
                    a: packet.source, b: packet.destination, portA: packet.sourcePort,
                    portB: packet.destinationPort, ipProtocol: packet.ipProtocol), true
            )
        }
        return (
            FlowKey(
                a: packet.destination, b: packet.source, portA: packet.destinationPort,
                portB: packet.sourcePort, ipProtocol: packet.ipProtocol), false
        )
    }

    @inlinable
    init(a: IPAddress, b: IPAddress, portA: UInt16, portB: UInt16, ipProtocol: UInt8) {
        self.a = a
        self.b = b
        self.portA = portA
        self.portB = portB
        self.ipProtocol = ipProtocol
    }

    /// A cheap, well-mixed 64-bit hash for the flow table's own index (not for security).
    @inlinable @inline(__always)
    public var mixedHash: UInt64 {
        var x = a.low &* 0x9E37_79B9_7F4A_7C15
        x ^= (b.low &* 0xC2B2_AE3D_27D4_EB4F) >> 7
        x ^= (a.high ^ (b.high << 32 | b.high >> 32)) &* 0x1656_67B1_9E37_79F9
        x ^= UInt64(portA) << 40 | UInt64(portB) << 16 | UInt64(ipProtocol)
        return murmurFinalize(x)
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(a.high ^ (b.high &* 31))
        hasher.combine(a.low)
        hasher.combine(b.low)
        hasher.combine(UInt64(portA) << 32 | UInt64(portB) << 8 | UInt64(ipProtocol))
    }
}
