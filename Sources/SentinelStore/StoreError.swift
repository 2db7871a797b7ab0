/// Why the store could not do what was asked. Each names the database: its file, or its
/// `postgres://` URL (never with a password).
package enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// A query or migration failed.
    case query(path: String, reason: String)
    /// A `store:` value that starts like a URL but is not a usable `postgres://` URL.
    case badURL(url: String, reason: String)
    /// A PostgreSQL store whose password is in neither the environment variable nor the file.
    case missingPassword(url: String, reason: String)
    /// The PostgreSQL server could not be reached or refused the login.
    case unreachable(url: String, reason: String)
    /// The database cannot take writes for now: its disk is full, an I/O error, a lock held
    /// too long. Worth retrying, like ``unreachable(url:reason:)``.
    case unavailable(path: String, reason: String)

    /// What went wrong, without the database's name.
    package var reason: String {
        switch self {
        case let .cannotOpen(_, reason), let .query(_, reason), let .badURL(_, reason), let .missingPassword(_, reason),
            let .unreachable(_, reason), let .unavailable(_, reason):
            return reason
        }
    }

    package var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "\(path): cannot open the database: \(reason)"
        case let .query(path, reason): return "\(path): database error: \(reason)"
        case let .badURL(url, reason): return "\(url): not a store URL: \(reason)"
        case let .missingPassword(url, reason): return "\(url): no password for the store: \(reason)"
        case let .unreachable(url, reason): return "\(url): cannot reach the database: \(reason)"
        case let .unavailable(path, reason): return "\(path): cannot write to the database for now: \(reason)"
        }
    }
}
