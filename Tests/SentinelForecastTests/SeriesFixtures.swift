import Foundation
import SentinelForecast
import SentinelTestSupport

/// Series with known structure for the forecasting tests.
enum SeriesFixtures {
    /// A standard normal draw (Box–Muller) from a seeded generator.
    static func normal(_ generator: inout SeededGenerator) -> Double {
        let u = max(Double(generator.next() >> 11) * 0x1.0p-53, 1e-300)
        let v = Double(generator.next() >> 11) * 0x1.0p-53
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// `y[t] = intercept + slope · t`.
    static func trend(count: Int, intercept: Double = 5, slope: Double = 2) -> [Double] {
        (0..<count).map { intercept + slope * Double($0) }
    }

    /// A season of 24 points repeated exactly (a daily shape plus a sharp morning bump).
    static func season(count: Int) -> [Double] {
        (0..<count).map { t in
            let hour = Double(t % 24)
            return 100 + 40 * sin(2 * .pi * hour / 24) + (t % 24 == 8 ? 25 : 0)
        }
    }

    /// An AR process `y[t] = c + Σ φᵢ y[t−i] + ε`, ε standard normal, after a burn-in.
    static func autoregressive(count: Int, constant: Double, coefficients: [Double], seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var y = [Double](repeating: 0, count: coefficients.count)
        for _ in 0..<(count + 200) {
            var value = constant + normal(&generator)
            for (i, phi) in coefficients.enumerated() { value += phi * y[y.count - 1 - i] }
            y.append(value)
        }
        return Array(y.suffix(count))
    }

    /// An hourly daily cycle with 3 % noise.
    static func noisyDaily(count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return season(count: count).map { $0 * (1 + 0.03 * normal(&generator)) }
    }

    /// A series on an hourly grid from 2026-01-01.
    static func series(_ values: [Double], name: String = "test") throws -> LoadSeries {
        try LoadSeries(name: name, times: values.indices.map { 1_767_225_600 + 3_600 * Double($0) }, values: values)
    }
}
