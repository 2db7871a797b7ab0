import Foundation
import SentinelStore

/// Checks what `sentinel run` will need from a configuration, beyond the file being valid:
/// the models load and fit their windows, the interfaces exist, the secrets are set (their
/// values are never shown), the logs exist or are declared optional, the gateway endpoints
/// parse, the store's folder exists. `sentinel rules check` prints its findings; `run`
/// prints its warnings at start.
package struct ConfigurationCheck: Sendable {
    /// The configuration, paths resolved (``SentinelConfiguration/load(path:)``).
    package var configuration: SentinelConfiguration
    /// The environment secrets and model overrides are read from.
    package var environment: [String: String]
    /// Whether a network interface of this name exists.
    package var interfaceExists: @Sendable (String) -> Bool

    /// A check of `configuration` against this host.
    package init(
        configuration: SentinelConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment,
        interfaceExists: @escaping @Sendable (String) -> Bool = ConfigurationCheck.systemInterfaceExists
    ) {
        self.configuration = configuration
        self.environment = environment
        self.interfaceExists = interfaceExists
    }

    /// Every finding, errors first.
    package func all() -> [CheckFinding] {
        let findings = models() + interfaces() + logs() + secrets() + gateway() + store() + privileges() + events() + coverage()
        return findings.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
    }

    /// The store's folder must exist: SQLite creates the file, not its folders.
    package func store() -> [CheckFinding] {
        let path = configuration.sentinel.store
        // A PostgreSQL store has no folder; its URL and password are checked when it is opened.
        guard !PostgresStoreURL.isPostgres(path) else { return [] }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [
                CheckFinding(
                    .error, "store \(path)", "its folder \(folder) does not exist (create it, owned by the user the sentinel runs as)")
            ]
        }
        return []
    }

    /// `privileges.user` must be a user of this host.
    package func privileges() -> [CheckFinding] {
        guard let user = configuration.privileges.user else { return [] }
        guard getpwnam(user) != nil else {
            return [CheckFinding(.error, "privileges.user", "no user '\(user)' on this host (the package creates 'sentinel')")]
        }
        return []
    }

    /// Things that run but probably not as meant: nothing watched, alerts going nowhere,
    /// the endpoint open to the network, an enforcing planner with nothing to enforce through.
    package func coverage() -> [CheckFinding] {
        var findings: [CheckFinding] = []
        if configuration.capture.interfaces.isEmpty && configuration.logs.isEmpty {
            findings.append(CheckFinding(.warning, "sources", "no capture.interfaces and no logs: the sentinel would watch nothing"))
        }
        if configuration.webhooks.isEmpty {
            findings.append(CheckFinding(.warning, "alerts", "no webhook: incidents are stored but nobody is told (add alerts.webhooks)"))
        }
        // Off loopback without a token is an error (``secrets()``); with one, worth a note.
        let http = configuration.http
        if !EndpointAccess.isLoopback(http.listen), http.tokenEnv != nil || http.tokenFile != nil {
            findings.append(
                CheckFinding(
                    .note, "http.listen",
                    "\(http.listen) serves /metrics and /api/status beyond this host, to requests with the bearer token"))
        }
        if let planner = configuration.planner, planner.policy.mode == .enforce,
            configuration.gateway.sources == nil && configuration.gateway.scaling == nil
        {
            findings.append(
                CheckFinding(.warning, "planner", "mode is enforce but gateway names no sources or scaling adapter: nothing is enforced"))
        }
        return findings
    }
}
