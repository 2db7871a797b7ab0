import Foundation
import Testing

@testable import SentinelForecast

@Suite("Recurrent (GRU) forecaster")
struct GRUForecasterTests {
    @Test("backpropagation through time matches finite differences")
    func gradientCheck() {
        let network = GRUNetwork(inputs: 2, hidden: 3, seed: 5)
        let sequence: [[Double]] = [[0.5, -1], [0.1, 0.3], [-0.7, 0.2], [0.9, -0.4]]
        let target = 0.25
        var gradient = [Double](repeating: 0, count: network.parameters.count)
        _ = network.accumulate(sequence, target: target, into: &gradient)
        let epsilon = 1e-6
        for index in network.parameters.indices {
            var plus = network, minus = network
            plus.perturb(index, by: epsilon)
            minus.perturb(index, by: -epsilon)
            let lossPlus = 0.5 * pow(plus.predict(sequence) - target, 2)
            let lossMinus = 0.5 * pow(minus.predict(sequence) - target, 2)
            let numeric = (lossPlus - lossMinus) / (2 * epsilon)
            #expect(abs(numeric - gradient[index]) < 1e-6 * max(1, abs(numeric)), "parameter \(index): \(gradient[index]) vs \(numeric)")
        }
    }

    @Test("it learns a daily cycle far better than the mean, and the same history gives the same forecast")
    func learnsAndIsDeterministic() throws {
        let values = SeriesFixtures.noisyDaily(count: 24 * 20, seed: 8)
        let history = ForecastHistory(values: Array(values.prefix(24 * 19)), step: 3_600, season: 24)
        let actual = Array(values.suffix(24))
        let a = try GRUForecaster().forecast(history, horizon: 24)
        let b = try GRUForecaster().forecast(history, horizon: 24)
        #expect(a.values == b.values)
        let mean = history.values.reduce(0, +) / Double(history.values.count)
        func rmse(_ f: [Double]) -> Double { (zip(f, actual).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 24).squareRoot() }
        #expect(rmse(a.values) < 0.5 * rmse([Double](repeating: mean, count: 24)), "GRU \(rmse(a.values))")
    }
}
