import SentinelCore

/// One ``Gateway`` in front of several: source actions (block, rate limit and their lifts)
/// go to one, backend-server actions (state, weight) to another, scaling to a third — for
/// example HAProxy, HAProxy and Kubernetes. A kind with no gateway is refused as unsupported.
public struct GatewayRouter: Gateway {
    /// Where block, rate-limit, unblock and lift actions go.
    public let sources: (any Gateway)?
    /// Where server state and weight actions go.
    public let servers: (any Gateway)?
    /// Where scale actions go.
    public let scaling: (any Gateway)?

    public var name: String {
        "router(" + [sources, servers, scaling].map { $0?.name ?? "-" }.joined(separator: ", ") + ")"
    }

    /// Creates a router; leave out what this site does not do.
    public init(sources: (any Gateway)? = nil, servers: (any Gateway)? = nil, scaling: (any Gateway)? = nil) {
        self.sources = sources
        self.servers = servers
        self.scaling = scaling
    }

    public func apply(_ action: Action) async -> GatewayOutcome {
        let target: (any Gateway)?
        switch action.kind {
        case .block, .rateLimit, .unblock, .liftRateLimit: target = sources
        case .setServerState, .setServerWeight: target = servers
        case .scale: target = scaling
        }
        guard let target else { return unsupported(action) }
        return await target.apply(action)
    }
}
