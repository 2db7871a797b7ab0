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
    /// `http.listen` is not loopback and no bearer token protects it.
    case unprotectedEndpoint(address: String)
    /// The endpoint's bearer token cannot be read or is unusable.
    case endpointToken(reason: String)

    package var description: String {
        switch self {
        case let .unknownUser(user): return "privileges.user: no user named '\(user)'"
        case let .cannotDropPrivileges(user, reason): return "cannot become user '\(user)': \(reason)"
        case let .cannotListen(address, reason): return "http.listen \(address): cannot listen: \(reason)"
        case let .unusableBaseline(reason): return "baseline.file: \(reason)"
        case let .cannotOpenEventLog(path, reason): return "events.path \(path): cannot open for appending: \(reason)"
        case let .unprotectedEndpoint(address):
            return "http.listen \(address) is not a loopback address: set http.token_env or http.token_file, "
                + "and every request but /healthz must carry Authorization: Bearer <token> (or listen on 127.0.0.1)"
        case let .endpointToken(reason): return reason
        }
    }
}
