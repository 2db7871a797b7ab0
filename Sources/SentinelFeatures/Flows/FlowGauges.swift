/// The flow table's levels at one moment, recorded in each window as it closes.
public struct FlowGauges: Sendable, Equatable {
    /// Flows whose handshake began (SYN) but has not completed.
    public var halfOpen: Int
    /// Flows held open.
    public var open: Int
    /// TCP flows whose client sent data the server has not answered with data.
    public var awaitingResponse: Int
    /// Of those, the flows whose client has waited since before the open window began: the
    /// requests still unanswered a whole window later, not those in flight at its end.
    public var stalled: Int

    /// Creates gauges (zero by default; `stalled` defaults to every awaiting flow).
    public init(halfOpen: Int = 0, open: Int = 0, awaitingResponse: Int = 0, stalled: Int? = nil) {
        self.halfOpen = halfOpen
        self.open = open
        self.awaitingResponse = awaitingResponse
        self.stalled = stalled ?? awaitingResponse
    }
}
