/// Every file and address the sentinel will use, with where each came from: printed once at
/// the start of `sentinel run` and by `sentinel rules check`, so an operator sees what a
/// relative path or an environment variable turned into.
package struct PathReport: Sendable, Equatable {
    /// One path.
    package struct Entry: Sendable, Equatable {
        /// What it is (`configuration`, `model`, `store`, `log`, …).
        package var role: String
        /// The path (or address).
        package var path: String
        /// Where it came from or how it is used (may be empty).
        package var note: String
    }

    /// The paths, in the order they are printed.
    package var entries: [Entry] = []

    /// The paths of `configuration`, read from `file`, with these model choices.
    package init(
        configuration: SentinelConfiguration, file: ConfigurationLocator.Choice, model: ModelChoice, logModel: ModelChoice,
        siteModel: ModelChoice? = nil
    ) {
        add("configuration", file.path, file.origin)
        add("model", model.path ?? "none", model.origin)
        if !configuration.logs.isEmpty { add("log model", logModel.path ?? "none", logModel.origin) }
        if let siteModel { add("site model", siteModel.path ?? "none", siteModel.origin) }
        add("store", configuration.sentinel.store, "")
        for log in configuration.logs {
            add("log", log.path, log.format.rawValue + (log.optional ? ", optional" : ""))
        }
        for hook in configuration.webhooks {
            if let file = hook.secretFile { add("secret file", file, "webhook \(hook.name)") }
        }
        for (name, adapter) in [
            ("sources", configuration.gateway.sources), ("servers", configuration.gateway.servers),
            ("scaling", configuration.gateway.scaling),
        ] {
            guard let adapter else { continue }
            for (role, path) in Self.paths(of: adapter) { add(role, path, "gateway.\(name)") }
        }
        if let events = configuration.events { add("events", events.path, "verdicts: \(events.verdicts.rawValue)") }
        add("http", configuration.http.listen, "/metrics, /healthz, /api/status")
        if let file = configuration.http.tokenFile { add("token file", file, "http") }
    }

    /// Aligned lines, `  role  path  (note)`.
    package var lines: [String] {
        let width = entries.map(\.role.count).max() ?? 0
        return entries.map { entry in
            let role = entry.role + String(repeating: " ", count: width - entry.role.count)
            return "  \(role)  \(entry.path)" + (entry.note.isEmpty ? "" : "  (\(entry.note))")
        }
    }

    private mutating func add(_ role: String, _ path: String, _ note: String) {
        entries.append(Entry(role: role, path: path, note: note))
    }

    /// The files (and addresses) an adapter uses.
    private static func paths(of adapter: SentinelConfiguration.Gateway.Adapter) -> [(String, String)] {
        switch adapter {
        case let .haproxy(socket, address, _, _, _, config):
            return [("haproxy", socket ?? address ?? "")] + (config.map { [("haproxy config", $0)] } ?? [])
        case let .nginx(include, config):
            return [("nginx include", include)] + (config.map { [("nginx config", $0)] } ?? [])
        case let .kubernetes(api, tokenFile, caFile, _, _, _):
            return [("kubernetes", api ?? "in-cluster")] + (tokenFile.map { [("token file", $0)] } ?? [])
                + (caFile.map { [("ca file", $0)] } ?? [])
        case let .http(url, _, secretFile):
            return [("controller", url)] + (secretFile.map { [("secret file", $0)] } ?? [])
        case let .exec(command):
            return [("command", command.first ?? "")]
        }
    }
}
