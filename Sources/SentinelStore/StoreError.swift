/// Why the store could not do what was asked. Each names the database file.
package enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// A query or migration failed.
    case query(path: String, reason: String)

    package var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "\(path): cannot open the database: \(reason)"
        case let .query(path, reason): return "\(path): database error: \(reason)"
        }
    }
}
