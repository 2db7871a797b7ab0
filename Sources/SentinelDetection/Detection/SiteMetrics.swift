import SentinelFeatures

/// The rates a site's baseline (``SentinelFeatures/SiteBaseline``) follows for each kind of
/// window: counts per second that an attack raises, never the shares or flow-table state that
/// lag behind it (half-open and open flows stay high for a minute after a flood ends).
package protocol SiteMetricWindow: DetectableWindow {
    /// The window's values of the tracked metrics, by name.
    var siteMetrics: [String: Double] { get }
    /// The class a window is when `metric` alone is unusual for the site and the classifier
    /// saw nothing; nil (the default) leaves it `unknown_anomaly`.
    static func siteClass(forUnusual metric: String) -> String?
    /// Keeps `assessment`'s z-scores in the window's site-relative features (a packet
    /// window's `site_z_*`), so a site model can read them and the windows CSV shows them;
    /// the default keeps nothing.
    mutating func recordSiteScores(_ assessment: BaselineAssessment)
    /// Seconds from the first window a gate judges (the capture's start) during which a warm
    /// baseline neither compares nor learns windows, as their metrics are not yet what the
    /// site's traffic is; the default 0 judges every window.
    static var settleSeconds: Double { get }
    /// Metrics scored against the site's normal for the site model only: they never make a
    /// window unusual (the gate's bars read the others); the default is none.
    static var describedMetrics: Set<String> { get }
    /// Whether a rise of `metric` can be evidence of `className` (an HTTP flood sends no ICMP):
    /// the site model names that class only when such a metric reaches the bar; the default is
    /// every metric.
    static func isEvidence(_ metric: String, of className: String) -> Bool
    /// Metrics of which one at least must be above the site's normal for the site model to name
    /// `className` (an HTTP flood asks for more); the default is none.
    static func risingMetrics(of className: String) -> Set<String>
    /// Metrics whose rise ordinary traffic does not make, however much of it arrives: a window
    /// unusual by one of them is never `normal` by its shape (``SiteGate/normalShapeConfidence``);
    /// the default is none.
    static var unservedMetrics: Set<String> { get }
    /// Whether `metric`'s rise is too small to report when it alone makes a window unusual and
    /// nothing names a class (a handful of ICMP messages); the default is never.
    static func isNegligibleAlone(_ metric: BaselineAssessment.Metric) -> Bool
}

extension SiteMetricWindow {
    package static func siteClass(forUnusual metric: String) -> String? { nil }
    package static var settleSeconds: Double { 0 }
    package static var describedMetrics: Set<String> { [] }
    package static func isEvidence(_ metric: String, of className: String) -> Bool { true }
    package static func risingMetrics(of className: String) -> Set<String> { [] }
    package static var unservedMetrics: Set<String> { [] }
    package static func isNegligibleAlone(_ metric: BaselineAssessment.Metric) -> Bool { false }
    package mutating func recordSiteScores(_ assessment: BaselineAssessment) {}
}

extension WindowRecord: SiteMetricWindow {
    /// A capture that starts on a busy link finds its connections open: each is first seen
    /// mid-stream, so for a few seconds new flows, fan-out and unanswered requests read far
    /// above the site's normal (the lab's never-learnt background halves: 7 of their 10
    /// unusual windows were among the first four, none later than the fourth). Measured on
    /// them (docs/detection.md, stop 22): 4 s leaves no benign window named an attack (2 of 844
    /// before) and costs no class more than 0.001 of its recall.
    package static var settleSeconds: Double { 4 }

    /// The request rate and the response bytes per request describe a window to the site
    /// model (bots asking for pages where visitors load pages with their images: fewer bytes
    /// per request than the site's normal) without moving the gate's bars: a crowd or a big
    /// download changes them too, and neither is unusual by that alone.
    package static let describedMetrics: Set<String> = ["tcp_requests_per_s", "response_bytes_per_request"]

    /// The UDP and ICMP packet rates, which an attack over TCP connections (an HTTP flood, a
    /// slowloris) does not raise: a busy site's window that is unusual only by a few ICMP
    /// messages is not an HTTP flood because its heavy clients look like bots.
    private static let datagramMetrics: Set<String> = ["udp_packets_per_s", "icmp_packets_per_s"]

    /// The metrics a slowloris raises: the requests it holds unanswered, and the connections
    /// its bots open to hold them. Sending a few header bytes a connection, it makes no burst
    /// of packets, bytes or requests from one client: a window unusual only by those (a
    /// DNS-over-HTTPS client's burst on a quiet host, one of whose streams stays open) is
    /// not a slowloris.
    private static let slowlorisMetrics: Set<String> = [
        "stalled_requests", "new_flows_per_s", "syn_per_s", "handshakes_per_s", "unfinished_handshakes_per_s",
        "distinct_sources", "trailing_requesters",
    ]

    package static func isEvidence(_ metric: String, of className: String) -> Bool {
        switch className {
        case "http_flood": return !datagramMetrics.contains(metric)
        case "slowloris": return slowlorisMetrics.contains(metric)
        default: return true
        }
    }

    /// The request rates, of which an HTTP flood raises one at least: the window's, the last ten
    /// windows', or the busiest requester's over them. A site whose heavy client (a NAT, an API
    /// client) sends three-quarters of its requests looks like a flood to a site model that never
    /// saw it, at its usual request rates.
    private static let requestMetrics: Set<String> = [
        "tcp_requests_per_s", "trailing_requests_per_s", "trailing_top_requester_requests_per_s",
    ]

    package static func risingMetrics(of className: String) -> Set<String> {
        className == "http_flood" ? requestMetrics : []
    }

    /// SYNs no completed handshake answered: a crowd's connections are served, however many
    /// arrive, so a window unusual by thousands of them is not "more of this site's own kind of
    /// traffic" whatever shape the site model finds in the rest of it.
    package static let unservedMetrics: Set<String> = ["unfinished_handshakes_per_s"]

    /// The ICMP messages that make a window unusual on their own and that nothing names: fewer
    /// than this many packets/s above the site's normal are a host's pings and unreachables, not
    /// worth an alert (the lab's quiet sites: 8 in a second where the normal is none).
    package static let negligibleICMPExcess = 10.0

    package static func isNegligibleAlone(_ metric: BaselineAssessment.Metric) -> Bool {
        metric.name == "icmp_packets_per_s" && metric.value - metric.normal < negligibleICMPExcess
    }

    /// The window features the site metrics are made of, and which a windows file must have
    /// to be judged against a site; the request metrics (``describedMetrics``) read 0 from a
    /// file written before them.
    package static let siteMetricFeatures: [WindowFeature] = [
        .packetsPerSecond, .bytesPerSecond, .newFlowsPerSecond, .synPerSecond, .rstPerSecond, .completedHandshakesPerSecond,
        .udpShare, .icmpShare, .topSourceShare, .distinctSources, .distinctDestinationPorts, .maxDestinationsFromOneSource,
        .maxPortsFromOneSource, .stalledRequests,
    ]

    package var siteMetrics: [String: Double] {
        let packets = features[.packetsPerSecond]
        var metrics = [
            "packets_per_s": packets,
            "bytes_per_s": features[.bytesPerSecond],
            "new_flows_per_s": features[.newFlowsPerSecond],
            "syn_per_s": features[.synPerSecond],
            "rst_per_s": features[.rstPerSecond],
            "handshakes_per_s": features[.completedHandshakesPerSecond],
            "udp_packets_per_s": packets * features[.udpShare],
            "icmp_packets_per_s": packets * features[.icmpShare],
            "top_source_packets_per_s": packets * features[.topSourceShare],
            "distinct_sources": features[.distinctSources],
            "distinct_dst_ports": features[.distinctDestinationPorts],
            "max_src_fanout_hosts": features[.maxDestinationsFromOneSource],
            "max_src_fanout_ports": features[.maxPortsFromOneSource],
            // Requests unanswered a whole window, not those in flight at its end: a busy site has
            // a dozen of these at some window's end (the lab's 21,000 packets/s site: 12, sent
            // 2–4 ms before the end and answered 0–9 ms after it) where a slowloris holds its
            // connections for minutes.
            "stalled_requests": features[.stalledRequests],
            // SYNs that no completed handshake answered: a spoofed SYN flood is answered by
            // SYN-ACKs that never get their ACK, so it hides from `stalled_requests` and, at a
            // site whose busy hour opens thousands of connections a second, from `syn_per_s`.
            "unfinished_handshakes_per_s": max(0, features[.synPerSecond] - features[.completedHandshakesPerSecond]),
            "tcp_requests_per_s": features[.requestsPerSecond],
            // The last ten windows' requesters: many bots each asking a little, or one that keeps
            // asking, where a second holds only a handful of visitors.
            "trailing_requesters": features[.trailingRequesters],
            // Ten seconds' requests: a quiet site's requests come in page loads, a burst a second,
            // and a flood at a third of its packets hides among them second by second (the lab's
            // quietest site: z 1.1 a window, 3.2 over ten), not over ten.
            "trailing_requests_per_s": features[.trailingRequestRate],
            "trailing_top_requester_requests_per_s": features[.trailingTopRequesterRate],
        ]
        // A window without a request has no bytes per request to learn or score.
        if features[.requestsPerSecond] > 0 { metrics["response_bytes_per_request"] = features[.responseBytesPerRequest] }
        return metrics
    }

    /// Fills the `site_z_*` features from a warm assessment (they stay 0 before the warm-up).
    package mutating func recordSiteScores(_ assessment: BaselineAssessment) {
        guard assessment.isWarm else { return }
        let z = Dictionary(assessment.metrics.map { ($0.name, $0.z) }, uniquingKeysWith: { first, _ in first })
        for feature in WindowFeature.siteRelative {
            if let metric = feature.siteMetric, let value = z[metric], value.isFinite { features[feature] = value }
        }
    }
}

extension LogWindowRecord: SiteMetricWindow {
    package var siteMetrics: [String: Double] {
        let value = { (feature: LogWindowFeature) in values[feature.rawValue] }
        let rate = value(.requestsPerSecond)
        return [
            "requests_per_s": rate,
            "latency_p95_ms": value(.latencyP95),
            "latency_p50_ms": value(.latencyP50),
            "errors_5xx_per_s": rate * value(.status5xxShare),
            "errors_4xx_per_s": rate * value(.status4xxShare),
            "slow_requests_per_s": rate * value(.slowRequestShare),
            "top_client_requests_per_s": rate * value(.topClientShare),
            "distinct_clients": value(.distinctClients),
        ]
    }

    /// A log's latency well above its own normal is a degradation, its server errors an error
    /// spike, whatever their absolute values: an always-slow site is not degraded, a fast one
    /// whose p95 doubles is.
    package static func siteClass(forUnusual metric: String) -> String? {
        switch metric {
        case "latency_p95_ms", "latency_p50_ms", "slow_requests_per_s": return "latency_degradation"
        case "errors_5xx_per_s": return "error_spike"
        default: return nil
        }
    }
}
