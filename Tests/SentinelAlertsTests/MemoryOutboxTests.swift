import Foundation
import SentinelAlerts
import Testing

@Suite("Memory outbox")
struct MemoryOutboxTests {
    @Test("enqueue is idempotent, even after delivery; due respects time and order")
    func contract() {
        let outbox = MemoryOutbox()
        let a = OutboxItem(eventID: "i1:opened", webhook: "soc", payload: Data("a".utf8), created: 10)
        let b = OutboxItem(eventID: "i1:opened", webhook: "slack", payload: Data("b".utf8), created: 11)
        outbox.enqueue([a, b, a])
        #expect(outbox.depth() == 2)
        #expect(outbox.due(now: 10, limit: 10) == [a])
        #expect(outbox.due(now: 11, limit: 10) == [a, b])
        #expect(outbox.due(now: 11, limit: 1) == [a])
        outbox.markFailed(eventID: "i1:opened", webhook: "soc", error: "refused", nextAttempt: 20)
        #expect(outbox.due(now: 15, limit: 10) == [b])
        let retried = outbox.due(now: 20, limit: 10).first { $0.webhook == "soc" }
        #expect(retried?.attempts == 1 && retried?.lastError == "refused")
        outbox.markDelivered(eventID: "i1:opened", webhook: "soc", at: 21)
        outbox.enqueue([a])
        #expect(outbox.depth() == 1)
        #expect(outbox.pending().map(\.webhook) == ["slack"])
    }

    @Test("delivered pairs are remembered up to the limit")
    func memoryBound() {
        let outbox = MemoryOutbox(deliveredMemory: 2)
        for i in 0..<3 {
            outbox.enqueue([OutboxItem(eventID: "e\(i)", webhook: "w", payload: Data(), created: 0)])
            outbox.markDelivered(eventID: "e\(i)", webhook: "w", at: 1)
        }
        outbox.enqueue([OutboxItem(eventID: "e2", webhook: "w", payload: Data(), created: 0)])
        #expect(outbox.depth() == 0)
        outbox.enqueue([OutboxItem(eventID: "e0", webhook: "w", payload: Data(), created: 0)])
        #expect(outbox.depth() == 1, "the oldest delivered pair was forgotten")
    }
}
