/// Whether an alert announces an incident's start or its end.
public enum AlertKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// The incident has just opened.
    case opened
    /// The incident has just been resolved.
    case resolved
}
