import SentinelStore
import Testing

@Suite("Actions and load series")
struct ActionAndLoadStoreTests {
    @Test("actions: insert, outcome, most recent first")
    func actions() throws {
        try StoreFixture.withDatabase { db in
            let block = StoredAction(
                id: "a1", time: 10, kind: "block", target: "203.0.113.0/24",
                parameters: #"{"seconds":600}"#, mode: "dry-run", explanation: "syn flood from one /24")
            let scale = StoredAction(
                id: "a2", time: 20, kind: "scale", target: "web", parameters: #"{"replicas":4}"#,
                mode: "enforce", outcome: "applied", explanation: "flash crowd forecast")
            try db.insert(block)
            try db.insert(scale)
            #expect(try db.recentActions(limit: 10) == [scale, block])
            #expect(try db.recentActions(limit: 1) == [scale])
            #expect(try db.setOutcome(actionID: "a1", outcome: "would block"))
            #expect(try !db.setOutcome(actionID: "zz", outcome: "x"))
            #expect(try db.recentActions(limit: 10).last?.outcome == "would block")
        }
    }

    @Test("load series: round trip in time order, per series, same time replaces")
    func loadSeries() throws {
        try StoreFixture.withDatabase { db in
            for t in [3.0, 1, 2, 4] { try db.appendLoad(series: "rps@web", time: t, value: t * 10) }
            try db.appendLoad(series: "rps@api", time: 2, value: 99)
            try db.appendLoad(series: "rps@web", time: 2, value: 25)
            let points = try db.loadSeries(name: "rps@web", from: 1, to: 4)
            #expect(
                points == [
                    LoadPoint(series: "rps@web", time: 1, value: 10), LoadPoint(series: "rps@web", time: 2, value: 25),
                    LoadPoint(series: "rps@web", time: 3, value: 30),
                ])
            #expect(try db.loadSeries(name: "rps@api", from: 0, to: 10).map(\.value) == [99])
            #expect(try db.loadSeries(name: "none", from: 0, to: 10).isEmpty)
            #expect(try db.purgeLoad(olderThan: 3) == 3)
            #expect(try db.loadSeries(name: "rps@web", from: 0, to: 10).map(\.time) == [3, 4])
        }
    }
}

@Suite("Log read positions")
struct LogPositionStoreTests {
    @Test("a saved position survives reopening; saving again replaces it; other logs are separate")
    func roundTrip() throws {
        try StoreFixture.with { fixture in
            let first = StoredLogPosition(path: "/var/log/nginx/access.log", device: 2049, inode: 131_077, offset: 4_096, updated: 10)
            do {
                let db = try fixture.open()
                #expect(try db.logPosition(path: first.path) == nil)
                try db.saveLogPosition(first)
                try db.saveLogPosition(StoredLogPosition(path: "/other.log", device: 1, inode: 2, offset: 3, updated: 10))
            }
            let db = try fixture.open()
            #expect(try db.logPosition(path: first.path) == first)
            var later = first
            later.offset = 9_000
            later.updated = 20
            try db.saveLogPosition(later)
            #expect(try db.logPosition(path: first.path) == later)
            #expect(try db.logPosition(path: "/other.log")?.offset == 3)
        }
    }
}
