import SentinelCapture
import SentinelFeatures
import Testing

@Suite("Sketches")
struct SketchTests {
    @Test(
        "HyperLogLog is within 5% from ten to a million distinct items, and exact-ish when small",
        arguments: [10, 1_000, 100_000, 1_000_000])
    func hyperLogLog(n: Int) {
        var sketch = HyperLogLog()
        for i in 0..<n { sketch.insert(hash: IPAddress(ipv4: UInt32(i)).mixedHash) }
        for i in 0..<n / 2 { sketch.insert(hash: IPAddress(ipv4: UInt32(i)).mixedHash) }  // repeats don't count
        let error = abs(sketch.estimate - Double(n)) / Double(n)
        #expect(error < 0.05, "estimate \(sketch.estimate) for \(n)")
        sketch.reset()
        #expect(sketch.estimate == 0)
    }

    @Test("heavy hitters (Space-Saving) are found hidden in a stream of one-off keys")
    func heavyHitters() {
        var summary = HeavyHitters(capacity: 64)
        for i in 0..<100_000 {
            summary.add(IPAddress(ipv4: UInt32(1_000_000 + i)))  // one-off noise
            if i % 10 == 0 { summary.add(IPAddress(ipv4: 1)) }  // 10,000
            if i % 20 == 0 { summary.add(IPAddress(ipv4: 2)) }  // 5,000
        }
        let top = summary.top(2)
        #expect(top.map(\.key) == [IPAddress(ipv4: 1), IPAddress(ipv4: 2)])
        #expect(top[0].count - top[0].error <= 10_000 && top[0].count >= 10_000)
        #expect(summary.total == 115_000)
        #expect(summary.evicted)
    }

    @Test("estimated entropy of a million-key uniform stream is close to log2 of the keys")
    func entropyEstimate() {
        var summary = HeavyHitters(capacity: 256)
        var distinct = HyperLogLog()
        for i in 0..<200_000 {
            summary.add(IPAddress(ipv4: UInt32(i)))
            distinct.insert(hash: IPAddress(ipv4: UInt32(i)).mixedHash)
        }
        let h = Entropy.bits(summary: summary, distinct: distinct.estimate)
        #expect(abs(h - 17.61) < 0.2)
    }
}
