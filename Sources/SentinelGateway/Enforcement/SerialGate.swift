import Foundation

/// Lets one async operation run at a time, the others waiting in arrival order. An actor
/// alone does not do this: it interleaves calls at every `await`, which would let a lift
/// and a refresh of the same change, or two rewrites of one file, overlap.
final class SerialGate: @unchecked Sendable {
    private let lock = NSLock()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` when the previous operations are done.
    func run<T: Sendable>(isolation: isolated (any Actor)? = #isolation, _ body: () async -> T) async -> T {
        await acquire()
        defer { release() }
        return await body()
    }

    private func acquire() async {
        let free = lock.withLock {
            guard busy else {
                busy = true
                return true
            }
            return false
        }
        if free { return }
        await withCheckedContinuation { continuation in
            let resumeNow = lock.withLock {
                // The holder may have left between the two locked sections.
                guard busy else {
                    busy = true
                    return true
                }
                waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Hands the turn to the next waiter (still busy), or frees it.
    private func release() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            if waiting.isEmpty {
                busy = false
                return nil
            }
            return waiting.removeFirst()
        }
        next?.resume()
    }
}
