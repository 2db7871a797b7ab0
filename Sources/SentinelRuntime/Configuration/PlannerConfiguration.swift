import SentinelPlanner

extension SentinelConfiguration {
    /// `planner:` — forecasting, scaling and protection. Absent: no planner runs.
    package struct Planner: Sendable, Equatable {
        /// The log path or interface whose windows' load drives scaling (default: the first
        /// log, else the first interface).
        package var source: String?
        /// The forecasting method: `hw`, `naive`, `ols`, `ar` or `narx`.
        package var method: String = "hw"
        /// What the planner decides by (mode, scaling, protection, season, refits).
        package var policy: PlannerPolicy

        /// The defaults: dry-run, no scaling, default protection, refit every 60 windows.
        package init() {
            policy = PlannerPolicy()
            policy.refitEvery = 60
        }
    }
}
