import SentinelForecast
import Testing

@Suite("Holt-Winters kept current point by point")
struct OnlineHoltWintersTests {
    @Test("right after the fit it forecasts what the batch method forecasts")
    func matchesBatchAtFit() throws {
        let y = SeriesFixtures.noisyDaily(count: 24 * 10, seed: 3)
        let online = try OnlineHoltWinters(history: y, season: 24, horizon: 6)
        let batch = try HoltWinters().forecast(ForecastHistory(values: y, step: 3_600, season: 24), horizon: 6)
        for (a, b) in zip(online.forecast(6), batch.values) { #expect(abs(a - b) < 1e-6 * max(1, abs(b))) }
    }

    @Test("new points move the forecast without a refit, and a changed series is reported as drift")
    func followsAndDrifts() throws {
        let y = SeriesFixtures.noisyDaily(count: 24 * 10, seed: 4)
        var online = try OnlineHoltWinters(history: y, season: 24, horizon: 1)
        let more = SeriesFixtures.noisyDaily(count: 24 * 12, seed: 4).suffix(48)
        for value in more { online.append(value) }
        #expect(online.appendedSinceFit == 48)
        #expect(!online.hasDrifted)
        let before = online.forecast(1)[0]
        for _ in 0..<30 { online.append(before * 3) }
        #expect(online.hasDrifted)
        #expect(online.forecast(1)[0] > 1.2 * before)
    }
}
