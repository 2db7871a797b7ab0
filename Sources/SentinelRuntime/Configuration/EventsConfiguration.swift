extension SentinelConfiguration {
    /// `events:` — a JSON-lines file for a SIEM (docs/events.md): one object per window verdict,
    /// incident event, planner action and delivery outcome.
    package struct Events: Sendable, Equatable {
        /// Which window verdicts are written.
        package enum Verdicts: String, Sendable, Equatable, CaseIterable {
            /// Only windows judged an attack or an anomaly (not `normal`).
            case attacks
            /// Every window.
            case all
        }

        /// The file (appended to; reopened on `SIGHUP` and when it was moved away).
        package var path: String
        /// Which verdicts are written (default `attacks`).
        package var verdicts = Verdicts.attacks

        /// An event log at `path`.
        package init(path: String) { self.path = path }
    }
}
