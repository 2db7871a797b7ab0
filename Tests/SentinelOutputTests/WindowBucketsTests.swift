import SentinelOutput
import Testing

@Suite("WindowBuckets: downsampling for display")
struct WindowBucketsTests {
    @Test("every window lands in exactly one bucket, in order", arguments: [0, 1, 40, 1499, 1500, 1501, 3001, 86_400, 100_003])
    func partition(count: Int) {
        let buckets = WindowBuckets(windowCount: count, maxPoints: 1500)
        #expect(buckets.ranges.count <= 1500)
        #expect(buckets.ranges.map(\.count).reduce(0, +) == count)
        var next = 0
        for range in buckets.ranges {
            #expect(range.lowerBound == next)
            #expect(!range.isEmpty)
            next = range.upperBound
        }
        #expect(next == count)
        #expect(buckets.isAggregated == (count > 1500))
    }

    @Test("a day of 1 s windows becomes 1,490 points of 58 windows, and the caption says so")
    func day() {
        let buckets = WindowBuckets(windowCount: 86_400)
        #expect(buckets.windowsPerBucket == 58)
        #expect(buckets.ranges.count == 1490)
        #expect(buckets.caption.contains("each point = 58 windows"))
        #expect(buckets.caption.contains("the last 38"))
        #expect(WindowBuckets(windowCount: 41).caption == "each point = 1 window")
    }

    @Test("mean, minimum and maximum per bucket")
    func aggregate() {
        let buckets = WindowBuckets(windowCount: 7, maxPoints: 3)
        #expect(buckets.ranges == [0..<3, 3..<6, 6..<7])
        let values = buckets.aggregate([1, 2, 6, 0, 0, 9, 4])
        #expect(values.mean == [3, 3, 4])
        #expect(values.minimum == [1, 0, 4])
        #expect(values.maximum == [6, 9, 4])
    }

    @Test("a bucket with any attack window takes its most frequent attack class")
    func verdicts() {
        let buckets = WindowBuckets(windowCount: 8, maxPoints: 2)
        let classes = [
            "normal", "normal", "normal", "syn_flood",
            "port_scan", "udp_flood", "udp_flood", "port_scan",
        ]
        #expect(buckets.verdicts(classes) == ["syn_flood", "port_scan"])
        #expect(WindowBuckets(windowCount: 2, maxPoints: 1).verdicts(["normal", "normal"]) == ["normal"])
    }
}
