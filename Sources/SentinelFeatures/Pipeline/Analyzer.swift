import SentinelCapture
import SentinelFeatures

/// The analysis pipeline for one packet stream: decode → flow table → window aggregator.
///
/// The same object serves offline files (clock driven by packet timestamps) and live
/// captures (``tick(now:)`` closes windows on wall-clock time when no packet arrives).
public final class Analyzer {
    /// The options in force.
    public let options: AnalysisOptions
    /// The flow table (exposed for its counters).
    public let flowTable: FlowTable
    private let aggregator: WindowAggregator
    private var summary = AnalysisSummary()
    private var decoder: PacketDecoder?
    /// IP packets per protocol number (256 counters, owned; no uniqueness check per packet).
    private let protocolCounts: UnsafeMutablePointer<UInt64>

    /// Creates a pipeline.
    /// - Parameters:
    ///   - options: windows and flow settings.
    ///   - onFlow: receives each finished flow; nil skips building flow records.
    ///   - onWindow: receives each closed window.
    public init(
        options: AnalysisOptions, onFlow: ((FlowRecord) -> Void)? = nil,
        onWindow: @escaping (WindowRecord) -> Void
    ) {
        self.options = options
        self.flowTable = FlowTable(configuration: options.flows)
        self.flowTable.onClose = onFlow
        self.aggregator = WindowAggregator(configuration: options.windows, onWindow: onWindow)
        summary.windowLength = options.windows.window
        protocolCounts = .allocate(capacity: 256)
        protocolCounts.initialize(repeating: 0, count: 256)
    }

    deinit { protocolCounts.deallocate() }

    /// Frames, bytes and damaged frames counted so far (for live status; the rest of the
    /// summary is filled in by ``finish(source:)``).
    public var runningTotals: (frames: UInt64, bytes: UInt64, ipPackets: UInt64, malformed: [MalformedReason: UInt64]) {
        (summary.frames, summary.bytes, summary.ipPackets, summary.malformed)
    }

    /// Decodes and accounts one captured frame.
    public func ingest(_ frame: CapturedFrame) {
        summary.frames &+= 1
        summary.bytes &+= UInt64(frame.wireLength)
        if summary.firstTimestamp == nil || frame.timestamp < summary.firstTimestamp! {
            summary.firstTimestamp = frame.timestamp
        }
        if summary.lastTimestamp == nil || frame.timestamp > summary.lastTimestamp! {
            summary.lastTimestamp = frame.timestamp
        }
        let decoder: PacketDecoder
        if let cached = self.decoder, cached.linkType == frame.linkType {
            decoder = cached
        } else {
            decoder = PacketDecoder(linkType: frame.linkType)
            self.decoder = decoder
        }
        // A local view: passing a class property on would copy its 150 bytes per call.
        var view = PacketView()
        switch decoder.decode(frame.bytes, wireLength: frame.wireLength, timestamp: frame.timestamp, into: &view) {
        case .ip:
            summary.ipPackets &+= 1
            protocolCounts[Int(view.ipProtocol)] &+= 1
            advanceWindows(to: view.timestamp)
            // Through a pointer, the view is lent to each call in place instead of copied.
            // The flow table's bucket is fetched while the window counts what needs no flow.
            withUnsafePointer(to: &view) { packet in
                flowTable.prefetch(lent: packet)
                aggregator.addPacket(lent: packet)
                let update = flowTable.process(lent: packet)
                aggregator.addFlowUpdate(update, lent: packet)
            }
        case .nonIP:
            summary.nonIPFrames &+= 1
        case .malformed(let reason):
            summary.malformed[reason, default: 0] &+= 1
        }
    }

    /// Closes windows that ended by wall-clock time `now` and expires idle flows.
    public func tick(now: Double) {
        flowTable.expireIdle(now: now)
        advanceWindows(to: now)
    }

    /// Closes the windows that ended by `time` with the flow table's gauges, and tells the
    /// table when a new window opens (so that it can tell a stalled request from one in flight).
    @inline(__always)
    private func advanceWindows(to time: Double) {
        if aggregator.advance(to: time, flows: flowTable.gauges) { flowTable.startWindow() }
    }

    /// Ends the analysis: closes the open window and every open flow, returns the totals.
    /// - Parameter source: the packet source, for its counters and warnings.
    public func finish(source: (any PacketSource)?) -> AnalysisSummary {
        aggregator.finish(flows: flowTable.gauges)
        flowTable.closeAll()
        if let source {
            summary.capture = source.statistics()
            summary.warnings.append(contentsOf: source.warnings)
            if summary.capture.unreadableRecords > 0 {
                summary.malformed[.truncatedRecord, default: 0] += summary.capture.unreadableRecords
            }
        }
        summary.flows = flowTable.counters
        for number in 0..<256 where protocolCounts[number] > 0 {
            let count = protocolCounts[number]
            summary.protocols[IPProtocol.name(UInt8(number)), default: 0] += count
        }
        summary.topTalkers = aggregator.streamTalkers.top(options.topTalkers).map {
            Talker(address: $0.key, packets: $0.count, bytes: $0.tertiary, syns: $0.secondary)
        }
        summary.windows = aggregator.windowsEmitted
        summary.clockJumps = aggregator.clockJumps
        summary.latePackets = aggregator.latePackets
        return summary
    }
}
