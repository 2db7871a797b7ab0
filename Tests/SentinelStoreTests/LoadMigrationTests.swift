import Foundation
import GRDB
import SentinelTestSupport
import Testing

@testable import SentinelStore

/// Migration `v6` gives load points a sensor; a store written before it keeps every point.
@Suite("Load points across the v6 migration")
struct LoadMigrationTests {
    @Test func pointsWrittenBeforeTheSensorColumnAreKept() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("old.db")
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v5")
            try queue.write { db in
                for t in 0..<3 {
                    try db.execute(sql: "INSERT INTO load_points (series, time, value) VALUES ('rps', ?, ?)", arguments: [t, t * 10])
                }
            }
        }
        let store = try SentinelDatabase(path: path)
        #expect(try store.appliedMigrations().last == "v6")
        #expect(try store.loadSeries(name: "rps", from: 0, to: 10).map(\.value) == [0, 10, 20])
        try store.appendLoad(series: "rps", time: 1, value: 5, sensor: "gw-a")
        #expect(try store.loadSeries(name: "rps", from: 0, to: 10).map(\.value) == [0, 15, 20])
    }
}
