import Foundation
import GRDB

/// Sentinel's SQLite database: windows and verdicts, incidents, the alert outbox, actions
/// and load series, in one file opened in WAL mode so a reader (`sentinel incidents`) and
/// the writing engine can use it at once.
///
/// Opening runs the schema migrations that the file has not seen yet (see
/// ``appliedMigrations()``). Every method throws ``StoreError`` naming the file.
package final class SentinelDatabase: Sendable {
    /// The database file's path, as given.
    package let path: String

    let pool: DatabasePool

    /// Opens the database at `path` and brings its schema up to date, creating the file if
    /// it does not exist; or, with `readOnly`, opens an existing, up-to-date file for reading.
    ///
    /// - Parameters:
    ///   - path: the database file (Sentinel's default is `./sentinel.db`).
    ///   - readOnly: open for reading only (listing commands): the file is neither created
    ///     nor migrated, and writes fail with ``StoreError/query(path:reason:)``.
    /// - Throws: ``StoreError/cannotOpen(path:reason:)`` when the file cannot be opened or
    ///   created (missing directory, not an SQLite database, no permission), its schema
    ///   cannot be migrated, or (read-only) it is missing or its schema is not up to date.
    package init(path: String, readOnly: Bool = false) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "sentinel-store"
        configuration.readonly = readOnly
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            if readOnly {
                try pool.read { db in
                    let migrator = StoreSchema.migrator
                    if try migrator.appliedIdentifiers(db).isEmpty {
                        throw StoreError.cannotOpen(path: path, reason: "not a Sentinel database")
                    }
                    if try !migrator.hasCompletedMigrations(db) {
                        throw StoreError.cannotOpen(
                            path: path, reason: "its schema is older than this sentinel's (open it for writing once to migrate it)")
                    }
                }
            } else {
                try StoreSchema.migrator.migrate(pool)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Self.reason(error))
        }
    }

    /// The names of the schema migrations applied to this file, oldest first (`v1`, …).
    package func appliedMigrations() throws -> [String] {
        try read { db in try StoreSchema.migrator.appliedMigrations(db) }
    }

    /// Runs `body` in a read transaction, turning failures into ``StoreError/query(path:reason:)``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.query(path: path, reason: Self.reason(error))
        }
    }

    /// Runs `body` in a write transaction, turning failures into ``StoreError/query(path:reason:)``,
    /// or ``StoreError/unavailable(path:reason:)`` when the file cannot take writes for now
    /// (a full disk, an I/O error, a lock held past the busy timeout): those are retried.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError where Self.transient.contains(error.resultCode.primaryResultCode) {
            throw StoreError.unavailable(path: path, reason: Self.reason(error))
        } catch {
            throw StoreError.query(path: path, reason: Self.reason(error))
        }
    }

    /// The SQLite results that say "not now" rather than "never".
    private static let transient: [ResultCode] = [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN]

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
