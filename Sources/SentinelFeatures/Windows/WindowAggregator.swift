import SentinelCapture

/// Cuts the packet stream into fixed windows aligned to multiples of the window length and
/// computes each window's ``WindowFeatures``.
///
/// Windows with no packets between busy ones are emitted with zero traffic, up to
/// ``Configuration/maxGapWindows``; a longer silence is taken as a clock jump (captures whose
/// clocks leap by years exist) and skipped, counted in ``clockJumps``. A packet older than
/// the open window is counted in the open window and in ``latePackets``.
public final class WindowAggregator {
    /// Window length and limits.
    public struct Configuration: Sendable {
        /// Window length in seconds.
        public var window: Double = 1
        /// Heavy hitters listed per window.
        public var topTalkers: Int = 5
        /// Sources tracked per window by the heavy-hitter sketch.
        public var talkerCapacity: Int = 256
        /// Longest run of empty windows emitted; longer gaps count as a clock jump.
        public var maxGapWindows: Int = 3600
        /// Creates the default configuration.
        public init() {}
    }

    /// The configuration in force.
    public let configuration: Configuration
    /// Receives each window as it closes.
    public var onWindow: (WindowRecord) -> Void
    /// Forward gaps longer than `maxGapWindows` windows that were skipped.
    public private(set) var clockJumps = 0
    /// Packets whose timestamp lay before the open window.
    public private(set) var latePackets: UInt64 = 0
    /// Windows emitted so far.
    public private(set) var windowsEmitted = 0
    /// Heavy hitters of the whole stream: each window's tracked sources are folded in as the
    /// window closes, so the per-packet cost is paid once, in the window's own sketch.
    public private(set) var streamTalkers = HeavyHitters(capacity: 1024)

    private let accumulator: WindowAccumulator
    private var trailing = TrailingRequesters()
    private var currentStart: Double?

    /// Creates an aggregator that hands each closed window to `onWindow`.
    public init(configuration: Configuration = .init(), onWindow: @escaping (WindowRecord) -> Void) {
        precondition(configuration.window > 0, "window length must be positive")
        self.configuration = configuration
        self.onWindow = onWindow
        self.accumulator = WindowAccumulator(talkerCapacity: configuration.talkerCapacity)
    }

    /// Start of the open window, if any packet has arrived.
    public var openWindowStart: Double? { currentStart }

    /// Closes every window that ends at or before `time`. Call before adding a packet with
    /// that timestamp, and on a wall-clock tick in live captures.
    /// - Parameter flows: the flow table's levels now, recorded in closed windows.
    /// - Returns: whether a new window opened (the flow table's ``FlowTable/startWindow()``).
    @discardableResult
    public func advance(to time: Double, flows: FlowGauges) -> Bool {
        guard time.isFinite else { return false }
        let w = configuration.window
        guard let start = currentStart else {
            let first = (time / w).rounded(.down) * w
            currentStart = first
            accumulator.windowStart = first
            return true
        }
        if time < start {
            return false
        }
        guard time >= start + w else { return false }
        emit(start: start, flows: flows)
        let nextStart = (time / w).rounded(.down) * w
        // Compared as a `Double` first: a 64-bit pcapng timestamp may not be an `Int` of windows.
        let empty = ((nextStart - start - w) / w).rounded()
        if empty > Double(configuration.maxGapWindows) {
            clockJumps += 1
        } else if empty > 0 {
            // A window without packets: every request awaiting its answer waited all of it.
            var idle = flows
            idle.stalled = idle.awaitingResponse
            for k in 0..<Int(empty) { emit(start: start + w * Double(k + 1), flows: idle) }
        }
        currentStart = nextStart
        accumulator.windowStart = nextStart
        return true
    }

    /// Adds one packet to the open window (call ``advance(to:flows:)`` first).
    public func add(_ packet: PacketView, update: FlowUpdate) {
        withUnsafePointer(to: packet) { add(lent: $0, update: update) }
    }

    /// ``add(_:update:)`` with the packet lent by address (no copy of the view).
    public func add(lent packet: UnsafePointer<PacketView>, update: FlowUpdate) {
        addPacket(lent: packet)
        addFlowUpdate(update, lent: packet)
    }

    /// The first half of ``add(_:update:)``: everything that does not depend on the flow
    /// table, so it can run before ``FlowTable/process(lent:)`` (while the table's lookup is
    /// being fetched). Follow it with ``addFlowUpdate(_:lent:)`` for the same packet.
    public func addPacket(lent packet: UnsafePointer<PacketView>) {
        let timestamp = packet.pointee.timestamp
        if let start = currentStart, timestamp < start { latePackets += 1 }
        if currentStart == nil { advance(to: timestamp, flows: FlowGauges()) }
        accumulator.addPacket(packet)
    }

    /// The second half of ``add(_:update:)``: what the flow table reported for the packet
    /// given to ``addPacket(lent:)`` just before.
    public func addFlowUpdate(_ update: FlowUpdate, lent packet: UnsafePointer<PacketView>) {
        accumulator.addUpdate(update, packet: packet)
    }

    /// Closes the open window (end of capture or shutdown).
    public func finish(flows: FlowGauges) {
        guard let start = currentStart else { return }
        emit(start: start, flows: flows)
        currentStart = nil
    }

    private func emit(start: Double, flows: FlowGauges) {
        let w = configuration.window
        var features = accumulator.features(length: w, flows: flows)
        trailing.close(accumulator.requesters, requests: accumulator.requests)
        trailing.record(in: &features, windowLength: w)
        let record = WindowRecord(
            start: start, end: start + w, packets: accumulator.packets, features: features,
            topTalkers: accumulator.topTalkers(configuration.topTalkers))
        for entry in accumulator.talkers.trackedEntries {
            streamTalkers.add(entry.key, weight: entry.count, secondary: entry.secondary, tertiary: entry.tertiary)
        }
        accumulator.reset()
        windowsEmitted += 1
        onWindow(record)
    }
}
