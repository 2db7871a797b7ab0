import Foundation
import SentinelForecast
import SentinelTestSupport
import Testing

@Suite("Holt-Winters with a daily and a weekly season")
struct DoubleSeasonalHoltWintersTests {
    /// Hourly load with a daily shape and quieter weekends, 3 % noise.
    static func weekly(days: Int, seed: UInt64 = 7) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<(24 * days)).map { t in
            let hour = Double(t % 24), day = (t / 24) % 7
            let base = 100 + 40 * sin(2 * .pi * hour / 24)
            return base * (day >= 5 ? 0.5 : 1) * (1 + 0.03 * Double.random(in: -1...1, using: &generator))
        }
    }

    @Test("it forecasts the weekend that a daily season alone cannot see")
    func weekendDrop() throws {
        let y = Self.weekly(days: 40)
        // History ends on a Friday at midnight: the next 24 points are a Saturday.
        let end = 24 * 33
        let history = ForecastHistory(values: Array(y[..<end]), step: 3_600, season: 24)
        let actual = Array(y[end..<(end + 24)])
        let double = try DoubleSeasonalHoltWinters().forecast(history, horizon: 24).values
        let single = try HoltWinters().forecast(history, horizon: 24).values
        func rmse(_ f: [Double]) -> Double { (zip(f, actual).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 24).squareRoot() }
        #expect(rmse(double) < 0.5 * rmse(single), "double \(rmse(double)) single \(rmse(single))")
        #expect(rmse(double) < 10)
    }

    @Test("it needs a season and two weeks; auto leaves it out on a shorter series instead of failing")
    func needsTwoWeeks() throws {
        let short = ForecastHistory(values: Self.weekly(days: 10), step: 3_600, season: 24)
        #expect(throws: ForecastError.self) { try DoubleSeasonalHoltWinters().forecast(short, horizon: 3) }
        let noSeason = ForecastHistory(values: Self.weekly(days: 30), step: 3_600, season: 1)
        #expect(throws: ForecastError.self) { try DoubleSeasonalHoltWinters().forecast(noSeason, horizon: 3) }
        let values = Self.weekly(days: 10)
        let series = try LoadSeries(name: "ten-days", times: values.indices.map { Double($0) * 3_600 }, values: values)
        let report = try Forecaster(method: nil, horizon: 3, season: 24, maxOrigins: 4).run(series)
        #expect(!report.backtests.contains { $0.method == .dshw })
        #expect(report.backtests.count >= 4)
    }
}
