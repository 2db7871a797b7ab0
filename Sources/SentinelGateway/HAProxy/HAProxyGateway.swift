import SentinelCore

/// Carries actions out through HAProxy's Runtime API (unix socket or TCP):
///
/// | action | commands |
/// | --- | --- |
/// | block / unblock | `set map` (else `add map`) / `del map` on ``HAProxyConfiguration/blockMap`` |
/// | rate limit / lift | the same on ``HAProxyConfiguration/rateLimitMap``, value = requests/s rounded up (at least 1) |
/// | server state | `show servers state <backend>` (for the undo), `set server <b>/<s> state ready\|drain\|maint` |
/// | server weight | `get weight <b>/<s>` (for the undo), `set weight <b>/<s> <n>` |
///
/// Scaling a deployment is not HAProxy's: it is refused as unsupported. Lifting something
/// that is not there succeeds (lifts are idempotent). Every exchange is bounded by
/// ``HAProxyConfiguration/timeout``; a down socket, a slow one or an answer that is not the
/// Runtime API's becomes a failure outcome.
public struct HAProxyGateway: Gateway {
    /// The connection and object names.
    public let configuration: HAProxyConfiguration

    public var name: String { "haproxy" }

    /// Creates an adapter (it connects per command; nothing is opened here).
    public init(configuration: HAProxyConfiguration) { self.configuration = configuration }

    public func apply(_ action: Action) async -> GatewayOutcome {
        if let problem = Self.unsafeName(in: [configuration.blockMap, configuration.rateLimitMap]) {
            return .failed(.misconfigured("map path '\(problem)' holds spaces, ';' or control characters"))
        }
        switch action.kind {
        case let .block(source):
            return await setMapEntry(
                configuration.blockMap, key: source.description, value: "1",
                done: "blocked \(source)", undo: .unblock(source))
        case let .rateLimit(source, rate):
            let perSecond = Self.mapRate(rate)
            return await setMapEntry(
                configuration.rateLimitMap, key: source.description, value: String(perSecond),
                done: "rate-limited \(source) to \(perSecond) req/s", undo: .liftRateLimit(source))
        case let .unblock(source):
            return await deleteMapEntry(configuration.blockMap, key: source.description, done: "unblocked \(source)")
        case let .liftRateLimit(source):
            return await deleteMapEntry(
                configuration.rateLimitMap, key: source.description,
                done: "lifted the rate limit of \(source)")
        case let .setServerState(server, state):
            return await setState(server, state)
        case let .setServerWeight(server, weight):
            return await setWeight(server, weight)
        case .scale:
            return unsupported(action)
        }
    }

    /// The version HAProxy reports (`show version`): a health check of the socket.
    public func version() async -> Result<String, GatewayFailure> {
        switch await send("show version") {
        case let .failure(failure): return .failure(failure)
        case let .success(text):
            let line = text.split(separator: "\n").first.map(String.init) ?? ""
            guard let first = line.first, first.isNumber, line.contains(".") else {
                return .failure(.malformedResponse("'show version' answered '\(line.prefix(80))'"))
            }
            return .success(line)
        }
    }

    /// The entries of a stick table (`show table <name>`; the configured rate table by default).
    public func tableEntries(_ table: String? = nil) async -> Result<[HAProxyTableEntry], GatewayFailure> {
        let name = table ?? configuration.rateTable
        guard BackendServer.isValidName(name) else { return .failure(.misconfigured("table name '\(name)'")) }
        switch await send("show table \(name)") {
        case let .failure(failure): return .failure(failure)
        case let .success(text):
            let lines = text.split(separator: "\n")
            guard let header = lines.first, header.hasPrefix("# table:") else {
                return .failure(Self.refusalOrGarbage("show table \(name)", text))
            }
            return .success(lines.dropFirst().compactMap(HAProxyTableEntry.parse))
        }
    }

    /// The servers of a backend with their state and weight (`show servers state <backend>`).
    public func servers(in backend: String) async -> Result<[(name: String, state: ServerState, weight: Int)], GatewayFailure> {
        guard BackendServer.isValidName(backend) else { return .failure(.invalidAction("backend name '\(backend)'")) }
        switch await send("show servers state \(backend)") {
        case let .failure(failure): return .failure(failure)
        case let .success(text):
            let lines = text.split(separator: "\n")
            guard lines.count >= 2, lines[0] == "1", lines[1].hasPrefix("# ") else {
                return .failure(Self.refusalOrGarbage("show servers state \(backend)", text))
            }
            let columns = lines[1].dropFirst(2).split(separator: " ").map(String.init)
            guard let nameColumn = columns.firstIndex(of: "srv_name"),
                let adminColumn = columns.firstIndex(of: "srv_admin_state"),
                let weightColumn = columns.firstIndex(of: "srv_uweight")
            else {
                return .failure(.malformedResponse("'show servers state' has no srv_name/srv_admin_state/srv_uweight"))
            }
            var servers: [(name: String, state: ServerState, weight: Int)] = []
            for line in lines.dropFirst(2) {
                let fields = line.split(separator: " ").map(String.init)
                guard fields.count > max(nameColumn, adminColumn, weightColumn), let admin = Int(fields[adminColumn]),
                    let weight = Int(fields[weightColumn])
                else {
                    return .failure(.malformedResponse("'show servers state' row '\(line.prefix(80))'"))
                }
                servers.append((fields[nameColumn], Self.state(adminFlags: admin), weight))
            }
            return .success(servers)
        }
    }

    // MARK: - Actions

    private func setMapEntry(
        _ map: String, key: String, value: String, done: String,
        undo: Action.Kind
    ) async -> GatewayOutcome {
        switch await send("set map \(map) \(key) \(value)") {
        case let .failure(failure): return .failed(failure)
        case .success(""): return .applied(detail: done + " (updated)", undo: undo)
        case let .success(text) where text.lowercased().hasPrefix("entry not found"):
            switch await send("add map \(map) \(key) \(value)") {
            case let .failure(failure): return .failed(failure)
            case .success(""): return .applied(detail: done, undo: undo)
            case let .success(text): return .failed(Self.refusalOrGarbage("add map \(map)", text))
            }
        case let .success(text):
            return .failed(Self.refusalOrGarbage("set map \(map)", text))
        }
    }

    private func deleteMapEntry(_ map: String, key: String, done: String) async -> GatewayOutcome {
        switch await send("del map \(map) \(key)") {
        case let .failure(failure): return .failed(failure)
        case .success(""): return .applied(detail: done, undo: nil)
        case let .success(text) where text.lowercased().hasPrefix("key not found"):
            return .applied(detail: done + " (was not there)", undo: nil)
        case let .success(text): return .failed(Self.refusalOrGarbage("del map \(map)", text))
        }
    }

    private func setState(_ server: BackendServer, _ state: ServerState) async -> GatewayOutcome {
        let previous: ServerState
        switch await servers(in: server.backend) {
        case let .failure(failure): return .failed(failure)
        case let .success(list):
            guard let found = list.first(where: { $0.name == server.server }) else {
                return .failed(.rejected("no server \(server.server) in backend \(server.backend)"))
            }
            previous = found.state
        }
        switch await send("set server \(server) state \(state)") {
        case let .failure(failure): return .failed(failure)
        case .success(""):
            return .applied(detail: "\(server) \(previous) → \(state)", undo: .setServerState(server, previous))
        case let .success(text): return .failed(Self.refusalOrGarbage("set server \(server) state", text))
        }
    }

    private func setWeight(_ server: BackendServer, _ weight: Int) async -> GatewayOutcome {
        let previous: Int
        switch await send("get weight \(server)") {
        case let .failure(failure): return .failed(failure)
        case let .success(text):
            guard let number = text.split(separator: " ").first.flatMap({ Int($0) }), text.contains("(initial") else {
                return .failed(Self.refusalOrGarbage("get weight \(server)", text))
            }
            previous = number
        }
        switch await send("set weight \(server) \(weight)") {
        case let .failure(failure): return .failed(failure)
        case .success(""):
            return .applied(detail: "\(server) weight \(previous) → \(weight)", undo: .setServerWeight(server, weight: previous))
        case let .success(text): return .failed(Self.refusalOrGarbage("set weight \(server)", text))
        }
    }

    // MARK: - Helpers

    private func send(_ command: String) async -> Result<String, GatewayFailure> {
        await RuntimeSocket.exchange(command, endpoint: configuration.endpoint, timeout: configuration.timeout)
    }

    /// HAProxy's refusals are one short line of text; anything longer is not its answer.
    static func refusalOrGarbage(_ command: String, _ text: String) -> GatewayFailure {
        let lines = text.split(separator: "\n")
        if lines.count <= 3, let first = lines.first, first.count < 200 {
            return .rejected("'\(command)': \(first)")
        }
        return .malformedResponse("'\(command)' answered \(lines.count) lines starting '\(lines.first?.prefix(80) ?? "")'")
    }

    /// Requests per second as the map holds it: a whole number, at least 1.
    static func mapRate(_ rate: Double) -> Int { max(1, Int(min(rate, 1e9).rounded(.up))) }

    /// `srv_admin_state` bits: 0x01/0x02/0x04/0x20/0x40 maintenance variants, 0x08/0x10 drain.
    static func state(adminFlags: Int) -> ServerState {
        if adminFlags & (0x01 | 0x02 | 0x04 | 0x20 | 0x40) != 0 { return .maint }
        if adminFlags & (0x08 | 0x10) != 0 { return .drain }
        return .ready
    }

    static func unsafeName(in paths: [String]) -> String? {
        paths.first { path in
            path.isEmpty || path.unicodeScalars.contains { $0 == " " || $0 == ";" || $0.properties.generalCategory == .control }
        }
    }
}
