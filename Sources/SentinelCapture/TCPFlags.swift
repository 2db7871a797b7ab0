/// The TCP control bits of a segment.
public struct TCPFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
    public static let urg = TCPFlags(rawValue: 0x20)
    public static let ece = TCPFlags(rawValue: 0x40)
    public static let cwr = TCPFlags(rawValue: 0x80)

    /// A SYN without ACK: a connection attempt.
    @inlinable public var isSYNOnly: Bool { rawValue & 0x12 == 0x02 }
    /// A SYN with ACK: a listener's answer.
    @inlinable public var isSYNACK: Bool { rawValue & 0x12 == 0x12 }
}
