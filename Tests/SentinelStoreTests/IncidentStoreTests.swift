import SentinelStore
import Testing

@Suite("Incidents")
struct IncidentStoreTests {
    static func incident(_ id: String, opened: Double, className: String = "syn_flood") -> StoredIncident {
        StoredIncident(
            id: id, className: className, target: "\(className)@eth0", opened: opened,
            peakConfidence: 0.8, topOffenders: ["10.0.0.1", "10.0.0.2"], summary: #"{"pps":1200}"#)
    }

    @Test("open, update, resolve and list")
    func lifecycle() throws {
        try StoreFixture.withDatabase { db in
            try db.openIncident(Self.incident("a", opened: 100))
            try db.openIncident(Self.incident("b", opened: 200, className: "port_scan"))
            #expect(try db.openIncidents().map(\.id) == ["a", "b"])

            var a = try #require(try db.incident(id: "a"))
            #expect(a == Self.incident("a", opened: 100) && a.isOpen)
            a.windows = 7
            a.peakConfidence = 0.97
            a.topOffenders = ["10.0.0.9"]
            #expect(try db.updateIncident(a))
            #expect(try db.incident(id: "a") == a)
            #expect(try !db.updateIncident(Self.incident("missing", opened: 1)))

            #expect(try db.resolveIncident(id: "a", at: 150))
            #expect(try !db.resolveIncident(id: "a", at: 170))  // already resolved: keeps 150
            #expect(try !db.resolveIncident(id: "missing", at: 170))
            #expect(try db.incident(id: "a")?.resolved == 150)
            #expect(try db.openIncidents().map(\.id) == ["b"])
            #expect(try db.recentIncidents(limit: 10).map(\.id) == ["b", "a"])
            #expect(try db.recentIncidents(limit: 1).map(\.id) == ["b"])
            #expect(try db.incident(id: "missing") == nil)
        }
    }

    @Test("opening the same id twice is an error naming the file")
    func duplicate() throws {
        try StoreFixture.with { fixture in
            let db = try fixture.open()
            try db.openIncident(Self.incident("a", opened: 1))
            #expect {
                try db.openIncident(Self.incident("a", opened: 2))
            } throws: { error in
                guard case let .query(path, _)? = error as? StoreError else { return false }
                return path == fixture.path
            }
        }
    }
}
