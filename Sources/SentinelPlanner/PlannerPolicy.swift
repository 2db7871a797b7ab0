/// Everything the planner decides by: the mode, how to scale, how to answer attacks, and
/// which verdicts make a window's load attack load.
package struct PlannerPolicy: Sendable, Equatable {
    /// Dry-run (default) or enforce.
    package var mode: PlannerMode = .dryRun
    /// Scaling, or nil to never scale.
    package var scale: ScalePolicy?
    /// Blocking and rate limiting.
    package var protect = ProtectPolicy()
    /// Verdict classes whose windows' load is attack load: left out of the series scaling
    /// reads, so a flood buys no servers.
    package var attackClasses: Set<String> = ["syn_flood", "udp_flood", "icmp_flood", "http_flood", "slowloris", "port_scan"]
    /// Circuit breakers on backend servers, judged by their source's verdicts.
    package var breakers: [BreakerPolicy] = []
    /// Verdict classes that count as a degraded window for a breaker.
    package var degradationClasses: Set<String> = ["latency_degradation", "error_spike", "degradation"]
    /// Season length of the load series in windows (1: none), for the forecaster.
    package var season: Int = 1
    /// Most windows of legitimate load kept for forecasting.
    package var historyLimit: Int = 4_096
    /// Windows between refits of the forecaster; in between, the last forecast path is read
    /// further along (1: refit every window).
    package var refitEvery: Int = 1

    /// Creates the defaults (dry-run, no scaling, default protection).
    package init() {}
}
