/// Why a test PostgreSQL cluster could not be made.
public enum PostgresClusterError: Error, CustomStringConvertible {
    /// PostgreSQL's server binaries are not installed.
    case notInstalled(String)
    /// `initdb`, `pg_ctl` or `createdb` failed; the text is what it printed.
    case failed(String)

    public var description: String {
        switch self {
        case let .notInstalled(reason): return reason
        case let .failed(reason): return "test PostgreSQL cluster: \(reason)"
        }
    }
}
