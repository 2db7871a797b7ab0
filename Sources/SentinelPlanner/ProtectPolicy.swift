import SentinelCore

/// How the planner answers attacks: which classes block or rate-limit their sources, for how
/// long, and the limits it never crosses.
package struct ProtectPolicy: Sendable, Equatable {
    /// What to do against a class's sources.
    package enum Response: String, Sendable, Codable {
        /// Drop the sources' traffic (403 at an HTTP gateway).
        case block
        /// Slow the sources down (429 above the rate).
        case rateLimit = "rate-limit"
        /// Only alert.
        case none
    }

    /// The response per verdict class; classes not listed get `none`.
    package var responses: [String: Response] = [
        "syn_flood": .block, "udp_flood": .block, "icmp_flood": .block, "port_scan": .block,
        "slowloris": .block, "http_flood": .rateLimit,
    ]
    /// Addresses and prefixes that are never blocked or limited (gateways, monitors, partners).
    package var allowList: [SourcePrefix] = []
    /// Seconds a block or limit lasts before it is lifted.
    package var ttl: Double = 600
    /// Requests per second a rate-limited source keeps.
    package var rateLimit: Double = 10
    /// Most actions started in any 60 seconds.
    package var maxActionsPerMinute: Int = 20
    /// Most sources (or prefixes) blocked or limited at once.
    package var maxBlockedSources: Int = 1000
    /// When this many offenders of one run share an IPv4 /24 (IPv6 /64), the prefix is acted
    /// on instead of each address.
    package var prefixThreshold: Int = 8
    /// Lowest verdict confidence acted on.
    package var minimumConfidence: Double = 0.8

    /// Creates the defaults.
    package init() {}

    /// The response to a class.
    package func response(to className: String) -> Response { responses[className] ?? .none }

    /// Loopback (127.0.0.0/8, ::1), which is never blocked or limited whatever the allow-list
    /// says: a block of the host's own traffic only ever cuts the gateway off from itself.
    package static let loopback: [SourcePrefix] = [
        SourcePrefix(bytes: [127, 0, 0, 0], length: 8), SourcePrefix(bytes: [UInt8](repeating: 0, count: 15) + [1], length: 128),
    ]

    /// Whether `address` (or a prefix) falls inside the allow-list or loopback.
    package func isAllowed(_ source: SourcePrefix) -> Bool {
        Self.loopback.contains { $0.overlaps(source) } || allowList.contains { $0.overlaps(source) }
    }
}
