public import SentinelPlanner

extension PlanReport {
    /// What the plan report shows: a trace and both strategies' results over it.
    package struct Input: Sendable {
        /// The page title.
        package var title: String
        /// The trace file's name, as given.
        package var traceName: String
        /// The replayed trace.
        package var trace: LoadTrace
        /// The forecasting planner's result (with ``StrategyResult/forecast`` recorded).
        package var planner: StrategyResult
        /// The reactive HPA's result.
        package var reactive: StrategyResult
        /// How the run was set up, for people (`capacity 100/replica, utilisation 70 %, …`).
        package var settings: String
        /// The program that made the report (`sentinel 0.2.0`).
        package var generator: String

        /// Creates the input.
        package init(
            title: String = "Sentinel plan simulation", traceName: String, trace: LoadTrace, planner: StrategyResult,
            reactive: StrategyResult, settings: String = "", generator: String = "sentinel"
        ) {
            self.title = title
            self.traceName = traceName
            self.trace = trace
            self.planner = planner
            self.reactive = reactive
            self.settings = settings
            self.generator = generator
        }
    }
}
