/// Whether the planner's actions are carried out.
package enum PlannerMode: String, Sendable, Codable, CaseIterable {
    /// Record and alert every decision, act on nothing (the default).
    case dryRun = "dry-run"
    /// Carry decisions out through the configured gateway.
    case enforce
}
