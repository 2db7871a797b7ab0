import SentinelStore
import Testing

@Suite("Store errors")
struct StoreErrorTests {
    @Test("errors name the database file")
    func describe() {
        #expect(StoreError.cannotOpen(path: "/x/s.db", reason: "read-only").description == "/x/s.db: cannot open the database: read-only")
    }
}
