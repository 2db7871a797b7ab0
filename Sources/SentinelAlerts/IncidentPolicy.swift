/// When a run of attack windows becomes an incident, when the incident ends, and how long a
/// resolved incident keeps its (class, target) pair quiet.
public struct IncidentPolicy: Sendable, Equatable, Codable {
    /// Consecutive windows of one attack class (for one target) that open an incident.
    public var openAfter: Int
    /// Consecutive normal windows (for the target) that resolve an open incident.
    public var resolveAfter: Int
    /// Seconds after a resolve during which the same (class, target) cannot open again.
    public var cooldown: Double

    /// Creates a policy; counts below 1 are raised to 1 and a negative cooldown to 0.
    /// - Parameters:
    ///   - openAfter: attack windows in a row that open an incident (default 3).
    ///   - resolveAfter: normal windows in a row that resolve it (default 5).
    ///   - cooldown: seconds of re-open suppression after a resolve (default 300).
    public init(openAfter: Int = 3, resolveAfter: Int = 5, cooldown: Double = 300) {
        self.openAfter = max(1, openAfter)
        self.resolveAfter = max(1, resolveAfter)
        self.cooldown = cooldown.isFinite ? max(0, cooldown) : 0
    }
}
