import SentinelPlanner

extension SentinelConfiguration {
    /// `planner:` — forecasting, scaling and protection. Absent: no planner runs.
    public struct Planner: Sendable, Equatable {
        /// The log path or interface whose windows' load drives scaling (default: the first
        /// log, else the first interface).
        public var source: String?
        /// The forecasting method: `hw`, `naive`, `ols`, `ar` or `narx`.
        public var method: String = "hw"
        /// What the planner decides by (mode, scaling, protection, season, refits).
        public var policy: PlannerPolicy

        /// The defaults: dry-run, no scaling, default protection, refit every 60 windows.
        public init() {
            policy = PlannerPolicy()
            policy.refitEvery = 60
        }
    }
}
