import Foundation
import SentinelAlerts
import SentinelCapture

/// The long-running sentinel's configuration (`rules/sentinel.yaml`): what to watch, which
/// model classifies, where the store lives, when incidents open and where alerts go.
///
/// Every field has a default, so a file names only what it changes. Secrets never live here:
/// a webhook names the environment variable or file that holds its secret.
package struct SentinelConfiguration: Sendable, Equatable {
    /// General settings.
    package var sentinel = General()
    /// Live capture.
    package var capture = Capture()
    /// Access logs to tail.
    package var logs: [Log] = []
    /// When incidents open and resolve.
    package var incidents = Incidents()
    /// Where alerts go.
    package var webhooks: [Webhook] = []
    /// The HTTP endpoint (`/metrics`, `/healthz`, `/api/status`).
    package var http = HTTP()
    /// Privileges after start-up.
    package var privileges = Privileges()
    /// The online anomaly scorer on load and latency series.
    package var anomalies = Anomalies()
    /// The site gate (`baseline:`).
    package var baseline = Baseline()
    /// Where an enforcing planner's actions go.
    package var gateway = Gateway()
    /// Forecasting, scaling and protection (nil: no planner).
    package var planner: Planner?
    /// The operational log on standard error (`log:`).
    package var log = LogOutput()
    /// The JSON-lines event log for a SIEM (`events:`; nil: none).
    package var events: Events?

    /// The defaults.
    package init() {}

    /// `sentinel:` — general settings.
    package struct General: Sendable, Equatable {
        /// The name alerts give this host (default: the host name).
        package var host: String?
        /// Window length in seconds.
        package var window: Double = 1
        /// The model file (default: the shipped model).
        package var model: String?
        /// The access-log window model file (default: the shipped `models/logs.json`).
        package var logModel: String?
        /// The store: an SQLite file, or `postgres://user@host:port/database` for a fleet.
        package var store: String = "./sentinel.db"
        /// The file holding the PostgreSQL store's password, when `SENTINEL_STORE_PASSWORD` is not set.
        package var storePasswordFile: String?
        /// How long the planner's lease lasts in a fleet, in seconds: a leader that dies is
        /// replaced within this time.
        package var leaderLeaseSeconds: Double = 15
        /// Hours of windows kept in the store.
        package var retentionHours: Double = 168
        /// Days of load points kept in the store (the planner's and `forecast --db`'s history):
        /// longer than the windows, so a weekly season and a month's replay have their data.
        package var loadRetentionDays: Double = 35
        /// The most store writes kept in memory while the store cannot take them (a database
        /// restarted, a full disk); past it windows and load points are dropped first, and counted.
        package var storeBufferWrites = 100_000
        /// Creates the defaults.
        package init() {}
    }

    /// `capture:` — live capture.
    package struct Capture: Sendable, Equatable {
        /// Interfaces to capture on (none: logs only).
        package var interfaces: [String] = []
        /// BPF filter.
        package var filter: String?
        /// Bytes kept per packet.
        package var snaplen: Int = 256
        /// Kernel buffer in MiB.
        package var bufferMB: Int = 16
        /// Most flows held.
        package var maxFlows: Int = 1_000_000
        /// Frames queued between the capture thread and analysis; overflow is counted, never waited on.
        package var queueCapacity: Int = 65_536
        /// Creates the defaults.
        package init() {}
    }

    /// One entry of `logs:`.
    package struct Log: Sendable, Equatable {
        /// The log file.
        package var path: String
        /// `auto`, `combined`, `haproxy` or `json`.
        package var format: LogFormat = .auto
        /// Seconds after which a request is slow.
        package var slowThreshold: Double = 1
        /// Whether the file may be missing (it appears later): `rules check` then accepts it.
        package var optional = false
        /// JSON key names (`fields:`) over the format's preset (nil: the preset's).
        package var fields: JSONLinesLogParser.FieldNames?
        /// The parser for this log (nil: detected from its first lines).
        package var parser: (any AccessLogParser)? { fields.map { JSONLinesLogParser(fields: $0) } ?? format.parser }
        /// Creates an entry.
        package init(path: String) { self.path = path }
    }

    /// `incidents:` — opening and resolving.
    package struct Incidents: Sendable, Equatable {
        /// Consecutive attack windows that open an incident.
        package var openAfter: Int = 3
        /// Consecutive normal windows that resolve it.
        package var resolveAfter: Int = 5
        /// Seconds during which the same (class, target) is not announced again.
        package var cooldown: Double = 300
        /// Per-class `open_after` / `resolve_after` overrides.
        package var classes: [String: ClassOverride] = [:]
        /// Creates the defaults.
        package init() {}
    }

    /// Per-class incident settings.
    package struct ClassOverride: Sendable, Equatable {
        /// Overrides `open_after`.
        package var openAfter: Int?
        /// Overrides `resolve_after`.
        package var resolveAfter: Int?
        /// Creates an override.
        package init(openAfter: Int? = nil, resolveAfter: Int? = nil) {
            self.openAfter = openAfter
            self.resolveAfter = resolveAfter
        }
    }

    /// One entry of `alerts: webhooks:`.
    package struct Webhook: Sendable, Equatable {
        /// A unique name (in the outbox and `sentinel alerts`).
        package var name: String
        /// Where to POST (empty when ``urlEnv`` gives it).
        package var url: String
        /// The environment variable holding the URL instead (a Slack incoming-webhook URL
        /// carries its token, so it is a secret too).
        package var urlEnv: String?
        /// `sentinel`, `slack` or `alertmanager`.
        package var format: String = "sentinel"
        /// The environment variable holding the signing secret.
        package var secretEnv: String?
        /// The file holding the signing secret.
        package var secretFile: String?
        /// Seconds to wait for the receiver.
        package var timeout: Double = 5
        /// Creates an entry.
        package init(name: String, url: String) {
            self.name = name
            self.url = url
        }

        /// The URL to POST to: ``url``, or the value of ``urlEnv`` in `environment`.
        /// - Throws: a message naming the variable (never its value) when it is not set.
        package func resolvedURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws(AlertsError) -> String {
            guard let urlEnv else { return url }
            guard let value = environment[urlEnv]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw .urlVariableMissing(webhook: name, variable: urlEnv)
            }
            return value
        }
    }

    /// `http:` — the endpoint.
    package struct HTTP: Sendable, Equatable {
        /// `host:port` to listen on (loopback unless configured otherwise).
        package var listen: String = "127.0.0.1:9466"
        /// The environment variable holding the bearer token every request but `/healthz`
        /// must carry (`Authorization: Bearer …`); required when ``listen`` is not loopback.
        package var tokenEnv: String?
        /// The file holding that token instead (readable by its owner only, like a secret file).
        package var tokenFile: String?
        /// Creates the defaults.
        package init() {}
    }

    /// `privileges:` — dropping root after the capture handles are open.
    package struct Privileges: Sendable, Equatable {
        /// The user to become (nil: stay as started).
        package var user: String?
        /// Creates the defaults.
        package init() {}
    }
}
