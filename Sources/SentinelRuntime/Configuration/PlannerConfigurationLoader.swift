import SentinelCore
import SentinelGateway
import SentinelPlanner
import Yams

extension SentinelConfiguration {
    static let plannerMethods = ["hw", "naive", "ols", "ar", "narx"]

    /// `planner:`: mode, source, method, season, refit_every, scale, protect.
    static func planner(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> Planner {
        var planner = Planner()
        let known = ["mode", "source", "method", "season", "refit_every", "scale", "protect", "breakers"]
        for entry in try reader.entries(node, "in planner", known: known) {
            switch entry.key {
            case "mode":
                guard let text = try reader.string(entry) else { continue }
                guard let mode = PlannerMode(rawValue: text) else {
                    throw reader.fail(entry.value, "mode must be dry-run or enforce, not '\(text)'")
                }
                planner.policy.mode = mode
            case "source": planner.source = try reader.nonEmptyString(entry)
            case "method":
                guard let text = try reader.string(entry) else { continue }
                try reader.require(
                    plannerMethods.contains(text), entry,
                    "method must be one of \(plannerMethods.joined(separator: ", ")), not '\(text)'")
                planner.method = text
            case "season": if let value = try atLeastOne(entry, reader) { planner.policy.season = value }
            case "refit_every": if let value = try atLeastOne(entry, reader) { planner.policy.refitEvery = value }
            case "scale": planner.policy.scale = try scale(entry.value, reader)
            case "breakers": planner.policy.breakers = try breakers(entry, reader)
            default: planner.policy.protect = try protect(entry.value, reader)
            }
        }
        return planner
    }

    /// `breakers:` — a list of `{ source, backend, server, open_after, open_seconds, close_after }`.
    private static func breakers(_ entry: ConfigurationReader.Entry, _ reader: ConfigurationReader) throws(ConfigurationError)
        -> [BreakerPolicy]
    {
        var breakers: [BreakerPolicy] = []
        let known = ["source", "backend", "server", "open_after", "open_seconds", "close_after"]
        for (index, item) in try reader.list(entry).enumerated() {
            var values: [String: String] = [:]
            var breaker = BreakerPolicy(source: "", backend: "", server: "")
            for field in try reader.entries(item, "in planner.breakers[\(index)]", known: known) {
                switch field.key {
                case "open_after": if let value = try atLeastOne(field, reader) { breaker.failureThreshold = value }
                case "close_after": if let value = try atLeastOne(field, reader) { breaker.successThreshold = value }
                case "open_seconds": if let value = try reader.positiveNumber(field, orZero: true) { breaker.openDuration = value }
                default: values[field.key] = try reader.nonEmptyString(field)
                }
            }
            for key in ["source", "backend", "server"] where values[key] == nil {
                throw reader.fail(item, "planner.breakers[\(index)] needs \(key)")
            }
            breaker.source = values["source"]!
            breaker.backend = values["backend"]!
            breaker.server = values["server"]!
            breakers.append(breaker)
        }
        return breakers
    }

    private static func atLeastOne(_ entry: ConfigurationReader.Entry, _ reader: ConfigurationReader) throws(ConfigurationError) -> Int? {
        guard let value = try reader.integer(entry) else { return nil }
        try reader.require(value >= 1, entry, "\(entry.key) must be at least 1, not \(ConfigurationReader.describe(entry.value))")
        return value
    }

    private static func scale(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> ScalePolicy? {
        if ConfigurationReader.isNull(node) { return nil }
        let known = [
            "target", "capacity_per_replica", "target_utilization", "tolerance", "min_replicas", "max_replicas",
            "scale_up_stabilization", "scale_down_stabilization", "horizon", "cooldown",
        ]
        var target: String?
        var capacity: Double?
        var policy = ScalePolicy(target: "", capacityPerReplica: 1)
        for entry in try reader.entries(node, "in planner.scale", known: known) {
            switch entry.key {
            case "target": target = try reader.nonEmptyString(entry)
            case "capacity_per_replica": capacity = try reader.positiveNumber(entry)
            case "target_utilization":
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value > 0 && value <= 1, entry,
                    "target_utilization must be more than 0 and at most 1, not \(ConfigurationReader.describe(entry.value))")
                policy.targetUtilization = value
            case "tolerance":
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value >= 0 && value < 1, entry, "tolerance must be from 0 to below 1, not \(ConfigurationReader.describe(entry.value))")
                policy.tolerance = value
            case "min_replicas": if let value = try atLeastOne(entry, reader) { policy.minReplicas = value }
            case "max_replicas": if let value = try atLeastOne(entry, reader) { policy.maxReplicas = value }
            case "horizon": if let value = try atLeastOne(entry, reader) { policy.horizon = value }
            case "scale_up_stabilization":
                if let value = try reader.positiveNumber(entry, orZero: true) { policy.scaleUpStabilization = value }
            case "scale_down_stabilization":
                if let value = try reader.positiveNumber(entry, orZero: true) { policy.scaleDownStabilization = value }
            default: if let value = try reader.positiveNumber(entry, orZero: true) { policy.cooldown = value }
            }
        }
        guard let target else { throw reader.fail(node, "planner.scale needs a target (the deployment or backend to scale)") }
        guard let capacity else { throw reader.fail(node, "planner.scale needs capacity_per_replica (the load one replica serves)") }
        guard policy.minReplicas <= policy.maxReplicas else {
            throw reader.fail(node, "planner.scale: min_replicas \(policy.minReplicas) is above max_replicas \(policy.maxReplicas)")
        }
        policy.target = target
        policy.capacityPerReplica = capacity
        return policy
    }

    private static func protect(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> ProtectPolicy {
        var policy = ProtectPolicy()
        let known = [
            "allow_list", "ttl", "rate_limit", "max_actions_per_minute", "max_blocked_sources", "prefix_threshold",
            "min_confidence", "responses",
        ]
        for entry in try reader.entries(node, "in planner.protect", known: known) {
            switch entry.key {
            case "allow_list":
                guard let list = try reader.strings(entry) else { continue }
                var prefixes: [SourcePrefix] = []
                for text in list {
                    do {
                        prefixes.append(try SourcePrefix(text))
                    } catch {
                        throw reader.fail(entry.value, "allow_list: \(error)")
                    }
                }
                policy.allowList = prefixes
            case "ttl": if let value = try reader.positiveNumber(entry) { policy.ttl = value }
            case "rate_limit": if let value = try reader.positiveNumber(entry) { policy.rateLimit = value }
            case "max_actions_per_minute": if let value = try atLeastOne(entry, reader) { policy.maxActionsPerMinute = value }
            case "max_blocked_sources": if let value = try atLeastOne(entry, reader) { policy.maxBlockedSources = value }
            case "prefix_threshold": if let value = try atLeastOne(entry, reader) { policy.prefixThreshold = value }
            case "min_confidence":
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value >= 0 && value <= 1, entry, "min_confidence must be from 0 to 1, not \(ConfigurationReader.describe(entry.value))")
                policy.minimumConfidence = value
            default: policy.responses = try responses(entry, reader)
            }
        }
        return policy
    }

    private static func responses(_ entry: ConfigurationReader.Entry, _ reader: ConfigurationReader) throws(ConfigurationError) -> [String:
        ProtectPolicy.Response]
    {
        guard case .mapping(let mapping) = entry.value else {
            throw reader.fail(
                entry.value, "responses must map class names to block, rate-limit or none, not \(ConfigurationReader.describe(entry.value))"
            )
        }
        var responses: [String: ProtectPolicy.Response] = [:]
        for (nameNode, value) in mapping {
            guard case .scalar(let name) = nameNode, !name.string.isEmpty else {
                throw reader.fail(nameNode, "class names in responses must be names, not \(ConfigurationReader.describe(nameNode))")
            }
            guard case .scalar(let text) = value, let response = ProtectPolicy.Response(rawValue: text.string) else {
                throw reader.fail(
                    value, "unknown action \(ConfigurationReader.describe(value)) for \(name.string): use block, rate-limit or none")
            }
            responses[name.string] = response
        }
        return responses
    }
}
