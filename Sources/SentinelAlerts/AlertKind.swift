/// Whether an alert announces an incident's start or its end, or a planner action.
public enum AlertKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// The incident has just opened.
    case opened
    /// The incident has just been resolved.
    case resolved
    /// The planner decided an action (scale, block, rate-limit, lift): taken, or recommended
    /// in dry-run.
    case action
}
