import Foundation
import SentinelStore
import Testing

@Suite("Alert outbox")
struct OutboxStoreTests {
    @Test("queuing an event twice for one webhook keeps one row; another webhook gets its own")
    func idempotentEnqueue() throws {
        try StoreFixture.withDatabase { db in
            #expect(try db.enqueue(StoreFixture.entry("e1", created: 10)))
            var again = StoreFixture.entry("e1", created: 11)
            again.payload = Data("changed".utf8)
            #expect(try !db.enqueue(again))
            #expect(try db.outboxDepth() == 1)
            #expect(try db.dueEntries(now: 100) == [StoreFixture.entry("e1", created: 10)])
            #expect(try db.enqueue(StoreFixture.entry("e1", webhook: "pager", created: 10)))
            #expect(try db.outboxDepth() == 2)
            // Delivered events are not queued again either.
            try db.markDelivered(eventID: "e1", webhook: "team", at: 12)
            #expect(try !db.enqueue(StoreFixture.entry("e1", created: 13)))
            #expect(try db.outboxDepth() == 1)
        }
    }

    @Test("due entries: earliest next attempt first, then oldest; only those whose next attempt has come")
    func dueOrdering() throws {
        try StoreFixture.withDatabase { db in
            try db.enqueue(StoreFixture.entry("late", created: 30))
            try db.enqueue(StoreFixture.entry("early", created: 10))
            try db.enqueue(StoreFixture.entry("middle", created: 20))
            try db.enqueue(OutboxEntry(eventID: "scheduled", webhook: "team", payload: Data(), created: 5, nextAttempt: 100))
            #expect(try db.dueEntries(now: 50).map(\.eventID) == ["early", "middle", "late"])
            #expect(try db.dueEntries(now: 50, limit: 2).map(\.eventID) == ["early", "middle"])
            #expect(try db.dueEntries(now: 15).map(\.eventID) == ["early"])
            #expect(try db.dueEntries(now: 100).map(\.eventID) == ["early", "middle", "late", "scheduled"])
        }
    }

    @Test("a failure counts an attempt and postpones; delivery ends it")
    func failThenDeliver() throws {
        try StoreFixture.withDatabase { db in
            try db.enqueue(StoreFixture.entry("e1", created: 10))
            try db.enqueue(StoreFixture.entry("e2", created: 11))
            #expect(try db.deliveries(limit: 10).map(\.status) == [.pending, .pending])

            #expect(try db.markFailed(eventID: "e1", webhook: "team", error: "HTTP 503", nextAttempt: 20))
            #expect(try db.dueEntries(now: 15).map(\.eventID) == ["e2"])
            #expect(try db.markFailed(eventID: "e1", webhook: "team", error: "connection refused", nextAttempt: 40))
            #expect(try db.dueEntries(now: 40).map(\.eventID) == ["e2", "e1"])
            let failing = try #require(try db.dueEntries(now: 40).last)
            #expect(failing.eventID == "e1" && failing.attempts == 2 && failing.nextAttempt == 40)
            #expect(failing.lastError == "connection refused" && failing.status == .failing)
            #expect(try db.outboxDepth() == 2)

            #expect(try db.markDelivered(eventID: "e1", webhook: "team", at: 41))
            #expect(try !db.markDelivered(eventID: "e1", webhook: "team", at: 42))
            #expect(try !db.markFailed(eventID: "e1", webhook: "team", error: "late", nextAttempt: 50))
            #expect(try db.dueEntries(now: 1000).map(\.eventID) == ["e2"])
            #expect(try db.outboxDepth() == 1)
            let recent = try db.deliveries(limit: 10)
            #expect(recent.map(\.eventID) == ["e2", "e1"])
            #expect(recent.map(\.status) == [.pending, .delivered])
            #expect(recent[1].delivered == 41 && recent[1].attempts == 3)
            #expect(try db.deliveries(limit: 1).map(\.eventID) == ["e2"])
        }
    }

    @Test("the outbox survives closing and reopening the file")
    func durability() throws {
        try StoreFixture.with { fixture in
            do {
                let db = try fixture.open()
                try db.enqueue(StoreFixture.entry("e1", created: 10))
                try db.enqueue(StoreFixture.entry("e2", created: 11))
                try db.enqueue(StoreFixture.entry("e3", created: 12))
                try db.markFailed(eventID: "e1", webhook: "team", error: "timeout", nextAttempt: 3600)
                try db.markDelivered(eventID: "e2", webhook: "team", at: 13)
            }
            let db = try fixture.open()
            #expect(try db.outboxDepth() == 2)
            #expect(try db.dueEntries(now: 100).map(\.eventID) == ["e3"])
            let retried = try db.dueEntries(now: 3600)
            #expect(retried.map(\.eventID) == ["e3", "e1"])
            #expect(retried[1].attempts == 1 && retried[1].lastError == "timeout")
            #expect(retried[1].payload == Data(#"{"id":"e1"}"#.utf8))
            #expect(try !db.enqueue(StoreFixture.entry("e2", created: 20)))
        }
    }

    @Test("a batch is queued in one go, duplicates skipped")
    func batch() throws {
        try StoreFixture.withDatabase { db in
            try db.enqueue(StoreFixture.entry("e1", created: 1))
            let batch = [
                StoreFixture.entry("e1", created: 2), StoreFixture.entry("e1", webhook: "pager", created: 2),
                StoreFixture.entry("e2", created: 2), StoreFixture.entry("e2", created: 3),
            ]
            #expect(try db.enqueue(batch) == 2)
            #expect(try db.outboxDepth() == 3)
        }
    }

    @Test("retention removes only delivered entries")
    func purgeDelivered() throws {
        try StoreFixture.withDatabase { db in
            try db.enqueue(StoreFixture.entry("old", created: 1))
            try db.enqueue(StoreFixture.entry("stuck", created: 1))
            try db.markDelivered(eventID: "old", webhook: "team", at: 2)
            #expect(try db.purgeDelivered(olderThan: 100) == 1)
            #expect(try db.deliveries(limit: 10).map(\.eventID) == ["stuck"])
        }
    }
}
