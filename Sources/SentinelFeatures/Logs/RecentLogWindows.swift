import Histogram

/// The last few log windows' latency histograms and counts, for the smoothed features
/// (`latency_p50_5w_ms`, `latency_p95_5w_ms`, `slow_request_share_5w`, `status_5xx_share_5w`): at a few requests
/// per second one window's p95 is its slowest request, and a single slow request would look
/// like a degradation; five windows together say whether slowness persists.
struct RecentLogWindows {
    struct Counts {
        var requests = 0
        var timed = 0
        var slow = 0
        var serverErrors = 0
    }

    /// Windows pooled, the current one included.
    let span: Int
    private var histograms: [Histogram<UInt64>] = []
    private var counts: [Counts] = []

    init(span: Int) { self.span = max(1, span) }

    /// The small histogram the pooled latency features use: microseconds up to 60 s with two
    /// significant digits (~1 % resolution), a few KiB, so copying and merging five per
    /// window stays cheap.
    static func makeHistogram() -> Histogram<UInt64> {
        Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .two)
    }

    /// The pooled values over `latency`/`current` and the previous `span - 1` windows; then
    /// remembers the current window.
    mutating func pool(latency: Histogram<UInt64>, current: Counts) -> (
        p50: Double, p95: Double, slowShare: Double, serverErrorShare: Double
    ) {
        var merged = latency
        var total = current
        for (histogram, c) in zip(histograms, counts) {
            if histogram.totalCount > 0 { merged.add(histogram) }
            total.requests += c.requests
            total.timed += c.timed
            total.slow += c.slow
            total.serverErrors += c.serverErrors
        }
        histograms.append(latency)
        counts.append(current)
        if histograms.count >= span {
            histograms.removeFirst()
            counts.removeFirst()
        }
        return (
            p50: total.timed > 0 ? Double(merged.valueAtPercentile(50)) / 1000 : 0,
            p95: total.timed > 0 ? Double(merged.valueAtPercentile(95)) / 1000 : 0,
            slowShare: total.timed > 0 ? Double(total.slow) / Double(total.timed) : 0,
            serverErrorShare: total.requests > 0 ? Double(total.serverErrors) / Double(total.requests) : 0
        )
    }

    /// Forgets every window (after a long silence).
    mutating func clear() {
        histograms.removeAll()
        counts.removeAll()
    }
}
