#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A HyperLogLog distinct-count sketch with 2^precision one-byte registers.
///
/// Memory is fixed (4 KiB at the default precision 12, standard error about 1.6 %), so
/// counting the distinct sources of a random-source flood costs no more than of a quiet link.
public struct HyperLogLog: Sendable {
    @usableFromInline var registers: [UInt8]
    @usableFromInline let precision: Int
    @usableFromInline var touched = false

    /// Creates an empty sketch with `2^precision` registers (4…16).
    public init(precision: Int = 12) {
        self.precision = min(16, max(4, precision))
        self.registers = [UInt8](repeating: 0, count: 1 << self.precision)
    }

    /// Adds an item by its 64-bit hash (use a well-mixed hash).
    @inlinable
    public mutating func insert(hash: UInt64) {
        touched = true
        let index = Int(truncatingIfNeeded: hash >> UInt64(64 - precision))
        let rest = (hash << UInt64(precision)) | (1 << UInt64(precision - 1))
        let rank = UInt8(truncatingIfNeeded: rest.leadingZeroBitCount + 1)
        registers.withUnsafeMutableBufferPointer { r in
            if rank > r[index] { r[index] = rank }
        }
    }

    /// The estimated number of distinct items added.
    public var estimate: Double {
        guard touched else { return 0 }
        let m = Double(registers.count)
        var sum = 0.0
        var zeros = 0
        for register in registers {
            sum += 1.0 / Double(UInt64(1) << UInt64(register))
            if register == 0 { zeros += 1 }
        }
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
        for i in registers.indices { registers[i] = 0 }
        touched = false
    }
}
