import Foundation
import SentinelCapture

/// Reads one interface on its own thread into a ``FrameQueue`` until stopped.
final class CaptureThread: @unchecked Sendable {
    let source: LivePacketSource
    let queue: FrameQueue
    private let stopFlag = NSLock()
    private var stopping = false
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)
    /// The error that ended the capture, if any.
    private(set) var failure: (any Error)?

    init(source: LivePacketSource, queue: FrameQueue) {
        self.source = source
        self.queue = queue
    }

    func start() {
        let thread = Thread { [self] in
            defer { done.signal() }
            while !isStopping {
                do {
                    switch try source.read() {
                    case .frame(let frame):
                        queue.push(OwnedFrame(timestamp: frame.timestamp, wireLength: frame.wireLength,
                                              linkType: frame.linkType, bytes: Array(frame.bytes.bindMemory(to: UInt8.self))))
                    case .timeout: continue
                    case .end: return
                    }
                } catch {
                    failure = error
                    return
                }
            }
        }
        thread.name = "capture \(source.options.interface)"
        self.thread = thread
        thread.start()
    }

    private var isStopping: Bool {
        stopFlag.lock()
        defer { stopFlag.unlock() }
        return stopping
    }

    /// Asks the thread to stop and waits for it (the source's read times out every 100 ms).
    func stop() {
        stopFlag.lock()
        stopping = true
        stopFlag.unlock()
        source.breakLoop()
        done.wait()
    }
}
