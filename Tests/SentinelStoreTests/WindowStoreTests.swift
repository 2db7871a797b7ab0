import SentinelStore
import Testing

@Suite("Windows")
struct WindowStoreTests {
    @Test("insert and query by start time, earliest first, with a limit")
    func query() throws {
        try StoreFixture.withDatabase { db in
            for start in [5.0, 1, 3, 2, 4] { try db.insert(StoreFixture.window(start: start)) }
            try db.insert(StoreFixture.window(start: 6, verdict: nil, source: "access.log"))
            #expect(try db.windows(from: 2, to: 5).map(\.start) == [2, 3, 4])
            #expect(try db.windows(from: 0, to: 100, limit: 2).map(\.start) == [1, 2])
            let unclassified = try #require(try db.windows(from: 6, to: 7).first)
            #expect(unclassified.verdict == nil && unclassified.confidence == nil && unclassified.probabilities.isEmpty)
            #expect(unclassified.source == "access.log")
            #expect(try db.windows(from: 1, to: 2).first == StoreFixture.window(start: 1))
        }
    }

    @Test("retention purges windows that started before the cut-off and counts them")
    func purge() throws {
        try StoreFixture.withDatabase { db in
            for start in stride(from: 0.0, to: 10, by: 1) { try db.insert(StoreFixture.window(start: start)) }
            #expect(try db.purgeWindows(olderThan: 4) == 4)  // windows 0–3
            #expect(try db.purgeWindows(olderThan: 4) == 0)
            #expect(try db.windows(from: 0, to: 100).map(\.start) == [4, 5, 6, 7, 8, 9])
        }
    }
}
