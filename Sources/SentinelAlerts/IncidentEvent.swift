/// A change in an incident's life that is worth telling someone about.
public enum IncidentEvent: Sendable, Equatable {
    /// The incident reached its policy's `openAfter` windows.
    case opened(Incident)
    /// The incident saw its policy's `resolveAfter` normal windows; `end` is set.
    case resolved(Incident)

    /// The incident concerned.
    public var incident: Incident {
        switch self {
        case let .opened(incident), let .resolved(incident): return incident
        }
    }

    /// Which change this is.
    public var kind: AlertKind {
        switch self {
        case .opened: return .opened
        case .resolved: return .resolved
        }
    }
}
