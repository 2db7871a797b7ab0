import SentinelCore

extension SentinelConfiguration {
    /// `gateway:` — where an enforcing planner's actions go: one adapter for sources (block,
    /// rate-limit) and one for scaling. Secrets (tokens, signing keys) come from files or the
    /// environment, never from this file.
    package struct Gateway: Sendable, Equatable {
        /// An adapter and its settings.
        package enum Adapter: Sendable, Equatable {
            /// HAProxy's Runtime API on a unix socket or `host:port`, with the map and table names,
            /// and its configuration file (or folder), whose backend servers are never blocked.
            case haproxy(
                socket: String?, address: String?, blockMap: String?, rateLimitMap: String?, rateTable: String?, config: String? = nil)
            /// nginx: the include file the sentinel writes, and the main configuration to test
            /// (whose upstream servers are never blocked).
            case nginx(include: String, config: String?)
            /// Kubernetes' scale subresource: in the cluster, or an API URL and a token file.
            case kubernetes(api: String?, tokenFile: String?, caFile: String?, namespace: String, minReplicas: Int, maxReplicas: Int)
            /// An HTTP controller, signed with the secret in `secretEnv` or `secretFile`.
            case http(url: String, secretEnv: String?, secretFile: String?)
            /// A command given the action as JSON on standard input.
            case exec(command: [String])
        }

        /// The adapter for block and rate-limit actions (nil: not enforced).
        package var sources: Adapter?
        /// The adapter for scale actions (nil: not enforced).
        package var scaling: Adapter?
        /// The adapter for backend-server state and weight (circuit breakers; nil: not enforced).
        package var servers: Adapter?
        /// The gateway's upstreams (its backend servers' addresses or prefixes): never blocked
        /// or rate-limited, whatever a window says about them. The servers named in the nginx or
        /// HAProxy configuration an adapter gives (`config`) join them (``configuredUpstreams()``).
        package var upstreams: [SourcePrefix] = []

        /// No adapters.
        package init() {}
    }
}
