import Foundation

/// Per-thread counts and the first failure, shared by the threads of a measurement.
final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int]
    private var firstFailure: String?

    init(_ threads: Int) { values = Array(repeating: 0, count: threads) }

    /// Records thread `index`'s count.
    func set(_ index: Int, _ value: Int) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    /// Records a failure (the first one is kept).
    func fail(_ message: String) {
        lock.lock()
        if firstFailure == nil { firstFailure = message }
        lock.unlock()
    }

    /// The sum of the counts.
    var total: Int {
        lock.lock()
        defer { lock.unlock() }
        return values.reduce(0, +)
    }

    /// The first failure, if any.
    var failure: String? {
        lock.lock()
        defer { lock.unlock() }
        return firstFailure
    }
}
