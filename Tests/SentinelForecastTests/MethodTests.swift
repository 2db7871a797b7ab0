import Foundation
import SentinelCore
import SentinelForecast
import SentinelLearning
import Testing

@Suite("Forecast methods on series with known answers")
struct MethodTests {
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) / max(abs($1), 1) }.max() ?? .infinity
    }

    @Test("a pure linear trend: OLS and undamped Holt-Winters extrapolate it exactly")
    func linearTrend() throws {
        let y = SeriesFixtures.trend(count: 60)
        let expected = (60..<70).map { 5 + 2 * Double($0) }
        let history = ForecastHistory(values: y)
        let ols = try LinearRegressionForecaster().forecast(history, horizon: 10)
        #expect(Self.relativeError(ols.values, expected) < 1e-6)
        let undamped = try HoltWinters(configuration: .init(trend: true, damped: false, seasonality: .none)).forecast(history, horizon: 10)
        #expect(Self.relativeError(undamped.values, expected) < 1e-6)
        // Chosen by AIC among all forms, the exact (undamped trend) one wins.
        let automatic = try HoltWinters().fit(y, season: 1, horizon: 10)
        #expect(automatic.configuration == .init(trend: true, damped: false, seasonality: .none))
        #expect(Self.relativeError(automatic.forecast, expected) < 1e-6)
    }

    @Test("a pure linear trend: damped Holt-Winters keeps φ near 1 and stays within 1 %")
    func dampedTrend() throws {
        let y = SeriesFixtures.trend(count: 60)
        let fit = try HoltWinters(configuration: .init(trend: true, damped: true, seasonality: .none)).fit(y, season: 1, horizon: 10)
        #expect(fit.phi >= 0.99)
        let expected = (60..<70).map { 5 + 2 * Double($0) }
        #expect(Self.relativeError(fit.forecast, expected) < 0.01)
        // Damping bends the forecast below the line: the error grows with the horizon.
        #expect(fit.forecast[9] < expected[9])
    }

    @Test("a pure season: seasonal naive and Holt-Winters are exact")
    func pureSeason() throws {
        let y = SeriesFixtures.season(count: 24 * 6)
        let expected = Array(SeriesFixtures.season(count: 24 * 8).suffix(48))
        let history = ForecastHistory(values: y, season: 24)
        let naive = try SeasonalNaive().forecast(history, horizon: 48)
        #expect(naive.values == expected)
        for form: HoltWinters.Configuration? in [
            nil, .init(trend: false, seasonality: .additive), .init(trend: true, seasonality: .multiplicative),
        ] {
            let hw = try HoltWinters(configuration: form).forecast(history, horizon: 48)
            #expect(Self.relativeError(hw.values, expected) < 1e-6, "form \(String(describing: form))")
        }
    }

    @Test("seasonal naive without a season repeats the last value")
    func naiveNoSeason() throws {
        let forecast = try SeasonalNaive().forecast(ForecastHistory(values: [3, 1, 4]), horizon: 3)
        #expect(forecast.values == [4, 4, 4])
    }

    @Test("AR(1) with a known coefficient is recovered")
    func ar1() throws {
        let y = SeriesFixtures.autoregressive(count: 3_000, constant: 3, coefficients: [0.7], seed: 11)
        let fit = try AutoRegressive(order: 1).fit(y)
        #expect(fit.order == 1)
        #expect(abs(fit.coefficients[1] - 0.7) < 0.03)
        #expect(abs(fit.coefficients[0] / (1 - fit.coefficients[1]) - 10) < 0.3)
        #expect(abs(fit.sigma - 1) < 0.05)
    }

    @Test("AIC picks p = 2 on a simulated AR(2)")
    func aicChoosesOrder() throws {
        let y = SeriesFixtures.autoregressive(count: 3_000, constant: 1, coefficients: [0.5, -0.3], seed: 7)
        let fit = try AutoRegressive(maxOrder: 8).fit(y)
        #expect(fit.order == 2)
        #expect(abs(fit.coefficients[1] - 0.5) < 0.05)
        #expect(abs(fit.coefficients[2] + 0.3) < 0.05)
    }

    @Test("the order AIC chose is refitted on every point it can use, as statsmodels' AutoReg")
    func chosenOrderRefitted() throws {
        let y = SeriesFixtures.autoregressive(count: 120, constant: 3, coefficients: [0.7], seed: 11)
        let chosen = try AutoRegressive(maxOrder: 20).fit(y)
        let fixed = try AutoRegressive(order: chosen.order).fit(y)  // the sample from point p on
        #expect(chosen.order < 4, "an order well below the 20 compared")
        #expect(zip(chosen.coefficients, fixed.coefficients).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(abs(chosen.sigma - fixed.sigma) < 1e-9)
    }

    @Test("too short a history is an error naming the method")
    func tooShort() {
        let error = #expect(throws: ForecastError.self) {
            try HoltWinters().forecast(ForecastHistory(values: [1, 2, 3], season: 24), horizon: 2)
        }
        #expect(error == .tooShort(method: "hw", points: 3, needed: 50))
    }

    @Test("the regression network learns a linear function")
    func mlpRegressor() throws {
        var generator = SplitMix64(seed: 3)
        let rows = (0..<400).map { _ in [generator.nextUnitDouble() * 2 - 1, generator.nextUnitDouble() * 2 - 1] }
        let targets = rows.map { 2 * $0[0] - $0[1] + 0.5 }
        let network = try MLPRegressor(
            features: rows, targets: targets,
            hyperparameters: .init(hiddenLayers: [16], maxEpochs: 300, earlyStopping: false))
        let error = zip(rows, targets).map { pow(network.predict($0) - $1, 2) }.reduce(0, +) / Double(rows.count)
        #expect(error < 0.01)
        #expect(network.lossHistory.last! < network.lossHistory.first!)
    }

    @Test("NARX follows a noisy daily cycle better than the overall mean, and is deterministic")
    func narx() throws {
        let y = SeriesFixtures.noisyDaily(count: 24 * 20, seed: 5)
        let truth = Array(SeriesFixtures.season(count: 24 * 21).suffix(24))
        let history = ForecastHistory(values: y, startTime: 1_767_225_600, step: 3_600, season: 24)
        let first = try NARXForecaster().forecast(history, horizon: 24)
        let second = try NARXForecaster().forecast(history, horizon: 24)
        #expect(first == second)
        let mean = truth.reduce(0, +) / 24
        let narxError = zip(first.values, truth).map { abs($0 - $1) }.reduce(0, +) / 24
        let meanError = truth.map { abs($0 - mean) }.reduce(0, +) / 24
        #expect(narxError < 0.25 * meanError, "NARX MAE \(narxError) vs mean forecast \(meanError)")
    }
}
