import Histogram
import SentinelCapture

/// Cuts a stream of access-log records into fixed windows aligned to multiples of the window
/// length (the clock is the records' own timestamps, as for packets) and computes each
/// window's ``LogWindowFeature`` values.
///
/// Latency quantiles come from an HdrHistogram (microseconds, 3 significant digits), distinct
/// clients from a HyperLogLog, so memory stays fixed however busy the server. Per-client
/// counts for the top clients are kept exactly up to ``Configuration/clientLimit`` clients per
/// window. A line older than the open window (logs are written when requests end, a little
/// out of order) is counted in the open window and in ``lateRecords``.
///
/// A line more than ``Configuration/maxGapWindows`` windows away from the open window (ahead
/// or behind) is a clock jump: it is held until the next line says whether the clock really
/// jumped (the next line is near it: the windows move there) or the line was an outlier (the
/// next line is near the open window: it is dropped and counted in ``clockJumpRecordsSkipped``).
/// So one line dated years ahead never stops the windows.
public final class LogWindowAggregator {
    /// Window length and thresholds.
    public struct Configuration: Sendable {
        /// Window length in seconds.
        public var window: Double = 1
        /// A request slower than this (seconds) is slow.
        public var slowThreshold: Double = 1
        /// Trailing windows averaged for the growth feature.
        public var baselineWindows = 60
        /// Busiest clients listed per window.
        public var topClients = 5
        /// Most distinct clients counted exactly per window (the rest only in the HyperLogLog).
        public var clientLimit = 10_000
        /// Longest run of empty windows emitted; a longer silence is skipped as a gap.
        public var maxGapWindows = 3600
        /// Creates the defaults.
        public init() {}
    }

    /// The configuration in force.
    public let configuration: Configuration
    /// Receives each window as it closes.
    public var onWindow: (LogWindowRecord) -> Void
    /// Records older than the open window.
    public private(set) var lateRecords = 0
    /// Windows emitted so far.
    public private(set) var windowsEmitted = 0
    /// Long silences skipped.
    public private(set) var gapsSkipped = 0
    /// Lines far from the open window that the next line did not confirm (skipped).
    public private(set) var clockJumpRecordsSkipped = 0
    /// The time of the line held as a possible clock jump, if any.
    public var heldJumpTime: Double? { heldJump?.timestamp }

    private var heldJump: AccessLogRecord?
    private var currentStart: Double?
    private var requests = 0
    private var statusClasses = [Int](repeating: 0, count: 6)
    private var timed = 0
    private var slow = 0
    private var bytes = 0
    private var latency = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    private var upstream = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    /// Latency again, coarse (2 digits, up to 60 s) and small, for the five-window features.
    private var coarseLatency = RecentLogWindows.makeHistogram()
    private var clients = HyperLogLog()
    private var clientCounts: [String: Int] = [:]
    private var trailingRates: [Double] = []
    private var trailingP95: [Double] = []
    private var recent = RecentLogWindows(span: 5)

    /// Creates an aggregator that hands each closed window to `onWindow`.
    public init(configuration: Configuration = .init(), onWindow: @escaping (LogWindowRecord) -> Void) {
        precondition(configuration.window > 0, "window length must be positive")
        self.configuration = configuration
        self.onWindow = onWindow
    }

    /// Adds one record, closing the windows that ended before it (a record far from the open
    /// window waits for the next one to confirm the jump).
    public func add(_ record: AccessLogRecord) {
        let reach = Double(configuration.maxGapWindows) * configuration.window
        if let held = heldJump {
            heldJump = nil
            if abs(record.timestamp - held.timestamp) <= reach {
                take(held)
            } else {
                clockJumpRecordsSkipped += 1
            }
        }
        if let start = currentStart,
            record.timestamp - start >= reach + configuration.window || start - record.timestamp > reach
        {
            heldJump = record
            return
        }
        take(record)
    }

    /// Counts a record: forward jumps skip the gap (``advance(to:)``); a confirmed jump back
    /// closes the open window and starts again at the record.
    private func take(_ record: AccessLogRecord) {
        if let start = currentStart, start - record.timestamp > Double(configuration.maxGapWindows) * configuration.window {
            if requests > 0 { emit(start: start) }
            recent.clear()
            gapsSkipped += 1
            currentStart = nil
        }
        advance(to: record.timestamp)
        if let start = currentStart, record.timestamp < start { lateRecords += 1 }
        requests += 1
        let statusClass = record.status / 100
        statusClasses[(2...5).contains(statusClass) ? statusClass : (record.status < 0 ? 5 : 0)] += 1
        if let time = record.requestTime, time.isFinite, time >= 0 {
            timed += 1
            if time > configuration.slowThreshold { slow += 1 }
            _ = latency.record(UInt64(min(time, 3600) * 1_000_000))
            _ = coarseLatency.record(UInt64(min(time, 60) * 1_000_000))
        }
        if let time = record.upstreamResponseTime, time.isFinite, time >= 0 {
            _ = upstream.record(UInt64(min(time, 3600) * 1_000_000))
        }
        bytes += max(0, record.bytes ?? 0)
        clients.insert(hash: Self.hash(record.clientAddress))
        if clientCounts[record.clientAddress] != nil || clientCounts.count < configuration.clientLimit {
            clientCounts[record.clientAddress, default: 0] += 1
        }
    }

    /// Closes every window that ends at or before `time` (also for a wall-clock tick).
    public func advance(to time: Double) {
        // A time no clock gives (NaN, infinite) moves nothing; parsers reject such lines.
        guard time.isFinite else { return }
        let w = configuration.window
        guard let start = currentStart else {
            currentStart = (time / w).rounded(.down) * w
            return
        }
        guard time >= start + w else { return }
        // Compared as a `Double` first: a jump of 1e30 s is not an `Int` of windows.
        let ahead = ((time - start) / w).rounded(.down)
        if ahead > Double(configuration.maxGapWindows) {
            emit(start: start)
            recent.clear()
            gapsSkipped += 1
            currentStart = (time / w).rounded(.down) * w
            return
        }
        let windowsAhead = Int(ahead)
        for k in 0..<windowsAhead { emit(start: start + Double(k) * w) }
        currentStart = start + Double(windowsAhead) * w
    }

    /// Closes the open window (end of input). A line still held as a clock jump is taken:
    /// nothing came after it to say otherwise.
    public func finish() {
        if let held = heldJump {
            heldJump = nil
            take(held)
        }
        if let start = currentStart, requests > 0 { emit(start: start) }
        currentStart = nil
    }

    private func emit(start: Double) {
        let w = configuration.window
        var values = [Double](repeating: 0, count: LogWindowFeature.allCases.count)
        func set(_ f: LogWindowFeature, _ v: Double) { values[f.rawValue] = v }
        let n = Double(requests)
        let rate = n / w
        set(.requestsPerSecond, rate)
        if requests > 0 {
            set(.status2xxShare, Double(statusClasses[2]) / n)
            set(.status3xxShare, Double(statusClasses[3]) / n)
            set(.status4xxShare, Double(statusClasses[4]) / n)
            set(.status5xxShare, Double(statusClasses[5]) / n)
            set(.meanResponseBytes, Double(bytes) / n)
            set(.distinctClients, clients.estimate.rounded())
        }
        set(.latencyGrowth, 1)
        if timed > 0 {
            let p95 = Double(latency.valueAtPercentile(95)) / 1000
            set(.latencyP50, Double(latency.valueAtPercentile(50)) / 1000)
            set(.latencyP95, p95)
            if !trailingP95.isEmpty {
                set(.latencyGrowth, max(p95, 1) / max(trailingP95.reduce(0, +) / Double(trailingP95.count), 1))
            }
            trailingP95.append(p95)
            if trailingP95.count > configuration.baselineWindows { trailingP95.removeFirst() }
            set(.latencyP99, Double(latency.valueAtPercentile(99)) / 1000)
            set(.slowRequestShare, Double(slow) / Double(timed))
        }
        if upstream.totalCount > 0 { set(.upstreamP95, Double(upstream.valueAtPercentile(95)) / 1000) }
        let pooled = recent.pool(
            latency: coarseLatency,
            current: .init(
                requests: requests, timed: timed, slow: slow,
                serverErrors: statusClasses[5]))
        set(.latencyP50Recent, pooled.p50)
        set(.latencyP95Recent, pooled.p95)
        set(.slowRequestShareRecent, pooled.slowShare)
        set(.status5xxShareRecent, pooled.serverErrorShare)
        let top =
            clientCounts.isEmpty
            ? []
            : clientCounts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .prefix(configuration.topClients)
        if let first = top.first, requests > 0 { set(.topClientShare, Double(first.value) / n) }
        let baseline = trailingRates.isEmpty ? 0 : trailingRates.reduce(0, +) / Double(trailingRates.count)
        set(.requestRateGrowth, baseline > 0 ? rate / baseline : 1)
        trailingRates.append(rate)
        if trailingRates.count > configuration.baselineWindows { trailingRates.removeFirst() }
        onWindow(
            LogWindowRecord(
                start: start, end: start + w, requests: requests, values: values,
                topClients: top.map { ($0.key, $0.value) }))
        windowsEmitted += 1
        requests = 0
        statusClasses = [Int](repeating: 0, count: 6)
        timed = 0
        slow = 0
        bytes = 0
        // Resetting a histogram clears every bucket: only when something was recorded.
        if latency.totalCount > 0 { latency.reset() }
        if upstream.totalCount > 0 { upstream.reset() }
        if coarseLatency.totalCount > 0 { coarseLatency.reset() }
        if !clientCounts.isEmpty {
            clients.reset()
            clientCounts.removeAll(keepingCapacity: true)
        }
    }

    /// FNV-1a over the address's bytes, mixed: a stable hash for the HyperLogLog.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return murmurFinalize(h)
    }
}
