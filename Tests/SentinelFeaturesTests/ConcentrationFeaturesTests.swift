import SentinelCapture
import SentinelFeatures
import SentinelTestSupport
import Testing

/// Concentration and the victim's view (issue 13): what one source, one source network and one
/// destination account for, which a busy link's window-wide rates hide.
@Suite struct ConcentrationFeaturesTests {
    /// A client's whole exchange with `server`: handshake, request, answer.
    static func visit(_ p: Pipeline, client: String, port: UInt16, server: String, at: Double) {
        p.feed(PacketBuilder.ethernetTCP(client, port, server, 80, [.syn], sequence: 1), at: at)
        p.feed(PacketBuilder.ethernetTCP(server, 80, client, port, [.syn, .ack], sequence: 9, acknowledgment: 2), at: at + 0.001)
        p.feed(PacketBuilder.ethernetTCP(client, port, server, 80, [.ack], sequence: 2, acknowledgment: 10), at: at + 0.002)
        p.feed(
            PacketBuilder.ethernetTCP(client, port, server, 80, [.ack, .psh], sequence: 2, acknowledgment: 10, payload: 120),
            at: at + 0.003)
        p.feed(
            PacketBuilder.ethernetTCP(server, 80, client, port, [.ack, .psh], sequence: 10, acknowledgment: 122, payload: 900),
            at: at + 0.004)
    }

    /// A busy site's second: 400 clients (10.1.0.0/16, one visit each, from a port of their
    /// `ports` block) spread over four servers.
    static func busySecond(_ p: Pipeline, at start: Double, ports: UInt16 = 20_000) {
        for n in 0..<400 {
            let client = "10.1.\(n / 200).\(n % 200 + 1)"
            visit(p, client: client, port: ports + UInt16(n), server: "10.0.0.\(10 + n % 4)", at: start + Double(n) * 0.002)
        }
    }

    /// The features of two busy seconds, `extra` fed into the second: `(before, during)`.
    static func busySeconds(adding extra: (Pipeline) -> Void) -> (WindowFeatures, WindowFeatures) {
        let p = Pipeline()
        busySecond(p, at: 100.05)
        busySecond(p, at: 101.05, ports: 21_000)
        extra(p)
        p.feed(Traffic.udp("10.0.2.1", 5353, "10.0.0.53", 53), at: 102.5)
        p.finish()
        return (p.windows[0].features, p.windows[1].features)
    }

    @Test("a spoofed SYN flood on one host inside a busy link: the victim's new flows, its thousands of sources and no answers")
    func aFloodOnOneHostCannotHide() {
        // The second second also brings 3,000 SYNs from 3,000 spoofed sources to one of the servers.
        let (before, flood) = Self.busySeconds { p in
            for n in 0..<3_000 {
                let source = "172.16.\(n / 250).\(n % 250 + 1)"
                p.feed(PacketBuilder.ethernetTCP(source, 1_024, "10.0.0.11", 80, [.syn], sequence: 7), at: 101.0 + Double(n) * 0.0003)
            }
        }
        #expect(before[.topDestinationNewFlowsPerSecond] == 100, "400 visits over four servers")
        #expect(abs(before[.topDestinationSources] - 100) <= 10, "\(before[.topDestinationSources])")
        #expect(before[.topDestinationAnsweredShare] == 1, "every handshake completed")
        #expect(flood[.topDestinationNewFlowsPerSecond] == 3_100)
        // Not the 256-bit map's ~1,400 ceiling: past ~950 the victim's sources go on in a HyperLogLog (within 10 %).
        #expect(abs(flood[.topDestinationSources] - 3_100) < 3_100 * 0.1, "\(flood[.topDestinationSources])")
        #expect(abs(flood[.topDestinationAnsweredShare] - 100.0 / 3_100) < 0.001, "100 of its 3,100 flows answered")
        #expect(flood[.topSourceNewFlowShare] < 0.01, "no one source stands out in a spoofed flood")
    }

    @Test("one client's flood among many clients: its share of the new flows, and its network's")
    func oneClientAmongManyStandsOut() {
        // The second second also brings 600 connections from one client of 192.0.2.0/24.
        let (before, busy) = Self.busySeconds { p in
            for n in 0..<600 {
                Self.visit(p, client: "192.0.2.7", port: UInt16(30_000 + n), server: "10.0.0.10", at: 101.0 + Double(n) * 0.0015)
            }
        }
        #expect(before[.topSourceNewFlowShare] == 1.0 / 400, "each client opened one")
        #expect(before[.topPrefixNewFlowShare] == 200.0 / 400, "10.1.0.0/24 and 10.1.1.0/24 opened 200 each")
        #expect(busy[.topSourceNewFlowShare] == 600.0 / 1_000)
        #expect(busy[.topPrefixNewFlowShare] == 600.0 / 1_000)
        #expect(busy[.topDestinationNewFlowsPerSecond] == 700)
        #expect(busy[.topDestinationAnsweredShare] == 1)
    }

    @Test("sources are grouped by /24 for IPv4 and /64 for IPv6")
    func networksAreSlash24AndSlash64() {
        let p = Pipeline()
        for n in 0..<6 {
            p.feed(Traffic.udp("198.51.100.\(n + 1)", UInt16(5_000 + n), "10.0.0.53", 53), at: 100.1 + Double(n) * 0.01)
        }
        for n in 0..<3 {
            p.feed(Traffic.udp("198.51.101.\(n + 1)", UInt16(6_000 + n), "10.0.0.53", 53), at: 100.2 + Double(n) * 0.01)
        }
        for n in 0..<8 {
            let frame = PacketBuilder.ethernet(
                PacketBuilder.ipv6(
                    "2001:db8:0:1::\(n + 1)", "2001:db8::53", .udp(sourcePort: UInt16(7_000 + n), destinationPort: 53, payload: 10)))
            p.feed(frame, at: 100.3 + Double(n) * 0.01)
        }
        p.finish()
        let w = p.windows[0].features
        #expect(w[.topPrefixNewFlowShare] == 8.0 / 17, "the eight IPv6 clients share one /64")
        #expect(w[.topSourceNewFlowShare] == 1.0 / 17)
        #expect(w[.topDestinationAnsweredShare] == 1, "no TCP flows: nothing went unanswered")
    }
}
