/// Why the sentinel could not start or keep running.
package enum RuntimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `privileges.user` names no user.
    case unknownUser(String)
    /// Switching user failed.
    case cannotDropPrivileges(user: String, reason: String)
    /// The HTTP endpoint could not listen at `http.listen` (port busy, address not local…).
    case cannotListen(address: String, reason: String)
    /// `baseline.file` cannot be used.
    case unusableBaseline(String)
    /// `events.path` cannot be opened for appending.
    case cannotOpenEventLog(path: String, reason: String)

    package var description: String {
        switch self {
        case let .unknownUser(user): return "privileges.user: no user named '\(user)'"
        case let .cannotDropPrivileges(user, reason): return "cannot become user '\(user)': \(reason)"
        case let .cannotListen(address, reason): return "http.listen \(address): cannot listen: \(reason)"
        case let .unusableBaseline(reason): return "baseline.file: \(reason)"
        case let .cannotOpenEventLog(path, reason): return "events.path \(path): cannot open for appending: \(reason)"
        }
    }
}
