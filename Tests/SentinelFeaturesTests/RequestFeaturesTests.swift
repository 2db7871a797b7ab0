import SentinelCapture
import SentinelFeatures
import SentinelTestSupport
import Testing

/// Requests at the packet level: a TCP connection's first client data, and each first client
/// data after the server's. Keep-alive reuse and one source's share of the requests read the
/// same at a quiet and at a busy site.
@Suite struct RequestFeaturesTests {
    /// A kept-alive connection from `client`: handshake, then `requests` request–answer turns,
    /// each answered with `answer` payload bytes.
    static func connection(_ p: Pipeline, client: String, port: UInt16, requests: Int, at start: Double, answer: Int = 900) {
        let server = "10.0.0.80"
        p.feed(PacketBuilder.ethernetTCP(client, port, server, 80, [.syn], sequence: 1), at: start)
        p.feed(PacketBuilder.ethernetTCP(server, 80, client, port, [.syn, .ack], sequence: 9, acknowledgment: 2), at: start + 0.001)
        p.feed(PacketBuilder.ethernetTCP(client, port, server, 80, [.ack], sequence: 2, acknowledgment: 10), at: start + 0.002)
        for turn in 0..<requests {
            let t = start + 0.01 + Double(turn) * 0.01
            let sent = UInt32(2 + 100 * turn), answered = UInt32(10 + answer * turn)
            p.feed(
                PacketBuilder.ethernetTCP(client, port, server, 80, [.ack, .psh], sequence: sent, acknowledgment: answered, payload: 100),
                at: t)
            p.feed(
                PacketBuilder.ethernetTCP(
                    server, 80, client, port, [.ack, .psh], sequence: answered, acknowledgment: sent + 100, payload: answer),
                at: t + 0.004)
        }
    }

    @Test("requests per second and per connection count each client turn once; a retransmitted request is not a second one")
    func keptAliveConnectionsCountEveryTurn() {
        let p = Pipeline()
        for n in 0..<10 { Self.connection(p, client: "10.1.0.\(n + 1)", port: 40_000, requests: 3, at: 100.1 + Double(n) * 0.05) }
        for n in 0..<5 { Self.connection(p, client: "10.1.1.\(n + 1)", port: 40_000, requests: 1, at: 100.6 + Double(n) * 0.05) }
        // One more request whose first copy is lost and sent again before the answer.
        Self.connection(p, client: "10.1.2.1", port: 40_000, requests: 0, at: 100.9)
        for copy in 0..<2 {
            p.feed(
                PacketBuilder.ethernetTCP(
                    "10.1.2.1", 40_000, "10.0.0.80", 80, [.ack, .psh], sequence: 2, acknowledgment: 10, payload: 100),
                at: 100.95 + Double(copy) * 0.01)
        }
        p.feed(Traffic.udp("10.0.2.1", 5353, "10.0.0.53", 53), at: 101.5)
        p.finish()
        let w = p.windows[0].features
        #expect(w[.requestsPerSecond] == 36, "10 × 3 + 5 × 1 + 1")
        #expect(w[.requestsPerConnection] == 36.0 / 16)
        #expect(w[.topSourceRequestShare] == 3.0 / 36)
        #expect(w[.responseBytesPerRequest] == 35.0 * 900 / 36, "35 answers of 900 bytes; the retransmitted request has none yet")
        #expect(p.windows[1].features[.requestsPerSecond] == 0, "a window without TCP data has none")
    }

    @Test("one client's request flood over a few kept-alive connections stands out in its share of the requests")
    func oneClientsRequestsStandOut() {
        let p = Pipeline()
        for n in 0..<20 { Self.connection(p, client: "10.1.0.\(n + 1)", port: 40_000, requests: 2, at: 100.1 + Double(n) * 0.02) }
        for n in 0..<4 { Self.connection(p, client: "192.0.2.7", port: UInt16(50_000 + n), requests: 40, at: 100.1 + Double(n) * 0.01) }
        p.feed(Traffic.udp("10.0.2.1", 5353, "10.0.0.53", 53), at: 101.5)
        p.finish()
        let w = p.windows[0].features
        #expect(w[.requestsPerSecond] == 200)
        #expect(w[.topSourceRequestShare] == 160.0 / 200)
        #expect(w[.requestsPerConnection] == 200.0 / 24)
    }

    @Test("bots asking for small pages read fewer response bytes per request than visitors loading images")
    func botsReadFewerBytesPerRequest() {
        let p = Pipeline()
        for second in 0..<2 {
            for n in 0..<20 {
                let start = 100.1 + Double(second) + Double(n) * 0.02
                Self.connection(p, client: "10.1.0.\(n + 1)", port: UInt16(40_000 + second), requests: 3, at: start, answer: 1_400)
            }
        }
        for n in 0..<30 { Self.connection(p, client: "10.9.\(n).1", port: 40_000, requests: 2, at: 101.2 + Double(n) * 0.01, answer: 200) }
        p.feed(Traffic.udp("10.0.2.1", 5353, "10.0.0.53", 53), at: 102.5)
        p.finish()
        #expect(p.windows[0].features[.responseBytesPerRequest] == 1_400, "visitors alone")
        let mixed: Double = (60 * 1_400 + 60 * 200) / 120
        #expect(p.windows[1].features[.responseBytesPerRequest] == mixed, "half the requests are bots'")
        #expect(p.windows[2].features[.responseBytesPerRequest] == 0, "a window without a request has none")
    }
}
