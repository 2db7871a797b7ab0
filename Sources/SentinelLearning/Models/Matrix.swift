/// Dense `Float` kernels over row-major buffers, written so the compiler vectorises the
/// inner loops: raw pointers, wrapping (`&+`, `&*`) index arithmetic, and the innermost loop
/// running along contiguous memory.
///
/// Every kernel accumulates each output element over the shared dimension in ascending
/// order, so a product's value does not depend on how many rows are processed at once: a
/// single row gives bit-for-bit the same result as the same row inside a batch.
enum Matrix {
    /// `c = a · b` (or `c += a · b` when `accumulate`), with `a` `m×k`, `b` `k×n`, `c` `m×n`.
    ///
    /// Zero entries of `a` (common after ReLU) are skipped.
    static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int, accumulate: Bool = false
    ) {
        var i = 0
        while i < m {
            let cRow = c + i &* n
            if !accumulate { cRow.update(repeating: 0, count: n) }
            let aRow = a + i &* k
            var p = 0
            while p < k {
                let scale = aRow[p]
                if scale != 0 { addScaled(b + p &* n, scale, into: cRow, count: n) }
                p &+= 1
            }
            i &+= 1
        }
    }

    /// `y += scale · x` over `count` contiguous floats (the kernels' vectorised inner loop).
    @inline(__always)
    static func addScaled(
        _ x: UnsafePointer<Float>, _ scale: Float, into y: UnsafeMutablePointer<Float>, count: Int
    ) {
        var j = 0
        while j < count {
            y[j] += scale * x[j]
            j &+= 1
        }
    }

    /// `c = aᵀ · b`, with `a` `m×k`, `b` `m×n`, `c` `k×n`.
    static func multiplyTransposingFirst(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int
    ) {
        c.update(repeating: 0, count: k &* n)
        var i = 0
        while i < m {
            let aRow = a + i &* k
            let bRow = b + i &* n
            var p = 0
            while p < k {
                let scale = aRow[p]
                if scale != 0 { addScaled(bRow, scale, into: c + p &* n, count: n) }
                p &+= 1
            }
            i &+= 1
        }
    }

    /// Writes the transpose of the `rows×columns` matrix `a` into `t` (`columns×rows`).
    static func transpose(
        _ a: UnsafePointer<Float>, into t: UnsafeMutablePointer<Float>, rows: Int, columns: Int
    ) {
        var i = 0
        while i < rows {
            let aRow = a + i &* columns
            var j = 0
            while j < columns {
                t[j &* rows &+ i] = aRow[j]
                j &+= 1
            }
            i &+= 1
        }
    }

    /// Adds the `columns`-long vector `v` to each of the `rows` rows of `c`.
    static func addRow(
        _ v: UnsafePointer<Float>, to c: UnsafeMutablePointer<Float>, rows: Int, columns: Int
    ) {
        var i = 0
        while i < rows {
            let cRow = c + i &* columns
            var j = 0
            while j < columns {
                cRow[j] += v[j]
                j &+= 1
            }
            i &+= 1
        }
    }

    /// Writes the column sums of the `rows×columns` matrix `a` into `sums`.
    static func columnSums(
        _ a: UnsafePointer<Float>, into sums: UnsafeMutablePointer<Float>, rows: Int, columns: Int
    ) {
        sums.update(repeating: 0, count: columns)
        var i = 0
        while i < rows {
            let aRow = a + i &* columns
            var j = 0
            while j < columns {
                sums[j] += aRow[j]
                j &+= 1
            }
            i &+= 1
        }
    }

    /// Replaces each of the `count` values of `a` by `max(value, 0)`.
    static func relu(_ a: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i < count {
            a[i] = a[i] > 0 ? a[i] : 0
            i &+= 1
        }
    }

    /// Zeroes each value of `delta` whose matching activation is not positive (the ReLU
    /// derivative applied to a back-propagated gradient).
    static func maskByPositive(
        _ delta: UnsafeMutablePointer<Float>, activations: UnsafePointer<Float>, count: Int
    ) {
        var i = 0
        while i < count {
            delta[i] = activations[i] > 0 ? delta[i] : 0
            i &+= 1
        }
    }

    /// `Σ a[i]²` over `count` values, accumulated in `Double`.
    static func sumOfSquares(_ a: UnsafePointer<Float>, count: Int) -> Double {
        var sum: Double = 0
        var i = 0
        while i < count {
            let value = Double(a[i])
            sum += value * value
            i &+= 1
        }
        return sum
    }
}
