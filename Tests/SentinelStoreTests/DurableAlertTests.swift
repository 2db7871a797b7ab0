import Foundation
import SentinelAlerts
import SentinelStore
import SentinelTestSupport
import Testing

/// Alerts through the SQLite outbox to a real HTTP receiver on loopback: nothing is lost
/// while the receiver is down or the sentinel restarts, and nothing is sent twice.
@Suite("Durable alert delivery", .serialized)
struct DurableAlertTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    static func event(_ kind: AlertKind) -> AlertEvent {
        let incident = Incident(
            id: "inc-1", className: "syn_flood", target: "eth0", start: 1_000,
            end: kind == .resolved ? 1_060 : nil, windows: 12, peakConfidence: 0.97,
            offenders: ["203.0.113.7"], keyFeatures: ["syn_share": 0.98])
        return AlertEvent(kind == .opened ? .opened(incident) : .resolved(incident), host: "gw-1", model: "default")
    }

    @Test("receiver down, sentinel restarted, receiver back: every event delivered once, signed")
    func survivesRestart() async throws {
        try await TemporaryDirectory.with { dir in
            let path = dir.file("sentinel.db")
            // A port that is closed now: bind a receiver, note its port, stop it.
            let port = try LoopbackPort.free()
            let url = "http://127.0.0.1:\(port)/hook"
            let target = try WebhookTarget(
                name: "soc", url: url, format: .sentinel,
                secret: try WebhookSecret(text: Self.secret), timeout: 2)

            // First run: queue two events, fail to deliver them.
            do {
                let database = try SentinelDatabase(path: path)
                let deliverer = WebhookDeliverer(
                    targets: [target], outbox: StoreOutbox(database: database),
                    random: SeededGenerator(seed: 3))
                try deliverer.enqueue(Self.event(.opened), now: 2_000)
                try deliverer.enqueue(Self.event(.resolved), now: 2_001)
                let report = await deliverer.deliverDue(now: 2_002)
                #expect(report.delivered == 0)
                #expect(report.failed + report.deferred == 2)
                #expect(try database.outboxDepth() == 2)
            }

            // Second run (a restart): the queue is still there; the receiver is back.
            let receiver = try WebhookReceiver(port: port)
            defer { receiver.stop() }
            let database = try SentinelDatabase(path: path)
            #expect(try database.outboxDepth() == 2)
            let deliverer = WebhookDeliverer(
                targets: [target], outbox: StoreOutbox(database: database),
                random: SeededGenerator(seed: 4))
            try deliverer.enqueue(Self.event(.opened), now: 3_000)  // the same event again: not queued twice
            var delivered = 0
            var now = 2_002.0
            for _ in 0..<20 where delivered < 2 {  // bounded; `now` jumps past each backoff
                now += 900
                delivered += await deliverer.deliverDue(now: now).delivered
            }
            #expect(delivered == 2)
            #expect(try database.outboxDepth() == 0)
            let requests = receiver.requests
            #expect(requests.count == 2)
            #expect(Set(requests.compactMap { $0.headers["webhook-id"] }) == ["inc-1:opened", "inc-1:resolved"])
            let signer = WebhookSigner(secret: try WebhookSecret(text: Self.secret))
            for request in requests {
                #expect(signer.verify(headers: request.headers, body: request.body, now: now))
            }
            let history = try database.deliveries(limit: 10)
            #expect(history.count == 2)
            #expect(history.allSatisfy { $0.status == .delivered })
            #expect(history.contains { $0.attempts >= 1 && $0.lastError != nil })  // the failed first run is on record
        }
    }
}
