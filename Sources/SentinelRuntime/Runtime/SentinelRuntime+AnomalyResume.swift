import SentinelFeatures
import SentinelForecast
import SentinelStore

extension SentinelRuntime {
    /// The packet-window features the online anomaly scorer follows, one series each.
    static let watchedPacketFeatures: [WindowFeature] = [.packetsPerSecond]
    /// The log-window features the online anomaly scorer follows, one series each.
    static let watchedLogFeatures: [LogWindowFeature] = [.requestsPerSecond, .latencyP95]

    /// Feeds the online anomaly scorer this sensor's stored windows of its sources, oldest
    /// first, as the last run saw them: a restart (or a reload that changes `anomalies:`)
    /// then scores from its first window instead of warming up again for `warmup` windows,
    /// during which no `degradation` incident could open.
    ///
    /// It reads as many windows back as the scorer remembers (its warm-up, its long memory, a
    /// week of its season, at most 50,000 windows a series). Replayed windows raise nothing.
    ///
    /// - Returns: the stored windows replayed.
    @discardableResult
    func resumeAnomalies(now: Double) -> Int {
        guard var watcher = anomalies else { return 0 }
        let settings = configuration.anomalies
        let remembered = min(50_000, max(settings.warmup + 1, StreamingAnomalyScorer.longWindow, 7 * settings.season + 1))
        let interfaces = Set(configuration.capture.interfaces)
        let logs = Set(configuration.logs.map(\.path))
        let stored: [StoredWindow]
        do {
            stored = try database.windows(from: now - Double(remembered) * configuration.sentinel.window, to: now, limit: nil)
        } catch {
            logger.warning("the online anomaly scorer starts afresh: the stored windows cannot be read", metadata: ["error": "\(error)"])
            return 0
        }
        var replayed = 0
        for window in stored where window.sensor == host || window.sensor.isEmpty {
            let series: [String]
            if interfaces.contains(window.source) {
                series = Self.watchedPacketFeatures.map(\.name)
            } else if logs.contains(window.source) {
                series = Self.watchedLogFeatures.map(\.name)
            } else {
                continue
            }
            for name in series {
                guard let value = window.features[name] else { continue }
                _ = watcher.observe(source: window.source, series: name, value: value, start: window.start, end: window.end)
            }
            replayed += 1
        }
        anomalies = watcher
        if replayed > 0 {
            logger.notice("online anomaly scorer resumed from the store", metadata: ["windows": "\(replayed)"])
        }
        return replayed
    }
}
