extension WindowFeature {
    /// The site metric a site-relative feature scores (``SiteBaseline`` tracks it by this
    /// name), or nil for a feature measured from the packets alone.
    public var siteMetric: String? {
        switch self {
        case .siteZPackets: return "packets_per_s"
        case .siteZBytes: return "bytes_per_s"
        case .siteZNewFlows: return "new_flows_per_s"
        case .siteZSyn: return "syn_per_s"
        case .siteZRst: return "rst_per_s"
        case .siteZHandshakes: return "handshakes_per_s"
        case .siteZUDP: return "udp_packets_per_s"
        case .siteZICMP: return "icmp_packets_per_s"
        case .siteZTopSource: return "top_source_packets_per_s"
        case .siteZSources: return "distinct_sources"
        case .siteZDestinationPorts: return "distinct_dst_ports"
        case .siteZFanOutHosts: return "max_src_fanout_hosts"
        case .siteZFanOutPorts: return "max_src_fanout_ports"
        case .siteZStalled: return "stalled_requests"
        case .siteZUnfinishedHandshakes: return "unfinished_handshakes_per_s"
        case .siteZRequests: return "tcp_requests_per_s"
        case .siteZResponseBytes: return "response_bytes_per_request"
        case .siteZTrailingRequesters: return "trailing_requesters"
        case .siteZTrailingRequests: return "trailing_requests_per_s"
        case .siteZTrailingTopRequester: return "trailing_top_requester_requests_per_s"
        default: return nil
        }
    }

    /// The site-relative features: each metric's robust z-score against the site's own
    /// baseline, so "3× my normal" reads the same at 50 and at 50,000 packets/s.
    public static let siteRelative: [WindowFeature] = allCases.filter { $0.siteMetric != nil }

    /// Concentration and the victim's view: what one source, one source network and one
    /// destination account for.
    public static let concentration: [WindowFeature] = [
        .topSourceNewFlowShare, .topPrefixNewFlowShare, .topDestinationNewFlowsPerSecond, .topDestinationSources,
        .topDestinationAnsweredShare,
    ]

    /// Requests: client data turns on TCP connections, how many per connection and from the
    /// busiest source.
    public static let requests: [WindowFeature] = [
        .requestsPerSecond, .requestsPerConnection, .topSourceRequestShare, .responseBytesPerRequest, .trailingRequesters,
        .trailingRequestRate, .trailingTopRequesterRate, .trailingTopRequesterShare,
    ]
}
