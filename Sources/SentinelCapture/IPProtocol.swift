/// IP protocol numbers the decoder understands.
public enum IPProtocol {
    public static let icmp: UInt8 = 1
    public static let tcp: UInt8 = 6
    public static let udp: UInt8 = 17
    public static let icmpv6: UInt8 = 58

    /// A short name for a protocol number (`tcp`, `udp`, `icmp`, … or the number).
    public static func name(_ number: UInt8) -> String {
        switch number {
        case icmp: return "icmp"
        case 2: return "igmp"
        case tcp: return "tcp"
        case udp: return "udp"
        case 47: return "gre"
        case 50: return "esp"
        case 51: return "ah"
        case icmpv6: return "icmpv6"
        case 132: return "sctp"
        default: return "ip-\(number)"
        }
    }
}
