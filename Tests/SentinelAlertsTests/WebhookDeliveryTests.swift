import Foundation
import SentinelAlerts
import SentinelTestSupport
import Testing

private let secretText = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

private func target(_ name: String, _ url: String, format: PayloadFormat = .sentinel) throws -> WebhookTarget {
    try WebhookTarget(name: name, url: url, format: format, secret: WebhookSecret(text: secretText), timeout: 3)
}

/// Checks a recorded request's Standard Webhooks signature with the receiver-side `verify`.
private func isSigned(_ request: WebhookReceiver.Request, now: Double) throws -> Bool {
    let signer = WebhookSigner(secret: try WebhookSecret(text: secretText))
    return signer.verify(headers: request.headers, body: request.body, now: now)
}

@Suite("Webhook delivery", .serialized)
struct WebhookDeliveryTests {
    @Test("each event reaches every webhook once, signed, in its format; duplicates are not resent")
    func deliversOnce() async throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let outbox = MemoryOutbox()
        let deliverer = WebhookDeliverer(
            targets: [try target("soc", receiver.url), try target("chat", receiver.url + "/slack", format: .slack)],
            outbox: outbox, random: SeededGenerator(seed: 1))
        let opened = sampleEvent(kind: .opened)
        #expect(try deliverer.enqueue(opened, now: 1_000) == 2)
        try deliverer.enqueue(opened, now: 1_001)  // duplicate
        try deliverer.enqueue(sampleEvent(kind: .resolved), now: 1_002)
        #expect(try outbox.depth() == 4)
        let report = await deliverer.deliverDue(now: 1_005)
        #expect(report.delivered == 4 && report.failed == 0, "\(report.errors)")
        #expect(outbox.depth() == 0)
        try deliverer.enqueue(opened, now: 1_010)  // after delivery: still not resent
        let again = await deliverer.deliverDue(now: 1_020)
        #expect(again.delivered == 0)

        let requests = receiver.requests
        #expect(requests.count == 4)
        #expect(Set(requests.map { "\($0.path) \($0.headers["webhook-id"] ?? "")" }).count == 4)
        for request in requests {
            #expect(request.method == "POST")
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.headers["webhook-timestamp"] == "1005")
            #expect(try isSigned(request, now: 1_005))
        }
        let sentinel = requests.filter { $0.path == "/hook" }
        let decoded = try sentinel.map { try JSONDecoder().decode(AlertEvent.self, from: $0.body) }
        #expect(Set(decoded.map(\.eventID)) == Set(sentinel.compactMap { $0.headers["webhook-id"] }))
        #expect(decoded.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.opened, .resolved])
        let slack = try #require(requests.first { $0.path == "/hook/slack" })
        #expect(String(decoding: slack.body, as: UTF8.self).contains("\"blocks\""))
    }

    @Test("503 twice, then 200: delivered on the third attempt, after backoff")
    func retriesAfterErrors() async throws {
        let receiver = try WebhookReceiver(statuses: [503, 503])
        defer { receiver.stop() }
        let outbox = MemoryOutbox()
        let deliverer = WebhookDeliverer(
            targets: [try target("soc", receiver.url)], outbox: outbox,
            random: SeededGenerator(seed: 7))
        try deliverer.enqueue(sampleEvent(), now: 0)
        var now = 0.0
        var delivered = 0
        var failures = 0
        for _ in 0..<10 where delivered == 0 {  // bounded
            let report = await deliverer.deliverDue(now: now)
            delivered += report.delivered
            failures += report.failed
            if report.failed > 0 {
                #expect(report.errors.first?.description.contains("HTTP status 503") == true)
                let pending = try #require(outbox.pending().first)
                #expect(pending.nextAttempt >= now && pending.nextAttempt <= now + Backoff().ceiling(failures: pending.attempts))
                #expect(
                    await deliverer.deliverDue(now: now).delivered == 0 || pending.nextAttempt == now,
                    "not retried before its backoff")
                now = pending.nextAttempt
            }
        }
        #expect(delivered == 1 && failures == 2)
        #expect(receiver.requests.count == 3)
        #expect(Set(receiver.requests.compactMap { $0.headers["webhook-id"] }).count == 1, "same webhook-id on retries")
        #expect(outbox.depth() == 0)
    }

    @Test("receiver down: refused attempts back off; delivered once when it comes back")
    func receiverDown() async throws {
        let port = try LoopbackPort.free()
        let outbox = MemoryOutbox()
        let deliverer = WebhookDeliverer(
            targets: [try target("soc", "http://127.0.0.1:\(port)/hook")], outbox: outbox,
            random: SeededGenerator(seed: 3))
        try deliverer.enqueue(sampleEvent(kind: .opened), now: 0)
        try deliverer.enqueue(sampleEvent(kind: .resolved), now: 0)
        var now = 0.0
        for attempt in 1...3 {
            let report = await deliverer.deliverDue(now: now)
            #expect(report.failed == 1 && report.delivered == 0, "\(report.errors)")
            #expect(report.errors.count == 1)
            let items = outbox.pending()
            #expect(items.count == 2)
            now = items.map(\.nextAttempt).max() ?? now
            #expect(items.map(\.attempts).reduce(0, +) >= attempt, "attempts are counted")
        }
        let receiver = try WebhookReceiver(port: port)
        defer { receiver.stop() }
        var delivered = 0
        for _ in 0..<10 where outbox.depth() > 0 {  // bounded
            delivered += await deliverer.deliverDue(now: now).delivered
            now = (outbox.pending().map(\.nextAttempt).max() ?? now)
        }
        #expect(delivered == 2 && outbox.depth() == 0)
        #expect(receiver.requests.count == 2)
        #expect(Set(receiver.requests.compactMap { $0.headers["webhook-id"] }).count == 2)
    }

    @Test("an item for an unconfigured webhook fails and waits")
    func unknownWebhook() async throws {
        let outbox = MemoryOutbox()
        outbox.enqueue([OutboxItem(eventID: "e", webhook: "gone", payload: Data(), created: 0)])
        let deliverer = WebhookDeliverer(targets: [], outbox: outbox, random: SeededGenerator(seed: 1))
        let report = await deliverer.deliverDue(now: 0)
        #expect(report.failed == 1 && report.errors == [.unknownWebhook("gone")])
        #expect(outbox.pending().first?.attempts == 1)
    }
}
