/// Why a packet could not be decoded. Each damaged packet is counted under exactly one
/// reason and skipped; none of them stops an analysis.
public enum MalformedReason: String, CaseIterable, Sendable, CustomStringConvertible {
    /// The capture record itself is unreadable (cut mid-packet, impossible caplen).
    case truncatedRecord = "truncated_record"
    /// The packet's link type is not one the decoder knows.
    case unsupportedLinkType = "unsupported_link_type"
    /// Shorter than its link-layer header.
    case truncatedLinkHeader = "truncated_link_header"
    /// A VLAN tag (802.1Q/802.1ad) runs past the packet, or more than 4 are stacked.
    case badVLANTag = "bad_vlan_tag"
    /// Shorter than an IPv4 header.
    case truncatedIPv4 = "truncated_ipv4"
    /// IPv4 version field is not 4, or IHL < 5 (header shorter than 20 bytes).
    case badIPv4Header = "bad_ipv4_header"
    /// IPv4 IHL or total length points past the packet or below the header.
    case badIPv4Length = "bad_ipv4_length"
    /// Shorter than the 40-byte IPv6 header, or version is not 6.
    case truncatedIPv6 = "truncated_ipv6"
    /// An IPv6 extension-header chain runs past the packet or is too long.
    case badIPv6ExtensionHeader = "bad_ipv6_extension_header"
    /// Shorter than the 20-byte TCP header.
    case truncatedTCP = "truncated_tcp"
    /// TCP data offset below 5 words, or past the IP payload.
    case badTCPDataOffset = "bad_tcp_data_offset"
    /// Shorter than the 8-byte UDP header.
    case truncatedUDP = "truncated_udp"
    /// Shorter than the 4-byte ICMP/ICMPv6 header.
    case truncatedICMP = "truncated_icmp"

    public var description: String { rawValue }

    /// A one-line explanation for people.
    public var explanation: String {
        switch self {
        case .truncatedRecord: return "capture record unreadable (file cut mid-packet or impossible length)"
        case .unsupportedLinkType: return "link type not decoded"
        case .truncatedLinkHeader: return "shorter than its link-layer header"
        case .badVLANTag: return "VLAN tag past the end or more than 4 stacked"
        case .truncatedIPv4: return "shorter than an IPv4 header"
        case .badIPv4Header: return "IPv4 version != 4 or header length < 20"
        case .badIPv4Length: return "IPv4 header/total length beyond the packet"
        case .truncatedIPv6: return "shorter than an IPv6 header or version != 6"
        case .badIPv6ExtensionHeader: return "IPv6 extension headers run past the packet"
        case .truncatedTCP: return "shorter than a TCP header"
        case .badTCPDataOffset: return "TCP data offset < 5 or beyond the segment"
        case .truncatedUDP: return "shorter than a UDP header"
        case .truncatedICMP: return "shorter than an ICMP header"
        }
    }
}
