import Foundation
import SentinelAlerts
import SentinelCapture

/// The long-running sentinel's configuration (`rules/sentinel.yaml`): what to watch, which
/// model classifies, where the store lives, when incidents open and where alerts go.
///
/// Every field has a default, so a file names only what it changes. Secrets never live here:
/// a webhook names the environment variable or file that holds its secret.
public struct SentinelConfiguration: Sendable, Equatable {
    /// General settings.
    public var sentinel = General()
    /// Live capture.
    public var capture = Capture()
    /// Access logs to tail.
    public var logs: [Log] = []
    /// When incidents open and resolve.
    public var incidents = Incidents()
    /// Where alerts go.
    public var webhooks: [Webhook] = []
    /// The HTTP endpoint (`/metrics`, `/healthz`, `/api/status`).
    public var http = HTTP()
    /// Privileges after start-up.
    public var privileges = Privileges()
    /// The online anomaly scorer on load and latency series.
    public var anomalies = Anomalies()
    /// Where an enforcing planner's actions go.
    public var gateway = Gateway()
    /// Forecasting, scaling and protection (nil: no planner).
    public var planner: Planner?

    /// The defaults.
    public init() {}

    /// `sentinel:` — general settings.
    public struct General: Sendable, Equatable {
        /// The name alerts give this host (default: the host name).
        public var host: String?
        /// Window length in seconds.
        public var window: Double = 1
        /// The model file (default: the shipped model).
        public var model: String?
        /// The access-log window model file (default: the shipped `models/logs.json`).
        public var logModel: String?
        /// The SQLite store.
        public var store: String = "./sentinel.db"
        /// Hours of windows kept in the store.
        public var retentionHours: Double = 168
        /// Creates the defaults.
        public init() {}
    }

    /// `capture:` — live capture.
    public struct Capture: Sendable, Equatable {
        /// Interfaces to capture on (none: logs only).
        public var interfaces: [String] = []
        /// BPF filter.
        public var filter: String?
        /// Bytes kept per packet.
        public var snaplen: Int = 256
        /// Kernel buffer in MiB.
        public var bufferMB: Int = 16
        /// Most flows held.
        public var maxFlows: Int = 1_000_000
        /// Frames queued between the capture thread and analysis; overflow is counted, never waited on.
        public var queueCapacity: Int = 65_536
        /// Creates the defaults.
        public init() {}
    }

    /// One entry of `logs:`.
    public struct Log: Sendable, Equatable {
        /// The log file.
        public var path: String
        /// `auto`, `combined`, `haproxy` or `json`.
        public var format: LogFormat = .auto
        /// Seconds after which a request is slow.
        public var slowThreshold: Double = 1
        /// Creates an entry.
        public init(path: String) { self.path = path }
    }

    /// `incidents:` — opening and resolving.
    public struct Incidents: Sendable, Equatable {
        /// Consecutive attack windows that open an incident.
        public var openAfter: Int = 3
        /// Consecutive normal windows that resolve it.
        public var resolveAfter: Int = 5
        /// Seconds during which the same (class, target) is not announced again.
        public var cooldown: Double = 300
        /// Per-class `open_after` / `resolve_after` overrides.
        public var classes: [String: ClassOverride] = [:]
        /// Creates the defaults.
        public init() {}
    }

    /// Per-class incident settings.
    public struct ClassOverride: Sendable, Equatable {
        /// Overrides `open_after`.
        public var openAfter: Int?
        /// Overrides `resolve_after`.
        public var resolveAfter: Int?
        /// Creates an override.
        public init(openAfter: Int? = nil, resolveAfter: Int? = nil) {
            self.openAfter = openAfter
            self.resolveAfter = resolveAfter
        }
    }

    /// One entry of `alerts: webhooks:`.
    public struct Webhook: Sendable, Equatable {
        /// A unique name (in the outbox and `sentinel alerts`).
        public var name: String
        /// Where to POST (empty when ``urlEnv`` gives it).
        public var url: String
        /// The environment variable holding the URL instead (a Slack incoming-webhook URL
        /// carries its token, so it is a secret too).
        public var urlEnv: String?
        /// `sentinel`, `slack` or `alertmanager`.
        public var format: String = "sentinel"
        /// The environment variable holding the signing secret.
        public var secretEnv: String?
        /// The file holding the signing secret.
        public var secretFile: String?
        /// Seconds to wait for the receiver.
        public var timeout: Double = 5
        /// Creates an entry.
        public init(name: String, url: String) {
            self.name = name
            self.url = url
        }

        /// The URL to POST to: ``url``, or the value of ``urlEnv`` in `environment`.
        /// - Throws: a message naming the variable (never its value) when it is not set.
        public func resolvedURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws(AlertsError) -> String {
            guard let urlEnv else { return url }
            guard let value = environment[urlEnv]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw .urlVariableMissing(webhook: name, variable: urlEnv)
            }
            return value
        }
    }

    /// `http:` — the endpoint.
    public struct HTTP: Sendable, Equatable {
        /// `host:port` to listen on (loopback unless configured otherwise).
        public var listen: String = "127.0.0.1:9466"
        /// Creates the defaults.
        public init() {}
    }

    /// `privileges:` — dropping root after the capture handles are open.
    public struct Privileges: Sendable, Equatable {
        /// The user to become (nil: stay as started).
        public var user: String?
        /// Creates the defaults.
        public init() {}
    }
}
