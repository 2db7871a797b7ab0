import Foundation
import SentinelCapture

/// Reads one interface on its own thread into a ``FrameQueue`` until stopped (or until the
/// source ends: a capture file handed in by a test).
final class CaptureThread: @unchecked Sendable {
    let interface: String
    let source: any PacketSource
    let queue: FrameQueue
    private let stopFlag = NSLock()
    private var stopping = false
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)
    /// The error that ended the capture, if any.
    private(set) var failure: (any Error)?
    /// The last `pcap_stats` counters, read on the capture thread (libpcap handles are not
    /// shared between threads) about once a second.
    private var lastStatistics = CaptureStatistics()
    private var statisticsReadAt = 0.0

    init(interface: String, source: any PacketSource, queue: FrameQueue) {
        self.interface = interface
        self.source = source
        self.queue = queue
    }

    func start() {
        let thread = Thread { [self] in
            defer { done.signal() }
            var sinceCheck = 0
            while !isStopping {
                do {
                    switch try source.read() {
                    case .frame(let frame):
                        queue.push(
                            OwnedFrame(
                                timestamp: frame.timestamp, wireLength: frame.wireLength,
                                linkType: frame.linkType, bytes: Array(frame.bytes.bindMemory(to: UInt8.self))))
                        sinceCheck += 1
                        if sinceCheck >= 4096 {
                            sinceCheck = 0
                            refreshStatistics()
                        }
                    case .timeout:
                        refreshStatistics()
                        continue
                    case .end: return
                    }
                } catch {
                    failure = error
                    return
                }
            }
        }
        thread.name = "capture \(interface)"
        self.thread = thread
        thread.start()
    }

    /// Kernel and interface drop counters as of the last refresh.
    var statistics: CaptureStatistics {
        stopFlag.lock()
        defer { stopFlag.unlock() }
        return lastStatistics
    }

    private func refreshStatistics() {
        let now = Date().timeIntervalSince1970
        stopFlag.lock()
        let due = now - statisticsReadAt >= 1
        stopFlag.unlock()
        guard due else { return }
        let stats = source.statistics()
        stopFlag.lock()
        lastStatistics = stats
        statisticsReadAt = now
        stopFlag.unlock()
    }

    private var isStopping: Bool {
        stopFlag.lock()
        defer { stopFlag.unlock() }
        return stopping
    }

    /// Asks the thread to stop and waits for it (a live source's read times out every 100 ms).
    func stop() {
        stopFlag.lock()
        stopping = true
        let started = thread != nil
        stopFlag.unlock()
        (source as? LivePacketSource)?.breakLoop()
        if started { done.wait() }
    }
}
