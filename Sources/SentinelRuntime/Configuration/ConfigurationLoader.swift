import Foundation
import SentinelCapture
import SentinelStore
import Yams

extension SentinelConfiguration {
    /// The top-level sections, in the order the example file gives them.
    package static let sectionNames = [
        "sentinel", "capture", "logs", "incidents", "alerts", "anomalies", "baseline", "planner", "gateway", "http", "privileges",
        "log", "events",
    ]
    /// The webhook payload formats.
    package static let webhookFormats = ["sentinel", "slack", "alertmanager"]

    /// Reads and validates a configuration file (`rules/sentinel.yaml`). An empty file is all
    /// defaults; any error names the file and, where the YAML says it, the line and column.
    /// Relative paths in the file are resolved against its folder (``resolvingPaths(against:)``).
    package static func load(path: String) throws(ConfigurationError) -> SentinelConfiguration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigurationError.unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ConfigurationError.unreadable(path: path, reason: "is a directory, not a configuration file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError.unreadable(path: path, reason: "cannot be read (permission denied?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError.unreadable(path: path, reason: "is not UTF-8 text")
        }
        return try parse(text, path: path).resolvingPaths(against: folder(of: path))
    }

    /// Validates configuration text; `path` only names it in errors.
    package static func parse(_ text: String, path: String) throws(ConfigurationError) -> SentinelConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, text: text, path: path)
        } catch {
            throw ConfigurationError.syntax(path: path, line: 1, column: 1, reason: "invalid YAML: \(error)")
        }
        var configuration = SentinelConfiguration()
        guard let root else { return configuration }
        let reader = ConfigurationReader(path: path)
        if case .mapping = root {
        } else if !ConfigurationReader.isNull(root) {
            throw reader.fail(
                root,
                "the configuration must be a mapping of sections (\(sectionNames.joined(separator: ", "))), not \(ConfigurationReader.describe(root))"
            )
        }
        for entry in try reader.entries(root, "at the top level", known: sectionNames) {
            switch entry.key {
            case "sentinel": configuration.sentinel = try general(entry.value, reader)
            case "capture": configuration.capture = try capture(entry.value, reader)
            case "logs": configuration.logs = try logs(entry, reader)
            case "incidents": configuration.incidents = try incidents(entry.value, reader)
            case "alerts": configuration.webhooks = try alerts(entry.value, reader)
            case "http": configuration.http = try http(entry.value, reader)
            case "planner": configuration.planner = try planner(entry.value, reader)
            case "anomalies": configuration.anomalies = try anomalies(entry.value, reader)
            case "baseline": configuration.baseline = try baseline(entry.value, reader)
            case "gateway": configuration.gateway = try gateway(entry.value, reader)
            case "log": configuration.log = try logOutput(entry.value, reader)
            case "events": configuration.events = try events(entry.value, reader)
            default: configuration.privileges = try privileges(entry.value, reader)
            }
        }
        return configuration
    }

    // MARK: - Sections

    private static func general(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> General {
        var general = General()
        for entry in try reader.entries(
            node, "in sentinel",
            known: [
                "host", "window", "model", "log_model", "store", "store_password_file", "leader_lease_seconds", "retention_hours",
                "load_retention_days", "store_buffer_writes",
            ])
        {
            switch entry.key {
            case "host": general.host = try reader.nonEmptyString(entry)
            case "window":
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value > 0 && value <= 86_400, entry,
                    "window must be more than 0 and at most 86400 seconds, not \(ConfigurationReader.describe(entry.value))")
                try reader.require(
                    value >= 0.001, entry, "window must be at least 0.001 seconds, not \(ConfigurationReader.describe(entry.value))")
                general.window = value
            case "model": general.model = try reader.nonEmptyString(entry)
            case "log_model": general.logModel = try reader.nonEmptyString(entry)
            case "store":
                guard let value = try reader.nonEmptyString(entry) else { continue }
                do {
                    _ = try StoreLocation(value)
                } catch {
                    guard URLComponents(string: value)?.password == nil else {
                        throw reader.fail(
                            entry.value,
                            ConfigurationError.secretsReason
                                + " (the store URL holds a password: use SENTINEL_STORE_PASSWORD or store_password_file)")
                    }
                    throw reader.fail(entry.value, error.description)
                }
                general.store = value
            case "store_password_file": general.storePasswordFile = try reader.nonEmptyString(entry)
            case "leader_lease_seconds":
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value >= 3 && value <= 300, entry,
                    "leader_lease_seconds must be from 3 to 300, not \(ConfigurationReader.describe(entry.value))")
                general.leaderLeaseSeconds = value
            case "load_retention_days":
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value >= 1, entry, "load_retention_days must be 1 or more, not \(ConfigurationReader.describe(entry.value))")
                general.loadRetentionDays = value
            case "store_buffer_writes":
                guard let value = try reader.integer(entry) else { continue }
                try reader.require(
                    value >= 1 && value <= 10_000_000, entry,
                    "store_buffer_writes must be from 1 to 10000000, not \(ConfigurationReader.describe(entry.value))")
                general.storeBufferWrites = value
            default:
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value > 0, entry, "retention_hours must be more than 0, not \(ConfigurationReader.describe(entry.value))")
                general.retentionHours = value
            }
        }
        return general
    }

    private static func capture(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> Capture {
        var capture = Capture()
        let known = ["interfaces", "filter", "snaplen", "buffer_mb", "max_flows", "queue_capacity"]
        for entry in try reader.entries(node, "in capture", known: known) {
            switch entry.key {
            case "interfaces": capture.interfaces = try reader.strings(entry) ?? []
            case "filter":
                let filter = try reader.string(entry)
                capture.filter = filter?.trimmingCharacters(in: .whitespaces).isEmpty == true ? nil : filter
            default:
                guard let value = try reader.integer(entry) else { continue }
                let shown = ConfigurationReader.describe(entry.value)
                switch entry.key {
                case "snaplen":
                    try reader.require(value >= 64, entry, "snaplen must be at least 64 bytes, not \(shown)")
                    // libpcap's largest snapshot (MAXIMUM_SNAPLEN); beyond Int32 the capture start traps.
                    try reader.require(value <= 262_144, entry, "snaplen must be at most 262144 bytes (libpcap's largest), not \(shown)")
                    capture.snaplen = value
                case "buffer_mb":
                    try reader.require((1...2047).contains(value), entry, "buffer_mb must be from 1 to 2047 MiB, not \(shown)")
                    capture.bufferMB = value
                case "max_flows":
                    try reader.require(value >= 1, entry, "max_flows must be at least 1, not \(shown)")
                    try reader.require(value <= 100_000_000, entry, "max_flows must be at most 100000000, not \(shown)")
                    capture.maxFlows = value
                default:
                    try reader.require(value >= 1024, entry, "queue_capacity must be at least 1024 frames, not \(shown)")
                    try reader.require(value <= 16_777_216, entry, "queue_capacity must be at most 16777216 frames, not \(shown)")
                    capture.queueCapacity = value
                }
            }
        }
        return capture
    }

    private static func logs(_ entry: ConfigurationReader.Entry, _ reader: ConfigurationReader) throws(ConfigurationError) -> [Log] {
        var logs: [Log] = []
        var seen: [String: Int] = [:]
        let known = ["path", "format", "slow_threshold", "optional", "fields"]
        for (index, item) in try reader.list(entry).enumerated() {
            guard case .mapping = item else {
                throw reader.fail(
                    item,
                    "each entry of logs must be a mapping with a path (and optionally format, slow_threshold, optional), not \(ConfigurationReader.describe(item))"
                )
            }
            var path: String?
            var log = Log(path: "")
            var fieldsEntry: ConfigurationReader.Entry?
            for field in try reader.entries(item, "in logs[\(index)]", known: known) {
                switch field.key {
                case "path":
                    path = try reader.nonEmptyString(field)
                    if let path, let line = seen[path] {
                        throw reader.fail(field.value, "log '\(path)' is listed twice (first at line \(line))")
                    }
                    if let path { seen[path] = field.value.mark?.line ?? 1 }
                case "format":
                    guard let text = try reader.string(field) else { continue }
                    guard let format = LogFormat(rawValue: text) else {
                        throw reader.fail(
                            field.value,
                            "format must be one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
                    }
                    log.format = format
                case "optional":
                    guard let value = try reader.bool(field) else { continue }
                    log.optional = value
                case "fields": fieldsEntry = field
                default:
                    guard let value = try reader.positiveNumber(field, unit: "seconds") else { continue }
                    log.slowThreshold = value
                }
            }
            guard let path else { throw reader.fail(item, "logs[\(index)] needs a path") }
            log.path = path
            if let fieldsEntry {
                guard log.format.fieldNames != nil || log.format == .auto else {
                    throw reader.fail(
                        fieldsEntry.keyNode,
                        "fields name JSON keys: use them with format json, caddy, traefik or envoy, not \(log.format.rawValue)")
                }
                // The names given replace the preset's; the others stay the preset's.
                log.fields = try logFields(fieldsEntry, over: log.format.fieldNames ?? .nginx, reader)
                if log.format == .auto, log.fields != nil { log.format = .json }
            }
            logs.append(log)
        }
        return logs
    }

    private static func incidents(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> Incidents {
        var incidents = Incidents()
        for entry in try reader.entries(node, "in incidents", known: ["open_after", "resolve_after", "cooldown", "classes"]) {
            switch entry.key {
            case "open_after": if let value = try windows(entry, reader) { incidents.openAfter = value }
            case "resolve_after": if let value = try windows(entry, reader) { incidents.resolveAfter = value }
            case "cooldown":
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value >= 0, entry, "cooldown must be 0 or more seconds, not \(ConfigurationReader.describe(entry.value))")
                incidents.cooldown = value
            default: incidents.classes = try classes(entry, reader)
            }
        }
        return incidents
    }

    /// `open_after` / `resolve_after`: a count of windows, at least 1.
    private static func windows(_ entry: ConfigurationReader.Entry, _ reader: ConfigurationReader) throws(ConfigurationError) -> Int? {
        guard let value = try reader.integer(entry) else { return nil }
        try reader.require(value >= 1, entry, "\(entry.key) must be at least 1 window, not \(ConfigurationReader.describe(entry.value))")
        return value
    }

    private static func classes(_ entry: ConfigurationReader.Entry, _ reader: ConfigurationReader) throws(ConfigurationError) -> [String:
        ClassOverride]
    {
        if ConfigurationReader.isNull(entry.value) { return [:] }
        guard case .mapping(let mapping) = entry.value else {
            throw reader.fail(
                entry.value, "classes must be a mapping of class names to overrides, not \(ConfigurationReader.describe(entry.value))")
        }
        var classes: [String: ClassOverride] = [:]
        for (nameNode, value) in mapping {
            guard case .scalar(let scalar) = nameNode, !scalar.string.isEmpty else {
                throw reader.fail(nameNode, "class names in classes must be names, not \(ConfigurationReader.describe(nameNode))")
            }
            var override = ClassOverride()
            for field in try reader.entries(value, "in classes.\(scalar.string)", known: ["open_after", "resolve_after"]) {
                if field.key == "open_after" {
                    override.openAfter = try windows(field, reader)
                } else {
                    override.resolveAfter = try windows(field, reader)
                }
            }
            classes[scalar.string] = override
        }
        return classes
    }

    private static func alerts(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> [Webhook] {
        var webhooks: [Webhook] = []
        for entry in try reader.entries(node, "in alerts", known: ["webhooks"]) {
            var seen: [String: Int] = [:]
            for (index, item) in try reader.list(entry).enumerated() {
                let webhook = try self.webhook(item, index: index, reader)
                if let line = seen[webhook.name] {
                    throw reader.fail(nameNode(item) ?? item, "duplicate webhook name '\(webhook.name)' (first at line \(line))")
                }
                seen[webhook.name] = nameNode(item)?.mark?.line ?? 1
                webhooks.append(webhook)
            }
        }
        return webhooks
    }

    /// The value node of a webhook's `name`.
    private static func nameNode(_ item: Node) -> Node? { item.mapping?["name"] }

    private static func webhook(_ item: Node, index: Int, _ reader: ConfigurationReader) throws(ConfigurationError) -> Webhook {
        guard case .mapping = item else {
            throw reader.fail(
                item, "each entry of webhooks must be a mapping with a name and a url, not \(ConfigurationReader.describe(item))")
        }
        let known = ["name", "url", "url_env", "format", "secret_env", "secret_file", "timeout"]
        var name: String?, url: String?
        var webhook = Webhook(name: "", url: "")
        for field in try reader.entries(item, "in alerts.webhooks[\(index)]", known: known) {
            switch field.key {
            case "name": name = try reader.nonEmptyString(field)
            case "url":
                guard let text = try reader.nonEmptyString(field) else { continue }
                let components = URLComponents(string: text)
                if components?.password != nil || components?.user != nil {
                    throw reader.fail(field.value, ConfigurationError.secretsReason + " (the url holds a user or password)")
                }
                guard let components, let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
                    let host = components.host, !host.isEmpty
                else {
                    throw reader.fail(field.value, "url must be an http:// or https:// URL with a host, not '\(text)'")
                }
                url = text
            case "format":
                guard let text = try reader.string(field) else { continue }
                guard webhookFormats.contains(text) else {
                    throw reader.fail(field.value, "format must be one of \(webhookFormats.joined(separator: ", ")), not '\(text)'")
                }
                webhook.format = text
            case "url_env": webhook.urlEnv = try environmentName(field, reader)
            case "secret_env": webhook.secretEnv = try environmentName(field, reader)
            case "secret_file": webhook.secretFile = try reader.nonEmptyString(field)
            default:
                guard let value = try reader.positiveNumber(field, unit: "seconds") else { continue }
                webhook.timeout = value
            }
        }
        guard let name else { throw reader.fail(item, "webhooks[\(index)] needs a name") }
        guard (url == nil) != (webhook.urlEnv == nil) else {
            throw reader.fail(item, "webhook '\(name)' needs exactly one of url or url_env" + (url == nil ? "" : ", not both"))
        }
        guard (webhook.secretEnv == nil) != (webhook.secretFile == nil) else {
            throw reader.fail(
                item,
                "webhook '\(name)' needs exactly one of secret_env or secret_file"
                    + (webhook.secretEnv == nil ? "" : ", not both"))
        }
        webhook.name = name
        webhook.url = url ?? ""
        return webhook
    }

    /// The name of an environment variable (`secret_env`, `url_env`): letters, digits and _.
    private static func environmentName(_ field: ConfigurationReader.Entry, _ reader: ConfigurationReader) throws(ConfigurationError)
        -> String?
    {
        guard let text = try reader.nonEmptyString(field) else { return nil }
        // Never echo the value: a wrong one is likely the secret itself.
        guard text.first.map({ $0 == "_" || ($0.isASCII && $0.isLetter) }) == true,
            text.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
        else {
            throw reader.fail(
                field.value,
                ConfigurationError.secretsReason
                    + " (\(field.key) names an environment variable: letters, digits and _)")
        }
        return text
    }

    private static func http(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> HTTP {
        var http = HTTP()
        for entry in try reader.entries(node, "in http", known: ["listen", "token_env", "token_file"]) {
            switch entry.key {
            case "token_env": http.tokenEnv = try environmentName(entry, reader)
            case "token_file": http.tokenFile = try reader.nonEmptyString(entry)
            default:
                guard let listen = try reader.nonEmptyString(entry) else { continue }
                try reader.require(
                    isHostPort(listen), entry, "listen must be host:port (like 127.0.0.1:9466 or [::1]:9466), not '\(listen)'")
                http.listen = listen
            }
        }
        if http.tokenEnv != nil, http.tokenFile != nil {
            throw reader.fail(node, "http needs at most one of token_env or token_file, not both")
        }
        return http
    }

    /// Whether `text` is `host:port` or `[ipv6]:port` with a port from 1 to 65535.
    static func isHostPort(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":") else { return false }
        var host = Substring(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (1...65_535).contains(port) else { return false }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]") else { return false }
            host = host.dropFirst().dropLast()
            return !host.isEmpty && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return !host.isEmpty && !host.contains(":") && !host.contains(where: \.isWhitespace)
    }

    private static func privileges(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> Privileges {
        var privileges = Privileges()
        for entry in try reader.entries(node, "in privileges", known: ["user"]) {
            privileges.user = try reader.nonEmptyString(entry)
        }
        return privileges
    }

    // MARK: - YAML errors

    /// The line after `first` where a block-style `key:` at the same column repeats (nil: not found).
    private static func repeatedKeyLine(_ key: String, after first: Mark, in text: String) -> Int? {
        let indent = String(repeating: " ", count: max(first.column - 1, 0))
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().dropFirst(first.line) {
            guard line.hasPrefix(indent) else { continue }
            let rest = line.dropFirst(indent.count)
            for spelling in [key, "'\(key)'", "\"\(key)\""] where rest.hasPrefix(spelling) {
                if rest.dropFirst(spelling.count).drop(while: { $0 == " " }).hasPrefix(":") { return offset + 1 }
            }
        }
        return nil
    }

    private static func syntaxError(_ error: YamlError, text: String, path: String) -> ConfigurationError {
        func located(_ problem: String, _ mark: Mark, _ context: YamlError.Context?) -> ConfigurationError {
            var reason = "invalid YAML: \(problem)"
            if let context { reason += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return .syntax(path: path, line: mark.line, column: mark.column, reason: reason)
        }
        switch error {
        case let .scanner(context, problem, mark, _): return located(problem, mark, context)
        case let .parser(context, problem, mark, _): return located(problem, mark, context)
        case let .composer(context, problem, mark, _): return located(problem, mark, context)
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let first = context.mark
            let again = duplicates.count == 1 ? repeatedKeyLine(duplicates[0], after: first, in: text) : nil
            return .syntax(
                path: path, line: again ?? first.line, column: first.column,
                reason: "key \(names) is given twice in the same mapping" + (again == nil ? "" : " (first at line \(first.line))"))
        case let .reader(problem, offset, _, _):
            var line = 1, column = 1
            if let offset {
                for character in text.unicodeScalars.prefix(offset) {
                    if character == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            return .syntax(path: path, line: line, column: column, reason: "unreadable text: \(problem)")
        default:
            return .syntax(path: path, line: 1, column: 1, reason: "invalid YAML: \(error)")
        }
    }
}
