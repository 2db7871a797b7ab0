import Foundation
import SentinelStore
import Testing

@Suite("Opening the database")
struct SentinelDatabaseTests {
    @Test("migrations run once and are recorded; reopening keeps the data")
    func migrationsAndRestart() throws {
        try StoreFixture.with { fixture in
            do {
                let db = try fixture.open()
                #expect(try db.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
                try db.insert(StoreFixture.window(start: 10))
                try db.appendLoad(series: "rps", time: 10, value: 5)
            }
            #expect(FileManager.default.fileExists(atPath: fixture.path))
            let reopened = try fixture.open()
            #expect(try reopened.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
            #expect(try reopened.windows(from: 0, to: 100) == [StoreFixture.window(start: 10)])
            #expect(try reopened.loadSeries(name: "rps", from: 0, to: 100).map(\.value) == [5])
            let third = try fixture.open()
            #expect(try third.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
        }
    }

    @Test("two handles on one file see each other's writes (WAL)")
    func twoHandles() throws {
        try StoreFixture.with { fixture in
            let writer = try fixture.open(), reader = try fixture.open()
            try writer.insert(StoreFixture.window(start: 1))
            #expect(try reader.windows(from: 0, to: 10).count == 1)
            #expect(FileManager.default.fileExists(atPath: fixture.path + "-wal"))
        }
    }

    @Test("a file in a missing directory is an error naming it")
    func missingDirectory() throws {
        try StoreFixture.with { fixture in
            let path = fixture.directory.file("no/such/dir/sentinel.db")
            do {
                _ = try SentinelDatabase(path: path)
                Issue.record("opened \(path)")
            } catch let error as StoreError {
                guard case let .cannotOpen(named, reason) = error else { Issue.record("\(error)"); return }
                #expect(named == path)
                #expect(!reason.isEmpty)
                #expect(error.description.contains(path))
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a file that is not a database is an error naming it, and is left alone")
    func notADatabase() throws {
        try StoreFixture.with { fixture in
            let text = String(repeating: "this is not an SQLite database\n", count: 200)
            try text.write(toFile: fixture.path, atomically: true, encoding: .utf8)
            #expect {
                _ = try fixture.open()
            } throws: { error in
                guard case let .cannotOpen(path, reason)? = error as? StoreError else { return false }
                return path == fixture.path && reason.contains("not a database")
            }
            #expect(try String(contentsOfFile: fixture.path, encoding: .utf8) == text)
        }
    }
}

@Suite("Opening the database read-only")
struct ReadOnlyDatabaseTests {
    @Test("reads what a writer stored and refuses writes")
    func readsAndRefusesWrites() throws {
        try StoreFixture.with { fixture in
            let writer = try fixture.open()
            try writer.appendLoad(series: "rps", time: 1, value: 2)
            let reader = try SentinelDatabase(path: fixture.path, readOnly: true)
            #expect(try reader.loadSeries(name: "rps", from: 0, to: 10).count == 1)
            #expect(try reader.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
            #expect(throws: StoreError.self) { try reader.appendLoad(series: "rps", time: 2, value: 3) }
            try writer.appendLoad(series: "rps", time: 3, value: 4)
            #expect(try reader.loadSeries(name: "rps", from: 0, to: 10).count == 2)
        }
    }

    @Test("a missing file is an error naming it and is not created")
    func missing() throws {
        StoreFixture.with { fixture in
            #expect {
                _ = try SentinelDatabase(path: fixture.path, readOnly: true)
            } throws: { error in
                guard case let .cannotOpen(path, _)? = error as? StoreError else { return false }
                return path == fixture.path
            }
            #expect(!FileManager.default.fileExists(atPath: fixture.path))
        }
    }

    @Test("an SQLite file that Sentinel never migrated is not a Sentinel database")
    func foreignDatabase() throws {
        StoreFixture.with { fixture in
            _ = FileManager.default.createFile(atPath: fixture.path, contents: Data())  // SQLite reads an empty file as an empty database
            #expect(throws: StoreError.cannotOpen(path: fixture.path, reason: "not a Sentinel database")) {
                _ = try SentinelDatabase(path: fixture.path, readOnly: true)
            }
        }
    }
}
