/// The numeric features of one time window: the single list every writer, model and
/// document uses. The order of `allCases` is the column order of the windows CSV.
public enum WindowFeature: Int, CaseIterable, Sendable {
    case packetsPerSecond
    case bytesPerSecond
    case newFlowsPerSecond
    case synPerSecond
    case synAckPerSecond
    case rstPerSecond
    case finPerSecond
    case synToSynAckRatio
    case halfOpenConnections
    case openFlows
    case completedHandshakesPerSecond
    case tcpShare
    case udpShare
    case icmpShare
    case meanPacketSize
    case emptyPayloadShare
    case distinctSources
    case distinctDestinations
    case distinctDestinationPorts
    case sourceEntropy
    case destinationPortEntropy
    case topSourceShare
    case destinationPortsPerSource
    case medianHandshakeRTT
    case retransmissionRate
    case synShare
    case newFlowShare
    case destinationsPerSource
    case activeFlows
    case idleOpenShare
    case topDestinationPortShare
    case maxDestinationsFromOneSource
    case maxPortsFromOneSource
    case distinctIPProtocols
    case awaitingResponse
    case awaitingResponseShare
    case maxDestinationsReachedByOneSource
    case maxPortsReachedByOneSource
    case stalledRequests
    case topSourceNewFlowShare
    case topPrefixNewFlowShare
    case topDestinationNewFlowsPerSecond
    case topDestinationSources
    case topDestinationAnsweredShare
    case requestsPerSecond
    case requestsPerConnection
    case topSourceRequestShare
    case responseBytesPerRequest
    case trailingRequesters
    case trailingRequestRate
    case trailingTopRequesterRate
    case trailingTopRequesterShare
    // Site-relative: filled by a site baseline (0 without one); see `siteMetric`.
    case siteZPackets
    case siteZBytes
    case siteZNewFlows
    case siteZSyn
    case siteZRst
    case siteZHandshakes
    case siteZUDP
    case siteZICMP
    case siteZTopSource
    case siteZSources
    case siteZDestinationPorts
    case siteZFanOutHosts
    case siteZFanOutPorts
    case siteZStalled
    case siteZUnfinishedHandshakes
    case siteZRequests
    case siteZResponseBytes
    case siteZTrailingRequesters
    case siteZTrailingRequests
    case siteZTrailingTopRequester

    /// The stable machine name (JSON key, CSV column).
    public var name: String {
        switch self {
        case .packetsPerSecond: return "packets_per_s"
        case .bytesPerSecond: return "bytes_per_s"
        case .newFlowsPerSecond: return "new_flows_per_s"
        case .synPerSecond: return "syn_per_s"
        case .synAckPerSecond: return "synack_per_s"
        case .rstPerSecond: return "rst_per_s"
        case .finPerSecond: return "fin_per_s"
        case .synToSynAckRatio: return "syn_synack_ratio"
        case .halfOpenConnections: return "half_open"
        case .openFlows: return "open_flows"
        case .completedHandshakesPerSecond: return "handshakes_per_s"
        case .tcpShare: return "tcp_share"
        case .udpShare: return "udp_share"
        case .icmpShare: return "icmp_share"
        case .meanPacketSize: return "mean_packet_size"
        case .emptyPayloadShare: return "empty_payload_share"
        case .distinctSources: return "distinct_sources"
        case .distinctDestinations: return "distinct_destinations"
        case .distinctDestinationPorts: return "distinct_dst_ports"
        case .sourceEntropy: return "src_ip_entropy"
        case .destinationPortEntropy: return "dst_port_entropy"
        case .topSourceShare: return "top_source_share"
        case .destinationPortsPerSource: return "dst_ports_per_source"
        case .medianHandshakeRTT: return "median_handshake_rtt_ms"
        case .retransmissionRate: return "retransmission_rate"
        case .synShare: return "syn_share"
        case .newFlowShare: return "new_flow_share"
        case .destinationsPerSource: return "dst_hosts_per_source"
        case .activeFlows: return "active_flows"
        case .idleOpenShare: return "idle_open_share"
        case .topDestinationPortShare: return "top_dst_port_share"
        case .maxDestinationsFromOneSource: return "max_src_fanout_hosts"
        case .maxPortsFromOneSource: return "max_src_fanout_ports"
        case .distinctIPProtocols: return "distinct_ip_protocols"
        case .awaitingResponse: return "unanswered_requests"
        case .awaitingResponseShare: return "unanswered_share"
        case .maxDestinationsReachedByOneSource: return "max_src_reach_hosts"
        case .maxPortsReachedByOneSource: return "max_src_reach_ports"
        case .stalledRequests: return "stalled_requests"
        case .topSourceNewFlowShare: return "top_source_new_flow_share"
        case .topPrefixNewFlowShare: return "top_prefix_new_flow_share"
        case .topDestinationNewFlowsPerSecond: return "top_dst_new_flows_per_s"
        case .topDestinationSources: return "top_dst_sources"
        case .topDestinationAnsweredShare: return "top_dst_answered_share"
        case .requestsPerSecond: return "tcp_requests_per_s"
        case .requestsPerConnection: return "requests_per_connection"
        case .topSourceRequestShare: return "top_source_request_share"
        case .responseBytesPerRequest: return "response_bytes_per_request"
        case .trailingRequesters: return "trailing_requesters"
        case .trailingRequestRate: return "trailing_requests_per_s"
        case .trailingTopRequesterRate: return "trailing_top_requester_requests_per_s"
        case .trailingTopRequesterShare: return "trailing_top_requester_share"
        default: return "site_z_" + siteMetric!
        }
    }

    /// The unit of the value.
    public var unit: String {
        switch self {
        case .packetsPerSecond, .synPerSecond, .synAckPerSecond, .rstPerSecond, .finPerSecond: return "packets/s"
        case .bytesPerSecond: return "bytes/s"
        case .newFlowsPerSecond, .topDestinationNewFlowsPerSecond: return "flows/s"
        case .requestsPerSecond, .trailingRequestRate, .trailingTopRequesterRate: return "requests/s"
        case .completedHandshakesPerSecond: return "handshakes/s"
        case .synToSynAckRatio, .destinationPortsPerSource, .destinationsPerSource, .requestsPerConnection: return "ratio"
        case .halfOpenConnections, .openFlows, .activeFlows, .awaitingResponse, .stalledRequests: return "flows"
        case .tcpShare, .udpShare, .icmpShare, .emptyPayloadShare, .topSourceShare, .retransmissionRate,
            .synShare, .newFlowShare, .idleOpenShare, .topDestinationPortShare, .awaitingResponseShare,
            .topSourceNewFlowShare, .topPrefixNewFlowShare, .topDestinationAnsweredShare, .topSourceRequestShare,
            .trailingTopRequesterShare:
            return "0–1"
        case .meanPacketSize, .responseBytesPerRequest: return "bytes"
        case .distinctSources, .distinctDestinations, .topDestinationSources, .trailingRequesters: return "addresses"
        case .distinctDestinationPorts, .maxPortsFromOneSource, .maxPortsReachedByOneSource: return "ports"
        case .maxDestinationsFromOneSource, .maxDestinationsReachedByOneSource: return "addresses"
        case .distinctIPProtocols: return "protocols"
        case .sourceEntropy, .destinationPortEntropy: return "bits"
        case .medianHandshakeRTT: return "ms"
        default: return "z"
        }
    }

    /// What the value means, for the README and `--help`.
    public var meaning: String {
        switch self {
        case .packetsPerSecond: return "IP packets in the window divided by its length"
        case .bytesPerSecond: return "wire bytes of those packets per second"
        case .newFlowsPerSecond: return "flows (5-tuple) first seen in the window, per second"
        case .synPerSecond: return "TCP SYN without ACK (connection attempts) per second"
        case .synAckPerSecond: return "TCP SYN+ACK (listener answers) per second"
        case .rstPerSecond: return "TCP segments with RST per second"
        case .finPerSecond: return "TCP segments with FIN per second"
        case .synToSynAckRatio: return "SYN count / max(SYN-ACK count, 1); far above 1 when SYNs go unanswered"
        case .halfOpenConnections: return "flows at window end whose handshake began (SYN) but never completed"
        case .openFlows: return "flows held open at window end (many long, quiet ones: slowloris)"
        case .completedHandshakesPerSecond: return "TCP handshakes (SYN→SYN-ACK→ACK) completed per second"
        case .tcpShare: return "share of packets that are TCP"
        case .udpShare: return "share of packets that are UDP"
        case .icmpShare: return "share of packets that are ICMP or ICMPv6"
        case .meanPacketSize: return "mean wire length of the packets"
        case .emptyPayloadShare: return "share of packets whose transport payload is empty (bare SYNs, ACKs, probes)"
        case .distinctSources: return "distinct source addresses (HyperLogLog, ~1.6 % error)"
        case .distinctDestinations: return "distinct destination addresses (HyperLogLog)"
        case .distinctDestinationPorts: return "distinct TCP/UDP destination ports (exact)"
        case .sourceEntropy: return "Shannon entropy of packets over source addresses (Space-Saving + HyperLogLog estimate)"
        case .destinationPortEntropy: return "Shannon entropy of TCP/UDP packets over destination ports (exact)"
        case .topSourceShare: return "share of packets sent by the heaviest source"
        case .destinationPortsPerSource: return "distinct destination ports / distinct sources"
        case .medianHandshakeRTT: return "median SYN→ACK time of handshakes completed in the window (0 if none)"
        case .retransmissionRate: return "TCP retransmissions / TCP segments carrying data (or repeated SYNs)"
        case .synShare: return "share of packets that are TCP SYN without ACK (floods and SYN scans: near 1)"
        case .newFlowShare: return "new flows / packets (near 1 when every packet opens a flow: spoofed floods, scans)"
        case .destinationsPerSource: return "distinct destinations / distinct sources (host sweeps: many per source)"
        case .activeFlows: return "distinct flows with a packet in the window (HyperLogLog)"
        case .idleOpenShare: return "share of open flows that sent nothing in the window (slowloris holds many idle)"
        case .topDestinationPortShare: return "share of TCP/UDP packets sent to the busiest destination port"
        case .maxDestinationsFromOneSource:
            return "most distinct destinations one source opened flows to (scanners stand out among clients)"
        case .maxPortsFromOneSource: return "most distinct destination ports one source opened flows to"
        case .distinctIPProtocols: return "distinct IP protocol numbers seen (an IP protocol scan tries many)"
        case .awaitingResponse:
            return "open TCP flows at window end whose client sent data the server never answered with data (slowloris: every connection)"
        case .awaitingResponseShare: return "unanswered_requests / open flows"
        case .maxDestinationsReachedByOneSource:
            return
                "most distinct destinations of the flows one source opened in the window or, opened before, spoke first in it (a sweep repeated while its flows are open)"
        case .maxPortsReachedByOneSource:
            return "most distinct destination ports of the flows one source opened in the window or, opened before, spoke first in it"
        case .stalledRequests:
            return
                "of unanswered_requests, those already awaiting their answer when the window began: still unanswered a whole window later (slowloris), not in flight at its end"
        case .topSourceNewFlowShare:
            return "share of the window's new flows opened by the source that opened most (one client's flood among many clients)"
        case .topPrefixNewFlowShare:
            return "share of the window's new flows opened from the busiest source network (/24 for IPv4, /64 for IPv6)"
        case .topDestinationNewFlowsPerSecond:
            return "new flows per second to the destination that received most (the victim's view: a flood on one host inside a busy link)"
        case .topDestinationSources:
            return
                "distinct sources that opened those flows to the busiest destination (linear counting, exact-ish to ~950, then HyperLogLog)"
        case .topDestinationAnsweredShare:
            return
                "handshakes the busiest destination completed / TCP flows opened to it in the window, at most 1 (1 without TCP flows; a SYN flood's victim: near 0)"
        case .requestsPerSecond:
            return
                "TCP requests per second: a connection's first client data, and each first client data after the server's (a TLS handshake adds one or two)"
        case .requestsPerConnection: return "requests / TCP connections that sent one in the window (HyperLogLog): keep-alive reuse"
        case .topSourceRequestShare: return "share of the window's requests sent by the source that sent most"
        case .responseBytesPerRequest:
            return
                "TCP payload bytes the servers sent in the window per request begun in it (0 without a request): visitors loading pages with their images read high, bots asking for pages or searches low"
        case .trailingRequesters:
            return
                "distinct sources that sent a request in the last \(TrailingRequesters.span) windows, this one included (up to 3,072 sources tracked a window): many bots each asking a little"
        case .trailingRequestRate:
            return
                "requests per second over the last \(TrailingRequesters.span) windows, this one included: a rise that lasts, which a quiet site's one-second bursts of page loads hide"
        case .trailingTopRequesterRate:
            return
                "requests per second, over the last \(TrailingRequesters.span) windows, of the source that sent most of them: one bot that keeps asking, on a site whose second holds a handful of visitors"
        case .trailingTopRequesterShare:
            return
                "share of the last \(TrailingRequesters.span) windows' requests sent by the source that sent most of them (0 without a request)"
        default:
            return "robust z-score of \(siteMetric!) against this site's own baseline (0 without a baseline or before its warm-up)"
        }
    }
}
