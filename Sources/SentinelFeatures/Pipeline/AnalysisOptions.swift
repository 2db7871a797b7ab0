import SentinelFeatures

/// How an analysis cuts windows and tracks flows.
public struct AnalysisOptions: Sendable {
    /// Window aggregation settings (length, heavy hitters).
    public var windows = WindowAggregator.Configuration()
    /// Flow timeouts and the flow limit.
    public var flows = FlowTable.Configuration()
    /// Heavy hitters listed for the whole capture.
    public var topTalkers = 10
    /// Most windows an offline analysis keeps; beyond it the analysis stops with
    /// ``OfflineAnalysis/TooManyWindows`` instead of growing without bound.
    public var maxWindows = OfflineAnalysis.defaultMaxWindows

    /// Creates the defaults: 1 s windows, 60 s idle and 30 min active timeouts, 1,000,000 flows.
    public init() {}
}
