import Testing

@testable import SentinelCore

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test func matchesTheReferenceSequence() {
        // Known outputs of Vigna's splitmix64.c.
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
        #expect(zero.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(zero.next() == 0x06C4_5D18_8009_454F)
        var other = SplitMix64(seed: 1_234_567)
        #expect(other.next() == 6_457_827_717_110_365_317)
        #expect(other.next() == 3_203_168_211_198_807_973)
    }

    @Test func boundedIntegersStayInRangeAndCoverIt() {
        var generator = SplitMix64(seed: 42)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let value = generator.nextInt(below: 7)
            #expect((0..<7).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 7)
        for _ in 0..<100 {
            let unit = generator.nextUnitDouble()
            #expect(unit >= 0 && unit < 1)
        }
    }

    @Test func shuffleIsAReproduciblePermutation() {
        var first = SplitMix64(seed: 9)
        var second = SplitMix64(seed: 9)
        var a = Array(0..<50)
        var b = Array(0..<50)
        first.shuffle(&a)
        second.shuffle(&b)
        #expect(a == b)
        #expect(a != Array(0..<50))
        #expect(a.sorted() == Array(0..<50))
    }
}
