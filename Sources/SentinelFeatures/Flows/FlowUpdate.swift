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
    /// The packet came from the flow's client (the side that sent the flow's first packet).
    public var isFromClient = false
    /// When the client's previous packet in this flow was seen; `-infinity` for none (always
    /// so for a packet that opens a flow). The window aggregator counts a flow in a source's
    /// fan-out once per window from it: a client packet whose predecessor lies before the window.
    public var previousClientPacket: Double = -.infinity

    @inlinable
    public init() {}
}
