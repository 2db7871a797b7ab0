import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

@Suite("sentinel incidents and alerts")
struct StoreCommandTests {
    /// A database with two incidents (one resolved) and three deliveries (one of each status).
    static func makeDatabase(in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("sentinel.db")
        let db = try SentinelDatabase(path: path)
        try db.openIncident(
            StoredIncident(
                id: "inc-old", className: "port_scan", target: "198.51.100.0/24", opened: 1_700_000_000,
                windows: 4, peakConfidence: 0.91, topOffenders: ["198.51.100.7"]))
        try db.resolveIncident(id: "inc-old", at: 1_700_000_060)
        try db.openIncident(
            StoredIncident(
                id: "inc-new", className: "syn_flood", target: "syn_flood@eth0", opened: 1_700_000_100,
                windows: 12, peakConfidence: 0.99, topOffenders: ["203.0.113.5", "203.0.113.9"],
                summary: #"{"peak_pps":48000}"#))
        for (i, event) in ["ev-delivered", "ev-failing", "ev-pending"].enumerated() {
            try db.enqueue(OutboxEntry(eventID: event, webhook: "soc", payload: Data("{}".utf8), created: 1_700_000_000 + Double(i)))
        }
        try db.markDelivered(eventID: "ev-delivered", webhook: "soc", at: 1_700_000_010)
        try db.markFailed(eventID: "ev-failing", webhook: "soc", error: "HTTP 503", nextAttempt: 1_700_000_120)
        return path
    }

    /// Runs `body` with the path of a ``makeDatabase(in:)`` database in a fresh folder.
    static func withDatabase(_ body: (String) throws -> Void) throws {
        try TemporaryDirectory.with { dir in try body(try makeDatabase(in: dir)) }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONObject.read(Data(text.utf8)))
    }

    @Test("incidents as JSON, newest first; --open keeps the open one")
    func incidentsJSON() throws {
        try Self.withDatabase { path in
            let all = try SentinelProcess.run(["incidents", "--db", path, "--format", "json"])
            #expect(all.status == 0, "\(all.stderr)")
            let incidents = try #require(try Self.json(all.stdout)["incidents"] as? [[String: Any]])
            #expect(incidents.map { $0["id"] as? String } == ["inc-new", "inc-old"])
            #expect(incidents[0]["class"] as? String == "syn_flood")
            #expect(incidents[0]["top_offenders"] as? [String] == ["203.0.113.5", "203.0.113.9"])
            #expect((incidents[0]["summary"] as? [String: Any])?["peak_pps"] as? Int == 48000)
            #expect(incidents[0]["open"] as? Bool == true && incidents[0]["resolved"] is NSNull)
            #expect(incidents[1]["resolved"] as? Double == 1_700_000_060)

            let open = try SentinelProcess.run(["incidents", "--db", path, "--format", "json", "--open"])
            #expect(try (Self.json(open.stdout)["incidents"] as? [[String: Any]])?.map { $0["id"] as? String } == ["inc-new"])
            let limited = try SentinelProcess.run(["incidents", "--db", path, "--format", "json", "--limit", "1"])
            #expect(try (Self.json(limited.stdout)["incidents"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("incidents as a table")
    func incidentsTable() throws {
        try Self.withDatabase { path in
            let result = try SentinelProcess.run(["incidents", "--db", path])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines.first?.hasPrefix("OPENED") == true)
            #expect(lines[1].contains("syn_flood@eth0") && lines[1].contains("open") && lines[1].contains("2023-11-14 22:15:00"))
            #expect(lines[2].contains("port_scan") && lines[2].contains("2023-11-14 22:14:20"))
        }
    }

    @Test("alerts list deliveries with their status, as JSON and as a table")
    func alerts() throws {
        try Self.withDatabase { path in
            let json = try SentinelProcess.run(["alerts", "--db", path, "--format", "json"])
            #expect(json.status == 0, "\(json.stderr)")
            let object = try Self.json(json.stdout)
            #expect(object["undelivered"] as? Int == 2)
            let deliveries = try #require(object["deliveries"] as? [[String: Any]])
            #expect(deliveries.map { $0["event_id"] as? String } == ["ev-pending", "ev-failing", "ev-delivered"])
            #expect(deliveries.map { $0["status"] as? String } == ["pending", "failing", "delivered"])
            #expect(deliveries[1]["attempts"] as? Int == 1 && deliveries[1]["last_error"] as? String == "HTTP 503")
            #expect(deliveries[1]["next_attempt"] as? Double == 1_700_000_120)

            let table = try SentinelProcess.run(["alerts", "--db", path])
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout.contains("STATUS") && table.stdout.contains("HTTP 503") && table.stdout.contains("2 undelivered"))
        }
    }

    @Test("a missing database is exit 2 naming it, and is not created", arguments: ["incidents", "alerts"])
    func missingDatabase(command: String) throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("absent.db")
            let result = try SentinelProcess.run([command, "--db", path])
            #expect(result.status == 2)
            #expect(result.stderr.contains(path), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a file that is not a database is exit 2 naming it")
    func notADatabase() throws {
        try TemporaryDirectory.with { dir in
            let path = try dir.write(String(repeating: "not sqlite\n", count: 100), to: "notes.db")
            let result = try SentinelProcess.run(["alerts", "--db", path])
            #expect(result.status == 2)
            #expect(result.stderr.contains(path), "\(result.stderr)")
        }
    }
}
