/// The administrative state of a backend server, as HAProxy's runtime API names it.
public enum ServerState: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Takes traffic normally.
    case ready
    /// Finishes the connections and persistent sessions it has, takes no new ones.
    case drain
    /// Maintenance: takes no traffic at all, health checks stop.
    case maint

    public var description: String { rawValue }
}
