import Foundation
import SentinelTestSupport
import Testing

@testable import SentinelStore

/// What only the PostgreSQL backend has: a URL, a password kept out of the YAML, a server
/// that may be down or restarted. Against a private cluster on loopback.
@Suite("PostgreSQL store", .serialized)
struct PostgresStoreTests {
    @Test("store URLs: what is accepted, and what each refusal says")
    func urls() throws {
        let tcp = try PostgresStoreURL("postgres://sentinel@db.example.net:6432/fleet")
        #expect(tcp == PostgresStoreURL(user: "sentinel", host: "db.example.net", port: 6432, database: "fleet"))
        #expect(try PostgresStoreURL("postgresql://s@10.0.0.5/fleet").port == 5432)
        let socket = try PostgresStoreURL("postgres://s@/fleet?host=/run/postgresql")
        #expect(socket.socketDirectory == "/run/postgresql" && socket.host == nil)
        #expect(try StoreLocation("/var/lib/sentinel/sentinel.db") == .sqlite(path: "/var/lib/sentinel/sentinel.db"))
        #expect(try StoreLocation("postgres://s@h/db") == .postgres(PostgresStoreURL(user: "s", host: "h", port: 5432, database: "db")))
        let refusals: [(String, String)] = [
            ("postgres://s:hunter2@h/db", "the password must not be in the URL"),
            ("postgres://h/db", "no user"),
            ("postgres://s@h", "no database name"),
            ("postgres://s@h/db?sslmode=verify", "sslmode must be one of disable, prefer, require, verify-ca, verify-full"),
            ("postgres://s@h/db?sslrootcert=/ca.pem", "sslrootcert needs sslmode=verify-ca or verify-full"),
            ("postgres://s@h/db?sslmode=verify-full&sslrootcert=ca.pem", "sslrootcert must be an absolute path"),
            ("postgres://s@/db?host=/run/postgresql&sslmode=require", "TLS is for TCP connections"),
            ("postgres://s@h/db?sslmode=require&sslcert=/c.pem", "sslcert and sslkey go together"),
            ("postgres://s@h/db?sslmode=require&sslcert=c.pem&sslkey=/k.pem", "sslcert and sslkey must be absolute paths, not 'c.pem'"),
            ("postgres://s@h/db?sslcert=/c.pem&sslkey=/k.pem", "sslcert needs sslmode=require, verify-ca or verify-full"),
            ("postgres://s@h/db?application_name=x", "unknown parameter 'application_name'"),
            ("postgres://s@h:0/db", "port 0"),
            ("mysql://s@h/db", "only postgres:// URLs and SQLite file paths are stores"),
        ]
        for (text, reason) in refusals {
            #expect {
                _ = try StoreLocation(text)
            } throws: { error in
                guard case let .badURL(url, why)? = error as? StoreError else { return false }
                return url == text && why.contains(reason) && !(error as! StoreError).description.isEmpty
            }
        }
    }

    @Test("the password comes from SENTINEL_STORE_PASSWORD, else the file; an unreadable file is named")
    func passwords() throws {
        let url = try PostgresStoreURL("postgres://s@h/db")
        try TemporaryDirectory.with { directory in
            let file = try directory.secret("password", "from-file\n")
            #expect(try StorePassword.load(for: url, file: file, environment: ["SENTINEL_STORE_PASSWORD": "from-env"]) == "from-env")
            #expect(try StorePassword.load(for: url, file: file, environment: [:]) == "from-file")
            #expect(try StorePassword.load(for: url, file: nil, environment: [:]) == nil)
            #expect(throws: StoreError.missingPassword(url: url.description, reason: "store_password_file /nonexistent/pw: no such file")) {
                try StorePassword.load(for: url, file: "/nonexistent/pw", environment: [:])
            }
            // A file others may read is refused (issue 16), whoever owns it.
            try FileManager.default.setAttributes([.posixPermissions: 0o604], ofItemAtPath: file)
            #expect(throws: StoreError.self) { try StorePassword.load(for: url, file: file, environment: [:]) }
        }
    }

    @Test("a private cluster starts, and the store migrates a new database in it", .needsPostgres)
    func cluster() throws {
        let cluster = try PostgresCluster.shared()
        let url = try PostgresStoreURL(cluster.url(database: try cluster.createDatabase()))
        let store = try StoreLocation.postgres(url).open(environment: ["SENTINEL_STORE_PASSWORD": PostgresCluster.password])
        #expect(try store.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
        #expect(store.location == "postgres://sentinel@127.0.0.1:\(cluster.port)/\(url.database)")
    }

    @Test("no password, a wrong password, a closed port: each error says which", .needsPostgres)
    func loginErrors() throws {
        let cluster = try PostgresCluster.shared()
        let url = try PostgresStoreURL(cluster.url(database: try cluster.createDatabase()))
        #expect {
            _ = try PostgresStore(url: url, password: nil)
        } throws: { error in
            guard case let .missingPassword(named, reason)? = error as? StoreError else { return false }
            return named == url.description && reason.contains("SENTINEL_STORE_PASSWORD")
        }
        #expect {
            _ = try PostgresStore(url: url, password: "wrong")
        } throws: { error in
            guard case let .unreachable(_, reason)? = error as? StoreError else { return false }
            return reason.contains("password authentication failed")
        }
        var closed = url
        closed.port = try Self.closedPort()
        #expect {
            _ = try PostgresStore(url: closed, password: "x")
        } throws: { error in
            guard case let .unreachable(named, _)? = error as? StoreError else { return false }
            return named == closed.description && (error as! StoreError).description.contains("cannot reach the database")
        }
    }

    @Test("the database restarted: the call while it is down fails naming it, the next one reconnects", .needsPostgres)
    func restart() throws {
        try PostgresCluster.withDatabase { cluster, address in
            let url = try PostgresStoreURL(address)
            let store = try PostgresStore(url: url, password: PostgresCluster.password)
            try store.insert(StoreFixture.window(start: 1))
            try cluster.pause()
            #expect(throws: StoreError.self) { try store.insert(StoreFixture.window(start: 2)) }
            try cluster.resume()
            try store.insert(StoreFixture.window(start: 3))
            #expect(try store.windows(from: 0, to: 10).map(\.start) == [1, 3])
        }
    }

    @Test(
        "a statement that gets no answer fails as unreachable after the query timeout, and the next call works on a new connection",
        .needsPostgres)
    func statementTimeout() throws {
        let cluster = try PostgresCluster.shared()
        let url = try PostgresStoreURL(cluster.url(database: try cluster.createDatabase()))
        let holder = try PostgresStore(url: url, password: PostgresCluster.password)
        let waiter = try PostgresStore(url: url, password: PostgresCluster.password)
        waiter.queryTimeout = .seconds(1)
        // The holder's session keeps the lock: the waiter's statement gets no answer.
        _ = try holder.rows("SELECT pg_advisory_lock(7)") { _ in 0 }
        let started = Date()
        let error = #expect(throws: StoreError.self) { _ = try waiter.rows("SELECT pg_advisory_lock(7)") { _ in 0 } }
        let waited = Date().timeIntervalSince(started)
        #expect(error?.description.contains("no answer within 1 s") == true, "\(String(describing: error))")
        #expect(waited >= 1 && waited < 5, "waited \(waited) s")
        // Written at once on a new connection; the abandoned one no longer waits for the lock.
        try waiter.insert(StoreFixture.window(start: 1))
        #expect(try waiter.windows(from: 0, to: 10).count == 1)
    }

    /// A port nothing listens on.
    static func closedPort() throws -> Int {
        let receiver = try WebhookReceiver()
        let port = Int(receiver.port)
        receiver.stop()
        return port
    }
}
