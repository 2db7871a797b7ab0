import Foundation
import SentinelRuntime
import SentinelStore
import SentinelTestSupport
import Testing

/// One planner for the fleet: two sentinels on one store, on a clock the test moves.
@Suite("Planner leadership")
struct LeaderLeaseTests {
    /// The stores the election runs on: SQLite always, PostgreSQL when installed.
    static var stores: [String] { PostgresCluster.binaries == nil ? ["sqlite"] : ["sqlite", "postgres"] }

    static func open(_ kind: String, directory: TemporaryDirectory) throws -> () throws -> any StoreBackend {
        if kind == "sqlite" {
            let path = directory.file("sentinel.db")
            return { try SentinelDatabase(path: path) }
        }
        let cluster = try PostgresCluster.shared()
        let url = try PostgresStoreURL(cluster.url(database: try cluster.createDatabase()))
        return { try PostgresStore(url: url, password: PostgresCluster.password) }
    }

    @Test("exactly one leads; when it stops renewing, the other takes over within the lease", arguments: stores)
    func takeover(kind: String) throws {
        try TemporaryDirectory.with { directory in
            let open = try Self.open(kind, directory: directory)
            let a = LeaderLease(store: try open(), holder: "gw-a", duration: 15)
            let b = LeaderLease(store: try open(), holder: "gw-b", duration: 15)
            #expect(a.check(now: 1_000) == (true, true))
            #expect(b.check(now: 1_000.5) == (false, false))
            // gw-a plans every window and renews every 5 s; gw-b never gets in.
            var now = 1_001.0
            while now < 1_060 {
                #expect(a.check(now: now).leads)
                #expect(!b.check(now: now + 0.5).leads)
                now += 1
            }
            // gw-a dies at 1059 (its last renewal was at 1055 at the latest): by 1070 gw-b leads.
            var tookOver: Double?
            now = 1_060
            while now <= 1_075, tookOver == nil {
                if b.check(now: now).leads { tookOver = now }
                now += 1
            }
            let at = try #require(tookOver)
            #expect(at <= 1_055 + 15)
            // gw-a comes back: it finds it is no longer the planner.
            #expect(a.check(now: at + 1) == (false, true))
            // A clean stop hands over at once.
            b.release()
            #expect(a.check(now: at + 2).leads)
        }
    }

    @Test("a leader cut off from the database stops planning before its lease can pass to another", .needsPostgres)
    func cutOff() throws {
        try PostgresCluster.withDatabase { cluster, address in
            let url = try PostgresStoreURL(address)
            let lease = LeaderLease(store: try PostgresStore(url: url, password: PostgresCluster.password), holder: "gw-a", duration: 15)
            #expect(lease.check(now: 1_000).leads)
            try cluster.pause()
            // Renewals fail from 1005 on; it goes on leading on the lease it holds, up to 1010 (2/3 of it).
            #expect(lease.check(now: 1_005).leads)
            #expect(lease.check(now: 1_009).leads)
            #expect(lease.check(now: 1_010.5) == (false, true))
            try cluster.resume()
            // Back, and nobody took the lease meanwhile: it leads again.
            #expect(lease.check(now: 1_020).leads)
        }
    }
}
