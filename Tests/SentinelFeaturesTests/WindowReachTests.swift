import SentinelCapture
import SentinelFeatures
import SentinelTestSupport
import Testing

/// `max_src_reach_hosts` / `_ports`: the flows a source sent to as their client in a window,
/// opened then or before, against `max_src_fanout_*`, which counts only the flows it opened.
@Suite("A source's reach over flows it opened before")
struct WindowReachTests {
    static func echoReply(_ src: String, _ dst: String) -> [UInt8] {
        PacketBuilder.ethernet(PacketBuilder.ipv4(src, dst, .icmp(type: 0, code: 0, payload: 56)))
    }

    @Test("an echo sweep repeated while its flows are still open reaches every host again")
    func repeatedSweep() {
        let p = Pipeline()
        for pass in 0..<2 {
            for host in 1...40 {
                let time = 10 + Double(pass) + Double(host) * 0.01
                p.feed(Traffic.icmp("10.9.9.9", "10.0.0.\(host)"), at: time)
                p.feed(Self.echoReply("10.0.0.\(host)", "10.9.9.9"), at: time + 0.001)
            }
        }
        p.finish()
        #expect(p.windows.count == 2)
        let first = p.windows[0].features, second = p.windows[1].features
        // Linear counting on 256 bits: 40 distinct values read 40 ± a few.
        #expect(abs(first[.maxDestinationsFromOneSource] - 40) <= 4, "\(first[.maxDestinationsFromOneSource])")
        #expect(first[.maxDestinationsReachedByOneSource] == first[.maxDestinationsFromOneSource])
        // The second pass opens nothing: the fan-out forgets the sweep, the reach does not.
        #expect(second[.maxDestinationsFromOneSource] == 0)
        #expect(abs(second[.maxDestinationsReachedByOneSource] - 40) <= 4, "\(second[.maxDestinationsReachedByOneSource])")
        // ICMP has no ports: the protocol number stands in, so the sweep reaches one "port".
        #expect(second[.maxPortsReachedByOneSource] == 1)
    }

    @Test("a server answering 50 keep-alive clients reaches no one: only clients are counted")
    func serverRepliesAreNotReach() {
        let p = Pipeline()
        for client in 1...50 {
            let address = "10.20.0.\(client)", t = 20 + Double(client) * 0.01
            p.feed(PacketBuilder.ethernetTCP(address, 40_000, "10.0.0.1", 80, .syn), at: t)
            p.feed(PacketBuilder.ethernetTCP("10.0.0.1", 80, address, 40_000, [.syn, .ack]), at: t + 0.001)
            p.feed(PacketBuilder.ethernetTCP(address, 40_000, "10.0.0.1", 80, .ack), at: t + 0.002)
        }
        // The next second only the server sends, on the open connections.
        for client in 1...50 {
            p.feed(
                PacketBuilder.ethernetTCP("10.0.0.1", 80, "10.20.0.\(client)", 40_000, [.ack, .psh], payload: 500),
                at: 21 + Double(client) * 0.01)
        }
        p.finish()
        #expect(p.windows.count == 2)
        #expect(p.windows[0].features[.maxDestinationsReachedByOneSource] == 1)
        #expect(p.windows[1].features[.maxDestinationsReachedByOneSource] == 0)
        #expect(p.windows[1].features[.maxPortsReachedByOneSource] == 0)
    }
}
