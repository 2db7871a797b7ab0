import Foundation
import GRDB
import SentinelTestSupport
import Testing

@testable import SentinelStore

/// Migrations `v6` and `v7` give load points a sensor and a legitimate load; a store written
/// before them keeps every point.
@Suite("Load points across the v6 and v7 migrations")
struct LoadMigrationTests {
    @Test func pointsWrittenBeforeTheSensorColumnAreKept() throws {
        try TemporaryDirectory.with { dir in
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
            #expect(try store.appliedMigrations().last == "v7")
            #expect(try store.loadSeries(name: "rps", from: 0, to: 10).map(\.value) == [0, 10, 20])
            // Migration v7: a point from before it has no legitimate load of its own, and counts whole.
            #expect(try store.sensorLoadPoints(name: "rps", from: 0, to: 10).map(\.legitimateLoad) == [0, 10, 20])
            try store.appendLoad(series: "rps", time: 1, value: 5, sensor: "gw-a")
            #expect(try store.loadSeries(name: "rps", from: 0, to: 10).map(\.value) == [0, 15, 20])
        }
    }
}
