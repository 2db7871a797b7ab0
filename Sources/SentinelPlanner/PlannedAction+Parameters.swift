import SentinelCore

extension PlannedAction {
    /// An action's kind in the form the planner records it (the `kind` of `sentinel plan
    /// --format json`, the `parameters` column of the store's actions): one key naming the
    /// kind over its fields.
    ///
    /// ```json
    /// {"scale":{"from":1,"target":"web","to":3}}
    /// {"block":{"source":"203.0.113.0/24","ttl":600}}
    /// {"rateLimit":{"requestsPerSecond":10,"source":"198.51.100.7","ttl":600}}
    /// {"lift":{"source":"203.0.113.0/24"}}
    /// {"serverState":{"backend":"web","server":"s1","state":"drain"}}
    /// {"serverWeight":{"backend":"web","server":"s1","weight":10}}
    /// ```
    ///
    /// A lift reads the same whether it ends a block or a rate limit.
    package struct Parameters: Encodable {
        private enum Name: String, CodingKey {
            case scale, block, rateLimit, lift, serverState, serverWeight
        }

        private enum Field: String, CodingKey {
            case target, from, to, source, ttl, requestsPerSecond, backend, server, state, weight
        }

        private let action: PlannedAction

        /// The parameters of `action`.
        package init(_ action: PlannedAction) { self.action = action }

        package func encode(to encoder: any Encoder) throws {
            var named = encoder.container(keyedBy: Name.self)
            let ttl = action.action.timeToLive
            switch action.kind {
            case let .scale(deployment, replicas):
                var fields = named.nestedContainer(keyedBy: Field.self, forKey: .scale)
                try fields.encode(deployment.name, forKey: .target)
                try fields.encodeIfPresent(action.replicasBefore, forKey: .from)
                try fields.encode(replicas, forKey: .to)
            case let .block(source):
                var fields = named.nestedContainer(keyedBy: Field.self, forKey: .block)
                try fields.encode(source, forKey: .source)
                try fields.encodeIfPresent(ttl, forKey: .ttl)
            case let .rateLimit(source, rate):
                var fields = named.nestedContainer(keyedBy: Field.self, forKey: .rateLimit)
                try fields.encode(source, forKey: .source)
                try fields.encode(rate, forKey: .requestsPerSecond)
                try fields.encodeIfPresent(ttl, forKey: .ttl)
            case let .unblock(source), let .liftRateLimit(source):
                var fields = named.nestedContainer(keyedBy: Field.self, forKey: .lift)
                try fields.encode(source, forKey: .source)
            case let .setServerState(server, state):
                var fields = named.nestedContainer(keyedBy: Field.self, forKey: .serverState)
                try fields.encode(server.backend, forKey: .backend)
                try fields.encode(server.server, forKey: .server)
                try fields.encode(state, forKey: .state)
            case let .setServerWeight(server, weight):
                var fields = named.nestedContainer(keyedBy: Field.self, forKey: .serverWeight)
                try fields.encode(server.backend, forKey: .backend)
                try fields.encode(server.server, forKey: .server)
                try fields.encode(weight, forKey: .weight)
            }
        }
    }
}
