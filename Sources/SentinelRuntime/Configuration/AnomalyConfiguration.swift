extension SentinelConfiguration {
    /// `anomalies:` — the online anomaly scorer on each source's load (packets/s,
    /// requests/s) and latency p95 series; a run of anomalous windows opens a `degradation`
    /// incident on `<source> <series>`.
    package struct Anomalies: Sendable, Equatable {
        /// Whether the scorer runs (default: yes).
        package var enabled = true
        /// Windows fitted before scoring starts.
        package var warmup = 300
        /// Score from which a window is anomalous, in (0, 1).
        package var threshold = 0.6
        /// Season length in windows (1: none).
        package var season = 1

        /// The defaults.
        package init() {}
    }
}
