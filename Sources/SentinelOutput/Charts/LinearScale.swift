/// Maps a value domain onto pixels, and picks round tick values.
struct LinearScale {
    /// The domain's low end.
    var lower: Double
    /// The domain's high end.
    var upper: Double
    /// The pixel for `lower`.
    var from: Double
    /// The pixel for `upper`.
    var to: Double

    /// The pixel of `value`.
    func callAsFunction(_ value: Double) -> Double {
        let span = upper - lower
        guard span > 0, value.isFinite else { return from }
        return from + (value - lower) / span * (to - from)
    }

    /// A domain `0…nice(maximum)` (or `minimum…` when values go below 0) and its ticks.
    static func niceDomain(minimum: Double, maximum: Double, target: Int = 5) -> (lower: Double, upper: Double, ticks: [Double]) {
        var lo = min(0, minimum.isFinite ? minimum : 0)
        var hi = maximum.isFinite ? maximum : 1
        if hi <= lo { hi = lo + 1 }
        let step = niceStep((hi - lo) / Double(target))
        lo = (lo / step).rounded(.down) * step
        hi = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var value = lo
        while value <= hi + step / 2 {
            ticks.append(abs(value) < step / 1e6 ? 0 : value)
            value += step
        }
        return (lo, hi, ticks)
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * power >= raw { return factor * power }
        return 10 * power
    }
}
