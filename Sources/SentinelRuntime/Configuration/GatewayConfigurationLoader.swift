import SentinelCore
import Yams

extension SentinelConfiguration {
    /// `gateway:`: `sources:`, `servers:` and `scaling:`, each one mapping with one adapter key.
    static func gateway(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> Gateway {
        var gateway = Gateway()
        for entry in try reader.entries(node, "in gateway", known: ["sources", "servers", "scaling", "upstreams"]) {
            if entry.key == "upstreams" {
                gateway.upstreams = try upstreams(entry, reader)
                continue
            }
            let adapter = try self.adapter(entry, reader)
            switch entry.key {
            case "sources": gateway.sources = adapter
            case "servers": gateway.servers = adapter
            default: gateway.scaling = adapter
            }
        }
        return gateway
    }

    /// `upstreams:`: addresses (`10.0.0.5`, `10.0.0.5:8080`, `[2001:db8::5]:443`) or prefixes (`10.0.1.0/24`).
    private static func upstreams(_ entry: ConfigurationReader.Entry, _ reader: ConfigurationReader) throws(ConfigurationError)
        -> [SourcePrefix]
    {
        guard let list = try reader.strings(entry) else { return [] }
        var prefixes: [SourcePrefix] = []
        for text in list {
            var address = text
            if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
                address = String(address[address.index(after: address.startIndex)..<close])
            } else if address.filter({ $0 == ":" }).count == 1, let colon = address.firstIndex(of: ":") {
                address = String(address[..<colon])
            }
            do {
                prefixes.append(try SourcePrefix(address))
            } catch {
                throw reader.fail(entry.value, "upstreams: '\(text)': \(error)")
            }
        }
        return prefixes
    }

    private static func adapter(_ entry: ConfigurationReader.Entry, _ reader: ConfigurationReader) throws(ConfigurationError) -> Gateway
        .Adapter?
    {
        if ConfigurationReader.isNull(entry.value) { return nil }
        let kinds: [String]
        switch entry.key {
        case "sources": kinds = ["haproxy", "nginx", "http", "exec"]
        case "servers": kinds = ["haproxy", "http", "exec"]
        default: kinds = ["kubernetes", "http", "exec"]
        }
        let entries = try reader.entries(entry.value, "in gateway.\(entry.key)", known: kinds)
        guard entries.count == 1, let only = entries.first else {
            throw reader.fail(entry.value, "gateway.\(entry.key) names exactly one adapter: \(kinds.joined(separator: ", "))")
        }
        let place = "in gateway.\(entry.key).\(only.key)"
        var values: [String: String] = [:]
        var command: [String]?
        let known: [String]
        switch only.key {
        case "haproxy": known = ["socket", "address", "block_map", "rate_limit_map", "rate_table", "config"]
        case "nginx": known = ["include", "config"]
        case "kubernetes": known = ["api", "token_file", "ca_file", "namespace", "min_replicas", "max_replicas"]
        case "http": known = ["url", "secret_env", "secret_file"]
        default: known = ["command"]
        }
        for field in try reader.entries(only.value, place, known: known) {
            if field.key == "command" {
                command = try reader.strings(field)
            } else if let text = try reader.nonEmptyString(field) {
                values[field.key] = text
            }
        }
        func require(_ key: String) throws(ConfigurationError) -> String {
            guard let value = values[key] else { throw reader.fail(only.value, "gateway.\(entry.key).\(only.key) needs \(key)") }
            return value
        }
        func count(_ key: String, _ fallback: Int) throws(ConfigurationError) -> Int {
            guard let text = values[key] else { return fallback }
            guard let value = Int(text), value >= 0 else { throw reader.fail(only.value, "\(key) must be a whole number, not '\(text)'") }
            return value
        }
        switch only.key {
        case "haproxy":
            guard (values["socket"] == nil) != (values["address"] == nil) else {
                throw reader.fail(
                    only.value, "gateway.\(entry.key).haproxy needs exactly one of socket (a unix socket path) or address (host:port)")
            }
            if let address = values["address"], !isHostPort(address) {
                throw reader.fail(only.value, "address must be host:port, not '\(address)'")
            }
            return .haproxy(
                socket: values["socket"], address: values["address"], blockMap: values["block_map"],
                rateLimitMap: values["rate_limit_map"], rateTable: values["rate_table"], config: values["config"])
        case "nginx": return .nginx(include: try require("include"), config: values["config"])
        case "kubernetes":
            let minimum = try count("min_replicas", 1), maximum = try count("max_replicas", 10)
            guard minimum <= maximum else { throw reader.fail(only.value, "min_replicas \(minimum) is above max_replicas \(maximum)") }
            return .kubernetes(
                api: values["api"], tokenFile: values["token_file"], caFile: values["ca_file"],
                namespace: values["namespace"] ?? "default", minReplicas: minimum, maxReplicas: maximum)
        case "http":
            guard (values["secret_env"] == nil) != (values["secret_file"] == nil) else {
                throw reader.fail(only.value, "gateway.\(entry.key).http needs exactly one of secret_env or secret_file")
            }
            return .http(url: try require("url"), secretEnv: values["secret_env"], secretFile: values["secret_file"])
        default:
            guard let command, !command.isEmpty else {
                throw reader.fail(only.value, "gateway.\(entry.key).exec needs command: [program, arguments…]")
            }
            return .exec(command: command)
        }
    }
}
