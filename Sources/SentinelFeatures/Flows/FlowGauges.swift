/// The flow table's levels at one moment, recorded in each window as it closes.
public struct FlowGauges: Sendable, Equatable {
    /// Flows whose handshake began (SYN) but has not completed.
    public var halfOpen: Int
    /// Flows held open.
    public var open: Int
    /// TCP flows whose client sent data the server has not answered with data.
    public var awaitingResponse: Int

    /// Creates gauges (zero by default).
    public init(halfOpen: Int = 0, open: Int = 0, awaitingResponse: Int = 0) {
        self.halfOpen = halfOpen
        self.open = open
        self.awaitingResponse = awaitingResponse
    }
}
