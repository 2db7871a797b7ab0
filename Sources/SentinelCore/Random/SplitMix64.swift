/// A small, fast, seeded random number generator (Steele, Lea and Flood's SplitMix64, as in
/// Vigna's reference `splitmix64.c`).
///
/// Its output, ``nextInt(below:)`` and ``shuffle(_:)`` depend only on the seed, so splits
/// and training runs are reproducible bit for bit across platforms and Swift versions
/// (unlike `Array.shuffle(using:)`, whose algorithm is not specified).
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The current internal state.
    public private(set) var state: UInt64

    /// Creates a generator whose sequence is determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly distributed integer in `0..<bound` (Lemire's unbiased multiply-shift).
    ///
    /// - Parameter bound: a positive upper bound.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let upper = UInt64(bound)
        var product = next().multipliedFullWidth(by: upper)
        if product.low < upper {
            let threshold = (0 &- upper) % upper
            while product.low < threshold {
                product = next().multipliedFullWidth(by: upper)
            }
        }
        return Int(product.high)
    }

    /// A uniformly distributed `Double` in `[0, 1)` with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Shuffles `array` in place (Fisher–Yates, from the last element down).
    public mutating func shuffle<Element>(_ array: inout [Element]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            let other = nextInt(below: index + 1)
            if other != index { array.swapAt(index, other) }
        }
    }
}
