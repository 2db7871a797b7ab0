/// What one packet did to its flow, for the window aggregator.
public struct FlowUpdate: Sendable {
    /// The packet opened a new flow.
    public var isNewFlow = false
    /// The packet completed a TCP handshake; its SYN→ACK time in seconds, else negative.
    public var completedHandshakeRTT: Double = -1
    /// The packet repeated sequence space already seen.
    public var isRetransmission = false
    /// The packet carried TCP data or a SYN (counts toward the retransmission rate).
    public var isDataSegment = false
    /// The packet begins a TCP request: the client's first data in the flow, or its first data
    /// after the server's (the next request on a kept-alive connection).
    public var startsRequest = false
    /// The packet came from the flow's client (the side that sent the flow's first packet).
    public var isFromClient = false
    /// When the flow's previous packet, from either side, was seen (for a packet that opens a
    /// flow, its own time). A client packet whose predecessor lies before the window is the
    /// flow's first in it, which the window aggregator counts in the client's reach.
    public var previousPacket: Double = 0

    @inlinable
    public init() {}
}
