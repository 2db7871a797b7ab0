/// One decoded IP packet: header fields read in place from the capture buffer.
///
/// `bytes` points into libpcap's buffer and is valid only until the next packet is read;
/// every other field is a plain value. Packets that are not IP (ARP, STP, …) and packets
/// that are malformed never become a `PacketView` (see ``DecodeResult``).
public struct PacketView {
    /// Capture time in seconds since the Unix epoch.
    public var timestamp: Double
    /// Length of the packet on the wire, in bytes.
    public var wireLength: Int
    /// The captured bytes (possibly fewer than `wireLength`), valid until the next read.
    public var bytes: UnsafeRawBufferPointer
    /// 4 or 6.
    public var ipVersion: UInt8
    /// Offset of the IP header in `bytes`.
    public var networkOffset: Int
    /// Source address.
    public var source: IPAddress
    /// Destination address.
    public var destination: IPAddress
    /// Transport protocol number after IPv6 extension headers (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6…).
    public var ipProtocol: UInt8
    /// IPv4 TTL or IPv6 hop limit.
    public var ttl: UInt8
    /// Length of the IP packet (header + payload) as its header states it, in bytes.
    public var ipLength: Int
    /// Whether this is a fragment (first or later) of a fragmented datagram.
    public var isFragment: Bool
    /// Whether this fragment is a later one, which carries no transport header.
    public var isLaterFragment: Bool
    /// Whether `sourcePort`/`destinationPort` are meaningful (TCP or UDP, first fragment).
    public var hasPorts: Bool
    /// Transport source port (0 when `hasPorts` is false).
    public var sourcePort: UInt16
    /// Transport destination port (0 when `hasPorts` is false).
    public var destinationPort: UInt16
    /// TCP control bits (empty for other protocols).
    public var tcpFlags: TCPFlags
    /// TCP receive window.
    public var tcpWindow: UInt16
    /// TCP sequence number.
    public var tcpSequence: UInt32
    /// TCP acknowledgment number.
    public var tcpAcknowledgment: UInt32
    /// Transport payload length in bytes, from the IP lengths (not limited by snaplen).
    public var payloadLength: Int
    /// ICMP or ICMPv6 type.
    public var icmpType: UInt8
    /// ICMP or ICMPv6 code.
    public var icmpCode: UInt8
    /// Number of 802.1Q/802.1ad tags removed at the link layer.
    public var vlanTagCount: UInt8

    /// Whether the packet is TCP with a transport header.
    @inlinable public var isTCP: Bool { ipProtocol == IPProtocol.tcp && !isLaterFragment }
    /// Whether the packet is UDP with a transport header.
    @inlinable public var isUDP: Bool { ipProtocol == IPProtocol.udp && !isLaterFragment }
    /// Whether the packet is ICMP or ICMPv6.
    @inlinable public var isICMP: Bool { ipProtocol == IPProtocol.icmp || ipProtocol == IPProtocol.icmpv6 }

    /// An empty view, to be filled by ``PacketDecoder/decode(_:wireLength:timestamp:into:)``.
    @inlinable
    public init() {
        self.init(timestamp: 0, wireLength: 0, bytes: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    @inlinable
    init(timestamp: Double, wireLength: Int, bytes: UnsafeRawBufferPointer) {
        self.timestamp = timestamp
        self.wireLength = wireLength
        self.bytes = bytes
        self.ipVersion = 0
        self.networkOffset = 0
        self.source = IPAddress(high: 0, low: 0)
        self.destination = IPAddress(high: 0, low: 0)
        self.ipProtocol = 0
        self.ttl = 0
        self.ipLength = 0
        self.isFragment = false
        self.isLaterFragment = false
        self.hasPorts = false
        self.sourcePort = 0
        self.destinationPort = 0
        self.tcpFlags = []
        self.tcpWindow = 0
        self.tcpSequence = 0
        self.tcpAcknowledgment = 0
        self.payloadLength = 0
        self.icmpType = 0
        self.icmpCode = 0
        self.vlanTagCount = 0
    }
}

/// The outcome of decoding one captured frame.
public enum DecodeResult {
    /// An IP packet with its headers decoded.
    case ip(PacketView)
    /// A well-formed frame that does not carry IP (ARP, STP, LLC…), with its EtherType if known.
    case nonIP(etherType: UInt16)
    /// A damaged frame, counted under `reason` and skipped.
    case malformed(MalformedReason)
}
