#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A HyperLogLog distinct-count sketch with 2^precision one-byte registers.
///
/// Memory is fixed (4 KiB at the default precision 12, standard error about 1.6 %), so
/// counting the distinct sources of a random-source flood costs no more than of a quiet link.
/// The harmonic sum the estimate needs is kept up to date on each register change, so an
/// estimate costs O(1) instead of a pass over the registers.
public struct HyperLogLog: Sendable {
    private var registers: [UInt8]
    private let precision: Int
    private var sum: Double
    private var zeros: Int
    private var touched = false

    /// Creates an empty sketch with `2^precision` registers (4…16).
    public init(precision: Int = 12) {
        self.precision = min(16, max(4, precision))
        self.registers = [UInt8](repeating: 0, count: 1 << self.precision)
        self.sum = Double(1 << self.precision)
        self.zeros = 1 << self.precision
    }

    /// Adds an item by its 64-bit hash (use a well-mixed hash).
    public mutating func insert(hash: UInt64) {
        touched = true
        let p = UInt64(truncatingIfNeeded: precision)
        let index = Int(truncatingIfNeeded: hash &>> (64 - p))
        let rest = (hash &<< p) | (1 &<< (p - 1))
        let rank = UInt8(truncatingIfNeeded: rest.leadingZeroBitCount + 1)
        let old = registers.withUnsafeBufferPointer { $0[index] }
        guard rank > old else { return }
        registers.withUnsafeMutableBufferPointer { $0[index] = rank }
        sum += HyperLogLog.inversePower(rank) - HyperLogLog.inversePower(old)
        if old == 0 { zeros -= 1 }
    }

    /// 2^-rank, exactly (rank ≤ 61, so always a normal number).
    @inline(__always)
    private static func inversePower(_ rank: UInt8) -> Double {
        Double(bitPattern: UInt64(1023 - UInt64(rank)) << 52)
    }

    /// The estimated number of distinct items added.
    public var estimate: Double {
        guard touched else { return 0 }
        let m = Double(registers.count)
        let alpha = 0.7213 / (1 + 1.079 / m)
        let raw = alpha * m * m / sum
        if raw <= 2.5 * m && zeros > 0 {
            return m * log(m / Double(zeros))  // linear counting for small sets
        }
        return raw
    }

    /// Empties the sketch.
    public mutating func reset() {
        guard touched else { return }
        registers.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
        sum = Double(registers.count)
        zeros = registers.count
        touched = false
    }
}
