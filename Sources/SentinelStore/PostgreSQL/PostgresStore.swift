import Foundation
import PostgresNIO

/// A store in a PostgreSQL database that a fleet of sentinels shares: the same tables and
/// migrations as ``SentinelDatabase``, plus row locks where several sentinels may race (the
/// outbox claims, the leases).
///
/// One connection per store, used by one caller at a time (calls are serialised, the way
/// SQLite serialises writers). A connection that drops is opened again by the next call;
/// the call that saw it drop fails with ``StoreError/unreachable(url:reason:)``, so the
/// caller's own retry (the outbox's backoff, the next window) carries on.
///
/// Calls block the calling thread until the server answers, like GRDB's SQLite calls; the
/// network work runs on NIO's event loop threads, never on Swift's cooperative pool.
package final class PostgresStore: StoreBackend, @unchecked Sendable {
    /// Where the database is.
    package let url: PostgresStoreURL
    package var location: String { url.description }

    let logger: Logger
    private let configuration: PostgresConnection.Configuration
    /// Guards ``current`` and serialises every call on it.
    private let lock = NSLock()
    private var current: PostgresConnection?
    private var nextID = 1
    /// The longest one statement may wait for its answer before the connection is given up
    /// (closed, and opened again by the next call) and the call fails as unreachable: a
    /// connection the server dropped in the middle of a statement must not hold the caller
    /// forever. Migrations are not bounded (a large table may take long to change).
    package var queryTimeout = TimeAmount.seconds(15)

    /// Connects to the database at `url` and brings its schema up to date (or, with
    /// `readOnly`, checks it is a Sentinel database whose schema is up to date).
    ///
    /// - Parameters:
    ///   - url: the server and database.
    ///   - password: the password (see ``StorePassword``), or nil for trust/peer authentication.
    ///   - readOnly: for listing commands: the schema is checked, not migrated.
    /// - Throws: ``StoreError/unreachable(url:reason:)`` when the server cannot be reached or
    ///   refuses the login, ``StoreError/missingPassword(url:reason:)`` when it wants a
    ///   password and none was given, ``StoreError/cannotOpen(path:reason:)`` when the schema
    ///   cannot be migrated or (read-only) is missing or out of date.
    package init(url: PostgresStoreURL, password: String?, readOnly: Bool = false) throws {
        self.url = url
        var logger = Logger(label: "sentinel-store")
        logger.logLevel = .critical
        self.logger = logger
        var configuration: PostgresConnection.Configuration
        if let socket = url.socketDirectory {
            configuration = .init(
                unixSocketPath: "\(socket)/.s.PGSQL.\(url.port)", username: url.user, password: password,
                database: url.database)
        } else {
            configuration = .init(
                host: url.host ?? "localhost", port: url.port, username: url.user, password: password,
                database: url.database, tls: try Self.tls(url))
        }
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("application_name", "sentinel")]
        self.configuration = configuration
        try withConnection { connection in
            if readOnly {
                try PostgresSchema.check(on: connection, store: self)
            } else {
                try PostgresSchema.migrate(on: connection, store: self)
            }
        }
    }

    deinit {
        if let connection = current { Self.close(connection) }
    }

    package func appliedMigrations() throws -> [String] {
        try withConnection { connection in try PostgresSchema.applied(on: connection, store: self) }
    }

    /// Runs `body` on the connection (opening it first if there is none or it dropped),
    /// one caller at a time.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let connection = try connected()
        do {
            return try body(connection)
        } catch {
            if connection.isClosed { current = nil }
            if let error = error as? StoreError, case .unreachable = error, current === connection {
                current = nil
                Self.close(connection)
            }
            throw error
        }
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try run("BEGIN", on: connection)
            do {
                let result = try body(connection)
                try run("COMMIT", on: connection)
                return result
            } catch {
                // A connection given up is not asked to roll back: the server does it when the
                // connection goes.
                if let error = error as? StoreError, case .unreachable = error { throw error }
                _ = try? run("ROLLBACK", on: connection)
                throw error
            }
        }
    }

    /// Runs one statement and collects its rows; waits at most ``queryTimeout`` for the answer
    /// unless `bounded` is false.
    /// - Throws: ``StoreError/query(path:reason:)`` with the server's message, or
    ///   ``StoreError/unreachable(url:reason:)`` if the connection dropped, the server is
    ///   shutting down, or no answer came in time.
    @discardableResult
    func run(_ query: PostgresQuery, on connection: PostgresConnection, bounded: Bool = true) throws -> PostgresQueryResult {
        let answer = connection.query(query, logger: logger)
        do {
            guard bounded else { return try answer.wait() }
            return try within(queryTimeout, answer, on: connection).wait()
        } catch {
            throw storeError(error)
        }
    }

    /// `answer`, or a failure as unreachable once `limit` has passed without it.
    private func within<T: Sendable>(
        _ limit: TimeAmount, _ answer: EventLoopFuture<T>, on connection: PostgresConnection
    ) -> EventLoopFuture<T> {
        let promise = answer.eventLoop.makePromise(of: T.self)
        let seconds = limit.nanoseconds / 1_000_000_000
        let late = StoreError.unreachable(url: location, reason: "no answer within \(seconds) s (the connection is given up)")
        // Both run on the connection's event loop; the later of the two completions is ignored.
        let timeout = answer.eventLoop.scheduleTask(in: limit) { promise.fail(late) }
        answer.whenComplete { result in
            timeout.cancel()
            promise.completeWith(result)
        }
        return promise.futureResult
    }

    /// Closes `connection`, keeping it alive until it is closed (postgres-nio checks that).
    private static func close(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// How many rows a statement changed.
    func changed(_ query: PostgresQuery, on connection: PostgresConnection) throws -> Int {
        try run(query, on: connection).metadata.rows ?? 0
    }

    /// Decodes every row of `query`'s result with `decode`.
    func rows<T>(_ query: PostgresQuery, _ decode: (PostgresRow) throws -> T) throws -> [T] {
        try withConnection { connection in
            let result = try run(query, on: connection)
            do {
                return try result.map(decode)
            } catch {
                throw StoreError.query(path: location, reason: "unexpected row: \(String(reflecting: error))")
            }
        }
    }

    private func connected() throws -> PostgresConnection {
        if let current, !current.isClosed { return current }
        let eventLoop = PostgresConnection.defaultEventLoopGroup.next()
        do {
            let connection = try PostgresConnection.connect(
                on: eventLoop, configuration: configuration, id: nextID, logger: logger
            ).wait()
            nextID += 1
            current = connection
            return connection
        } catch let error as PSQLError where error.code == .authMechanismRequiresPassword {
            throw StoreError.missingPassword(
                url: location,
                reason: "the server asks for one: set \(StorePassword.environmentVariable) or store_password_file")
        } catch {
            throw StoreError.unreachable(url: location, reason: Self.reason(error))
        }
    }

    private func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PSQLError, error.serverInfo == nil,
            [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
        {
            return .unreachable(url: location, reason: Self.reason(error))
        }
        // The server ends the session as it shuts down or restarts (SQLSTATE class 57P:
        // admin_shutdown, crash_shutdown, cannot_connect_now) or the connection broke (08):
        // the statement did not take, and trying again later will.
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState], state.hasPrefix("57P") || state.hasPrefix("08") {
            return .unreachable(url: location, reason: Self.reason(error))
        }
        return .query(path: location, reason: Self.reason(error))
    }

    /// What went wrong, in words: the server's message when it sent one.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if error.code == .connectionError, let underlying = error.underlying {
                let text = "\(underlying)"
                for known in ["Connection refused", "timed out", "No such file or directory", "Network is unreachable"]
                where text.localizedCaseInsensitiveContains(known) {
                    return "\(known.lowercased()) (is the server running and listening there?)"
                }
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? StoreError { return error.description }
        return "\(error)"
    }
}
