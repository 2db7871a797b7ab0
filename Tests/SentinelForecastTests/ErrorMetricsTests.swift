import SentinelForecast
import Testing

@Suite("Error metrics and rolling-origin backtests")
struct ErrorMetricsTests {
    @Test("metrics of a hand-checked example")
    func handChecked() {
        // errors 1, 0, −2: SSE 5, SST around the mean 4 is 8.
        let m = ErrorMetrics(actuals: [2, 4, 6], forecasts: [1, 4, 8])
        #expect(m.count == 3)
        #expect(abs(m.rmse - (5.0 / 3).squareRoot()) < 1e-12)
        #expect(abs(m.mae - 1) < 1e-12)
        #expect(abs(m.mape! - 100 * (0.5 + 0 + 1.0 / 3) / 3) < 1e-9)
        #expect(abs(m.r2! - 0.375) < 1e-12)
    }

    @Test("MAPE skips zero actuals; R² needs varying actuals")
    func edgeCases() {
        let m = ErrorMetrics(actuals: [0, 10], forecasts: [1, 12])
        #expect(abs(m.mape! - 20) < 1e-12)
        #expect(ErrorMetrics(actuals: [0, 0], forecasts: [1, 1]).mape == nil)
        #expect(ErrorMetrics(actuals: [3, 3], forecasts: [1, 1]).r2 == nil)
    }

    @Test("origins spread over the last 20 %, the last leaving exactly the horizon")
    func origins() {
        let backtest = Backtest(horizon: 2, season: 1, testFraction: 0.2, maxOrigins: 20)
        #expect(backtest.origins(count: 50, minimumHistory: 5) == Array(40...48))
        let few = Backtest(horizon: 2, season: 1, testFraction: 0.2, maxOrigins: 3)
        #expect(few.origins(count: 50, minimumHistory: 5) == [40, 44, 48])
        #expect(backtest.origins(count: 6, minimumHistory: 5).isEmpty)
    }

    @Test("naive on a ramp misses by exactly h at h steps ahead")
    func naiveOnRamp() throws {
        let series = try SeriesFixtures.series((0..<100).map(Double.init))
        let result = try Backtest(horizon: 3, season: 1).run(SeasonalNaive(), on: series)
        let rmse = result.perHorizon.map(\.rmse)
        #expect(rmse.map { ($0 * 1e9).rounded() / 1e9 } == [1, 2, 3])
        #expect(result.origins.last == 97)
    }

    @Test("auto picks the method with the lowest backtest error, and seasonal naive is always compared")
    func autoChoosesByBacktest() throws {
        let series = try SeriesFixtures.series(SeriesFixtures.trend(count: 120))
        let report = try Forecaster(method: nil, horizon: 4, season: 1, maxOrigins: 5).run(series)
        #expect(report.backtests.contains { $0.method == .naive })
        let best = report.backtests.min { Forecaster.meanRMSEForTests($0.result) < Forecaster.meanRMSEForTests($1.result) }!
        #expect(report.method == best.method)
        #expect(report.method != .naive)
        for point in report.points { #expect(point.lower <= point.value && point.value <= point.upper) }
        let asked = try Forecaster(method: .ar, horizon: 4, season: 1, maxOrigins: 5).run(series)
        #expect(asked.backtests.map(\.method) == [.ar, .naive])
    }
}

extension Forecaster {
    static func meanRMSEForTests(_ result: BacktestResult) -> Double {
        result.perHorizon.reduce(0) { $0 + $1.rmse } / Double(result.perHorizon.count)
    }
}
