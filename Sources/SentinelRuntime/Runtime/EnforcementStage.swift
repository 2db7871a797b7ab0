import Foundation
import SentinelAlerts
import SentinelCore
import SentinelGateway
import SentinelPlanner

/// Carries an enforcing planner's actions out through the configured gateways, beside the
/// analysis loop (a slow gateway never holds up the windows): one job at a time through an
/// ``Enforcer``, which retries failures with backoff and lifts blocks and limits when their
/// time-to-live ends. On shutdown the blocks and limits still in place are lifted (nobody would
/// lift them later); replicas stay as they are.
final class EnforcementStage: @unchecked Sendable {
    /// What became of a planner action.
    struct Result: Sendable {
        var actionID: String
        var applied: Bool
        var outcome: String
    }

    private enum Job {
        case apply(Action, actionID: String)
        case tick(Double)
        case release(Double)
    }

    private let enforcer: Enforcer
    private let hasSources: Bool
    private let hasScaling: Bool
    private let hasServers: Bool
    private let namespace: String?
    private let lock = NSLock()
    private var jobs: [Job] = []
    private var running = false
    private var results: [Result] = []

    /// Builds the gateways of `configuration`, or nil when it names none.
    /// - Throws: a reason naming the adapter (a missing secret, a bad URL or command).
    init?(configuration: SentinelConfiguration.Gateway) throws {
        let sources = try configuration.sources.map(Self.gateway)
        let scaling = try configuration.scaling.map(Self.gateway)
        let servers = try configuration.servers.map(Self.gateway)
        guard sources != nil || scaling != nil || servers != nil else { return nil }
        hasSources = sources != nil
        hasScaling = scaling != nil
        hasServers = servers != nil
        if case let .kubernetes(_, _, _, namespace, _, _)? = configuration.scaling { self.namespace = namespace } else { namespace = nil }
        enforcer = Enforcer(gateway: GatewayRouter(sources: sources, servers: servers, scaling: scaling))
    }

    /// The gateway action for a planner action, or nil when it needs none here (lifts: the
    /// enforcer lifts at the same time-to-live) or no gateway takes its kind (with the reason).
    /// The planner's action is already in the gateways' vocabulary; here it is checked (the
    /// planner makes it unchecked) and a scale gets the namespace the gateway configuration holds.
    func gatewayAction(for planned: PlannedAction) -> (action: Action?, missing: String?) {
        var kind = planned.kind
        switch kind {
        case .unblock, .liftRateLimit: return (nil, nil)
        case .block, .rateLimit: if !hasSources { return (nil, "no sources gateway configured") }
        case .setServerState, .setServerWeight: if !hasServers { return (nil, "no servers gateway configured") }
        case .scale: if !hasScaling { return (nil, "no scaling gateway configured") }
        }
        do {
            if case let .scale(deployment, replicas) = kind {
                kind = .scale(try DeploymentReference(name: deployment.name, namespace: namespace), replicas: replicas)
            }
            return (try Action(id: planned.id, kind: kind, timeToLive: planned.action.timeToLive), nil)
        } catch {
            return (nil, "\(error)")
        }
    }

    /// Queues an action.
    func submit(_ action: Action, actionID: String) { enqueue(.apply(action, actionID: actionID)) }

    /// Queues a retry-and-expiry pass.
    func tick(now: Double) { enqueue(.tick(now)) }

    /// Lifts every block and limit in place and waits up to `seconds` for the queue to empty.
    func shutdown(now: Double, seconds: Double) {
        enqueue(.release(now))
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning, Date() < deadline { usleep(10_000) }
    }

    /// What became of the actions since the last call.
    func takeResults() -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        let taken = results
        results = []
        return taken
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running || !jobs.isEmpty
    }

    private func enqueue(_ job: Job) {
        lock.lock()
        jobs.append(job)
        let start = !running
        running = true
        lock.unlock()
        guard start else { return }
        Task { await self.drain() }
    }

    private func next() -> Job? {
        lock.lock()
        defer { lock.unlock() }
        if jobs.isEmpty {
            running = false
            return nil
        }
        return jobs.removeFirst()
    }

    private func drain() async {
        while let job = next() {
            let events: [EnforcerEvent]
            switch job {
            case let .apply(action, _): events = [await enforcer.apply(action, now: Date().timeIntervalSince1970)]
            case let .tick(now): events = await enforcer.tick(now: now)
            case let .release(now):
                var lifts: [EnforcerEvent] = []
                for change in await enforcer.active {
                    guard let inverse = change.action.kind.inverse,
                        let lift = try? Action(id: change.action.id + "-release", kind: inverse)
                    else { continue }
                    lifts.append(await enforcer.apply(lift, now: now))
                }
                events = lifts
            }
            let reported = events.compactMap { event -> Result? in
                switch event.kind {
                case .applied: return Result(actionID: event.action.id, applied: true, outcome: "\(event.outcome)")
                case .gaveUp: return Result(actionID: event.action.id, applied: false, outcome: "\(event.outcome)")
                case .retryScheduled: return Result(actionID: event.action.id, applied: false, outcome: "retrying: \(event.outcome)")
                default: return nil
                }
            }
            record(reported)
        }
    }

    private func record(_ reported: [Result]) {
        lock.lock()
        results += reported
        lock.unlock()
    }

    /// The gateway an adapter's settings describe (also what `rules check` builds to check them).
    static func gateway(_ adapter: SentinelConfiguration.Gateway.Adapter) throws -> any Gateway {
        switch adapter {
        case let .haproxy(socket, address, blockMap, rateLimitMap, rateTable, _):
            var endpoint = HAProxyEndpoint.unix(path: socket ?? "")
            if let address, let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...]) {
                endpoint = .tcp(host: String(address[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
            }
            let defaults = HAProxyConfiguration()
            return HAProxyGateway(
                configuration: HAProxyConfiguration(
                    endpoint: endpoint, blockMap: blockMap ?? defaults.blockMap, rateLimitMap: rateLimitMap ?? defaults.rateLimitMap,
                    rateTable: rateTable ?? defaults.rateTable))
        case let .nginx(include, config):
            return NginxGateway(configuration: NginxConfiguration(includePath: include, configPath: config))
        case let .kubernetes(api, tokenFile, caFile, namespace, minimum, maximum):
            guard let api else {
                return KubernetesGateway(configuration: try KubernetesConfiguration.inCluster(minReplicas: minimum, maxReplicas: maximum))
            }
            guard let url = URL(string: api) else { throw GatewayFailure.misconfigured("kubernetes api '\(api)' is not a URL") }
            return KubernetesGateway(
                configuration: KubernetesConfiguration(
                    apiURL: url, tokenFile: tokenFile, caFile: caFile,
                    namespace: namespace, minReplicas: minimum, maxReplicas: maximum))
        case let .http(url, secretEnv, secretFile):
            let secret = try secretEnv.map { try WebhookSecret.load(environmentVariable: $0) } ?? WebhookSecret.load(file: secretFile ?? "")
            return try HTTPControllerGateway(url: url, secret: secret, secretFile: secretFile)
        case let .exec(command):
            return try ExecGateway(command: command)
        }
    }
}
