import Foundation
import SentinelStore

extension SentinelConfiguration {
    /// The configuration with every relative file path made absolute against `directory`
    /// (the configuration file's folder), so a file means the same from any working
    /// directory: the models, the store, the logs (and a planner or breaker source naming
    /// one), secret files, and the gateways' sockets, includes, token files and a relative
    /// command. Interface names, URLs and addresses are not paths and stay as written.
    package func resolvingPaths(against directory: String) -> SentinelConfiguration {
        func resolve(_ path: String) -> String { Self.resolve(path, against: directory) }
        var resolved = self
        resolved.sentinel.model = sentinel.model.map(resolve)
        resolved.sentinel.logModel = sentinel.logModel.map(resolve)
        // A PostgreSQL URL is not a path; its password file is.
        resolved.sentinel.store = PostgresStoreURL.isPostgres(sentinel.store) ? sentinel.store : resolve(sentinel.store)
        resolved.sentinel.storePasswordFile = sentinel.storePasswordFile.map(resolve)
        resolved.baseline.file = baseline.file.map(resolve)
        resolved.baseline.model = baseline.model.map(resolve)
        resolved.events?.path = events.map { resolve($0.path) } ?? ""
        for index in resolved.logs.indices { resolved.logs[index].path = resolve(logs[index].path) }
        for index in resolved.webhooks.indices { resolved.webhooks[index].secretFile = webhooks[index].secretFile.map(resolve) }
        resolved.http.tokenFile = http.tokenFile.map(resolve)
        // A planner or breaker source names a log by its path (resolved like the log) or an interface.
        let logPaths = Set(logs.map(\.path))
        func source(_ name: String) -> String { logPaths.contains(name) ? resolve(name) : name }
        if var planner {
            planner.source = planner.source.map(source)
            for index in planner.policy.breakers.indices {
                planner.policy.breakers[index].source = source(planner.policy.breakers[index].source)
            }
            resolved.planner = planner
        }
        resolved.gateway.sources = gateway.sources.map { $0.resolvingPaths(against: directory) }
        resolved.gateway.servers = gateway.servers.map { $0.resolvingPaths(against: directory) }
        resolved.gateway.scaling = gateway.scaling.map { $0.resolvingPaths(against: directory) }
        return resolved
    }

    /// `path` made absolute against `directory` (an absolute path stays as it is).
    package static func resolve(_ path: String, against directory: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
    }

    /// The absolute folder of a configuration file named `path` (relative to the working directory).
    package static func folder(of path: String) -> String {
        let absolute = resolve(path, against: FileManager.default.currentDirectoryPath)
        return URL(fileURLWithPath: absolute).deletingLastPathComponent().path
    }
}

extension SentinelConfiguration.Gateway.Adapter {
    /// The adapter with its file paths made absolute against `directory`.
    func resolvingPaths(against directory: String) -> Self {
        func resolve(_ path: String) -> String { SentinelConfiguration.resolve(path, against: directory) }
        switch self {
        case let .haproxy(socket, address, blockMap, rateLimitMap, rateTable, config):
            return .haproxy(
                socket: socket.map(resolve), address: address, blockMap: blockMap, rateLimitMap: rateLimitMap, rateTable: rateTable,
                config: config.map(resolve))
        case let .nginx(include, config):
            return .nginx(include: resolve(include), config: config.map(resolve))
        case let .kubernetes(api, tokenFile, caFile, namespace, minReplicas, maxReplicas):
            return .kubernetes(
                api: api, tokenFile: tokenFile.map(resolve), caFile: caFile.map(resolve), namespace: namespace,
                minReplicas: minReplicas, maxReplicas: maxReplicas)
        case let .http(url, secretEnv, secretFile):
            return .http(url: url, secretEnv: secretEnv, secretFile: secretFile.map(resolve))
        case let .exec(command):
            // A bare program name is looked up on PATH; only a relative path is resolved.
            guard let program = command.first, program.contains("/") else { return self }
            return .exec(command: [resolve(program)] + command.dropFirst())
        }
    }
}
