/// The numeric features of one time window of an access log: the list every writer, model
/// and document uses. The order of `allCases` is the column order of the log-windows CSV.
public enum LogWindowFeature: Int, CaseIterable, Sendable {
    case requestsPerSecond
    case status2xxShare
    case status3xxShare
    case status4xxShare
    case status5xxShare
    case latencyP50
    case latencyP95
    case latencyP99
    case upstreamP95
    case slowRequestShare
    case distinctClients
    case topClientShare
    case meanResponseBytes
    case requestRateGrowth
    case latencyGrowth
    case latencyP50Recent
    case latencyP95Recent
    case slowRequestShareRecent
    case status5xxShareRecent

    /// The stable machine name (JSON key, CSV column).
    public var name: String {
        switch self {
        case .requestsPerSecond: return "requests_per_s"
        case .status2xxShare: return "status_2xx_share"
        case .status3xxShare: return "status_3xx_share"
        case .status4xxShare: return "status_4xx_share"
        case .status5xxShare: return "status_5xx_share"
        case .latencyP50: return "latency_p50_ms"
        case .latencyP95: return "latency_p95_ms"
        case .latencyP99: return "latency_p99_ms"
        case .upstreamP95: return "upstream_p95_ms"
        case .slowRequestShare: return "slow_request_share"
        case .distinctClients: return "distinct_clients"
        case .topClientShare: return "top_client_share"
        case .meanResponseBytes: return "mean_response_bytes"
        case .requestRateGrowth: return "request_rate_growth"
        case .latencyGrowth: return "latency_p95_growth"
        case .latencyP50Recent: return "latency_p50_5w_ms"
        case .latencyP95Recent: return "latency_p95_5w_ms"
        case .slowRequestShareRecent: return "slow_request_share_5w"
        case .status5xxShareRecent: return "status_5xx_share_5w"
        }
    }

    /// The unit of the value.
    public var unit: String {
        switch self {
        case .requestsPerSecond: return "requests/s"
        case .status2xxShare, .status3xxShare, .status4xxShare, .status5xxShare, .slowRequestShare, .topClientShare,
            .slowRequestShareRecent, .status5xxShareRecent:
            return "0–1"
        case .latencyP50, .latencyP95, .latencyP99, .upstreamP95, .latencyP50Recent, .latencyP95Recent: return "ms"
        case .distinctClients: return "addresses"
        case .meanResponseBytes: return "bytes"
        case .requestRateGrowth, .latencyGrowth: return "ratio"
        }
    }

    /// What the value means, for the README and `--help`.
    public var meaning: String {
        switch self {
        case .requestsPerSecond: return "log lines (requests) in the window divided by its length"
        case .status2xxShare: return "share of requests answered 2xx"
        case .status3xxShare: return "share of requests answered 3xx"
        case .status4xxShare: return "share of requests answered 4xx"
        case .status5xxShare: return "share of requests answered 5xx (or not answered: HAProxy's -1)"
        case .latencyP50: return "median request time (HdrHistogram, 3 significant digits; 0 when the log has no times)"
        case .latencyP95: return "95th percentile of the request time"
        case .latencyP99: return "99th percentile of the request time"
        case .upstreamP95: return "95th percentile of the upstream (backend) response time"
        case .slowRequestShare: return "share of timed requests slower than the slow threshold (default 1 s)"
        case .distinctClients: return "distinct client addresses (HyperLogLog)"
        case .topClientShare: return "share of requests from the busiest client"
        case .meanResponseBytes: return "mean bytes sent per request"
        case .requestRateGrowth: return "requests/s against the mean of the trailing windows (up to 60); 1 without history"
        case .latencyGrowth:
            return "latency p95 against the mean p95 of the trailing timed windows (up to 60, floor 1 ms); 1 without history"
        case .latencyP50Recent: return "median request time over this and the 4 previous windows together"
        case .latencyP95Recent: return "95th percentile of the request time over this and the 4 previous windows together"
        case .slowRequestShareRecent: return "share of slow requests over this and the 4 previous windows"
        case .status5xxShareRecent: return "share of 5xx answers over this and the 4 previous windows"
        }
    }
}
