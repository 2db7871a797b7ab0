import SentinelFeatures

/// Flows and packets per destination (server) port, counted from finished flows, for the
/// report's destination-port chart.
package struct PortTally: Sendable {
    /// Per `protocol/port` key (`tcp/80`): flows and packets.
    package private(set) var ports: [String: (flows: Int, packets: Double)] = [:]
    /// Flows counted.
    package private(set) var flows = 0

    /// An empty tally.
    package init() {}

    /// Counts one finished flow under its server port (ICMP and other protocols under the
    /// protocol alone).
    package mutating func add(_ flow: FlowRecord) {
        let name: String
        switch flow.ipProtocol {
        case 6: name = "tcp/\(flow.serverPort)"
        case 17: name = "udp/\(flow.serverPort)"
        case 1, 58: name = "icmp"
        default: name = "ip proto \(flow.ipProtocol)"
        }
        let packets = flow[.forwardPackets] + flow[.backwardPackets]
        ports[name, default: (0, 0)].flows += 1
        ports[name]!.packets += packets
        flows += 1
    }

    /// The `limit` ports with the most flows, most first (ties by name).
    package func top(_ limit: Int) -> [(port: String, flows: Int, packets: Double)] {
        ports.map { ($0.key, $0.value.flows, $0.value.packets) }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            .prefix(limit).map { $0 }
    }
}
