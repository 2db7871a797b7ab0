import Foundation

/// A bounded queue between a capture thread and the analysis loop. A full queue drops the
/// frame and counts it: capture never waits on analysis.
final class FrameQueue: @unchecked Sendable {
    private let lock = NSCondition()
    private var frames: [OwnedFrame] = []
    private let capacity: Int
    private var dropped: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
        frames.reserveCapacity(min(capacity, 65_536))
    }

    /// Adds a frame unless the queue is full (then counts a drop).
    func push(_ frame: OwnedFrame) {
        lock.lock()
        if frames.count >= capacity {
            dropped += 1
        } else {
            frames.append(frame)
            lock.signal()
        }
        lock.unlock()
    }

    /// Takes every queued frame, waiting up to `timeout` seconds for the first.
    func drain(timeout: Double) -> [OwnedFrame] {
        lock.lock()
        defer { lock.unlock() }
        if frames.isEmpty { _ = lock.wait(until: Date(timeIntervalSinceNow: timeout)) }
        let taken = frames
        frames.removeAll(keepingCapacity: true)
        return taken
    }

    /// Frames dropped so far because the queue was full.
    var dropCount: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return dropped
    }
}
