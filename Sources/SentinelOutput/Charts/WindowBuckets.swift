import SentinelCore

/// Groups consecutive windows into buckets of equal size so a chart draws at most
/// `maxPoints` points: each bucket shows the mean with a min/max envelope, and every window
/// belongs to exactly one bucket (none is dropped).
package struct WindowBuckets: Sendable, Equatable {
    /// The windows of each bucket, as a contiguous partition of `0..<windowCount`.
    package let ranges: [Range<Int>]
    /// Windows per bucket (the last bucket may hold fewer).
    package let windowsPerBucket: Int
    /// Windows in all.
    package let windowCount: Int

    /// Buckets for `windowCount` windows: one window each when they fit in `maxPoints`.
    package init(windowCount: Int, maxPoints: Int = 1500) {
        let size = max(1, (windowCount + max(1, maxPoints) - 1) / max(1, maxPoints))
        self.windowsPerBucket = size
        self.windowCount = windowCount
        self.ranges = stride(from: 0, to: windowCount, by: size).map { $0..<min($0 + size, windowCount) }
    }

    /// True when buckets hold more than one window.
    package var isAggregated: Bool { windowsPerBucket > 1 }

    /// The caption saying how points relate to windows.
    package var caption: String {
        guard isAggregated else { return "each point = 1 window" }
        let last = ranges.last?.count ?? windowsPerBucket
        let tail = last == windowsPerBucket ? "" : " (the last \(last))"
        return "each point = \(windowsPerBucket) windows\(tail): line = mean, shaded = min–max"
    }

    /// The mean, minimum and maximum of `values` (one per window) per bucket.
    package func aggregate(_ values: [Double]) -> (mean: [Double], minimum: [Double], maximum: [Double]) {
        var mean: [Double] = [], low: [Double] = [], high: [Double] = []
        mean.reserveCapacity(ranges.count)
        low.reserveCapacity(ranges.count)
        high.reserveCapacity(ranges.count)
        for range in ranges {
            var sum = 0.0, lo = Double.infinity, hi = -Double.infinity
            for i in range {
                let v = values[i]
                sum += v
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
            mean.append(sum / Double(range.count))
            low.append(lo)
            high.append(hi)
        }
        return (mean, low, high)
    }

    /// The verdict of each bucket: the most frequent non-`normal` class when any window in
    /// it is not `normal` (an attack is never averaged away), else `normal`. Ties go to the
    /// earlier window's class.
    package func verdicts(_ classes: [String], normal: String = ClassLabel.normal) -> [String] {
        ranges.map { range in
            var counts: [String: (count: Int, first: Int)] = [:]
            for i in range where classes[i] != normal {
                counts[classes[i], default: (0, i)].count += 1
            }
            return counts.max { ($0.value.count, -$0.value.first) < ($1.value.count, -$1.value.first) }?.key ?? normal
        }
    }
}
