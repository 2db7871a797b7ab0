/// How to reach one HAProxy and which of its objects the adapter drives (see
/// `rules/haproxy.cfg`, which sets them up).
public struct HAProxyConfiguration: Sendable, Equatable {
    /// The Runtime API socket (needs `level admin`).
    public var endpoint: HAProxyEndpoint
    /// The map file of blocked sources, exactly as `haproxy.cfg` names it (`src,map_ip(…)`).
    public var blockMap: String
    /// The map file of rate-limited sources (value: requests per second).
    public var rateLimitMap: String
    /// The stick table that counts request rates (`show table`), usually the frontend's name.
    public var rateTable: String
    /// Seconds allowed for one Runtime API exchange (connect, send, answer).
    public var timeout: Double

    /// Creates a configuration; the defaults match `rules/haproxy.cfg`.
    public init(
        endpoint: HAProxyEndpoint = .unix(path: "/run/haproxy/admin.sock"),
        blockMap: String = "/etc/haproxy/sentinel-blocked.map",
        rateLimitMap: String = "/etc/haproxy/sentinel-ratelimit.map",
        rateTable: String = "web", timeout: Double = 2
    ) {
        self.endpoint = endpoint
        self.blockMap = blockMap
        self.rateLimitMap = rateLimitMap
        self.rateTable = rateTable
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : 2
    }
}
