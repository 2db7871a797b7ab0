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

    @inlinable
    public init() {}
}
