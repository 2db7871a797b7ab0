import SentinelCapture

/// A heavy hitter of a window or capture: a source and what it sent.
public struct Talker: Sendable, Equatable {
    /// The source address.
    public var address: IPAddress
    /// Packets it sent since the sketch tracked it (a lower bound that is exact unless it was
    /// evicted and tracked again; spoofed sources of a flood show their own one or two).
    public var packets: UInt64
    /// Bytes it sent.
    public var bytes: UInt64
    /// TCP SYNs (without ACK) it sent.
    public var syns: UInt64

    /// Creates a talker record.
    public init(address: IPAddress, packets: UInt64, bytes: UInt64, syns: UInt64) {
        self.address = address
        self.packets = packets
        self.bytes = bytes
        self.syns = syns
    }
}
