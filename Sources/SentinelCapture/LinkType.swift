/// A libpcap data-link type (`DLT_*` value as `pcap_datalink` returns it).
public struct LinkType: Hashable, Sendable, CustomStringConvertible {
    /// The raw `DLT_*` value.
    public var rawValue: Int32

    /// Creates a link type from its `DLT_*` value.
    @inlinable
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// BSD loopback: a 4-byte address family in the capturing host's byte order.
    public static let null = LinkType(rawValue: 0)
    /// Ethernet II / 802.3, with optional 802.1Q and 802.1ad tags.
    public static let ethernet = LinkType(rawValue: 1)
    /// Raw IP (version taken from the first nibble).
    public static let raw = LinkType(rawValue: 12)
    /// Raw IP as some BSDs number it.
    public static let rawAlternate = LinkType(rawValue: 14)
    /// OpenBSD loopback: a 4-byte address family in network byte order.
    public static let loop = LinkType(rawValue: 108)
    /// Linux "cooked" capture, version 1 (16-byte header).
    public static let linuxSLL = LinkType(rawValue: 113)
    /// Raw IPv4.
    public static let ipv4 = LinkType(rawValue: 228)
    /// Raw IPv6.
    public static let ipv6 = LinkType(rawValue: 229)
    /// Linux "cooked" capture, version 2 (20-byte header).
    public static let linuxSLL2 = LinkType(rawValue: 276)

    /// Whether the decoder understands this link type.
    public var isSupported: Bool {
        switch rawValue {
        case 0, 1, 12, 14, 108, 113, 228, 229, 276: return true
        default: return false
        }
    }

    public var description: String {
        switch rawValue {
        case 0: return "NULL"
        case 1: return "EN10MB"
        case 12, 14: return "RAW"
        case 108: return "LOOP"
        case 113: return "LINUX_SLL"
        case 228: return "IPV4"
        case 229: return "IPV6"
        case 276: return "LINUX_SLL2"
        default: return "DLT \(rawValue)"
        }
    }
}
