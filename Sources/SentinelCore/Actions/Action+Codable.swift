extension Action: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, type, ttl, source, state, weight, replicas, backend, server, deployment, namespace
        case requestsPerSecond = "requests_per_second"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.decode(String.self, forKey: .id)
        let type = try container.decode(String.self, forKey: .type)
        let ttl = try container.decodeIfPresent(Double.self, forKey: .ttl)
        func server() throws -> BackendServer {
            let backend = try container.decode(String.self, forKey: .backend)
            let name = try container.decode(String.self, forKey: .server)
            do { return try BackendServer(backend: backend, server: name) } catch {
                throw DecodingError.dataCorruptedError(forKey: .server, in: container, debugDescription: error.description)
            }
        }
        let kind: Kind
        switch type {
        case "block": kind = .block(try container.decode(SourcePrefix.self, forKey: .source))
        case "rate_limit":
            kind = .rateLimit(
                try container.decode(SourcePrefix.self, forKey: .source),
                requestsPerSecond: try container.decode(Double.self, forKey: .requestsPerSecond))
        case "unblock": kind = .unblock(try container.decode(SourcePrefix.self, forKey: .source))
        case "lift_rate_limit": kind = .liftRateLimit(try container.decode(SourcePrefix.self, forKey: .source))
        case "set_server_state": kind = .setServerState(try server(), try container.decode(ServerState.self, forKey: .state))
        case "set_server_weight": kind = .setServerWeight(try server(), weight: try container.decode(Int.self, forKey: .weight))
        case "scale":
            let name = try container.decode(String.self, forKey: .deployment)
            let namespace = try container.decodeIfPresent(String.self, forKey: .namespace)
            let deployment: DeploymentReference
            do { deployment = try DeploymentReference(name: name, namespace: namespace) } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: .deployment, in: container,
                    debugDescription: error.description)
            }
            kind = .scale(deployment, replicas: try container.decode(Int.self, forKey: .replicas))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: ActionError.unknownType(type).description)
        }
        do {
            try self.init(id: id, kind: kind, timeToLive: ttl)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind.typeName, forKey: .type)
        switch kind {
        case let .block(source), let .unblock(source), let .liftRateLimit(source):
            try container.encode(source, forKey: .source)
        case let .rateLimit(source, rate):
            try container.encode(source, forKey: .source)
            try container.encode(rate, forKey: .requestsPerSecond)
        case let .setServerState(server, state):
            try container.encode(server.backend, forKey: .backend)
            try container.encode(server.server, forKey: .server)
            try container.encode(state, forKey: .state)
        case let .setServerWeight(server, weight):
            try container.encode(server.backend, forKey: .backend)
            try container.encode(server.server, forKey: .server)
            try container.encode(weight, forKey: .weight)
        case let .scale(deployment, replicas):
            try container.encode(deployment.name, forKey: .deployment)
            try container.encodeIfPresent(deployment.namespace, forKey: .namespace)
            try container.encode(replicas, forKey: .replicas)
        }
        try container.encodeIfPresent(timeToLive, forKey: .ttl)
    }
}
