import SentinelCapture
import SentinelFeatures
import SentinelTestSupport
import Testing

/// The last ten windows' requesters: a bot that asks no more in a second than the busiest
/// visitor does stands out over ten, and so do many bots each asking a little; the ten windows'
/// request rate follows a rise that lasts.
@Suite struct TrailingRequestersTests {
    /// Four new visitors a second (3, 2, 2 and 2 requests) and, while `botUntil` has not passed,
    /// one bot asking twice a second from the same address, for `seconds` seconds.
    static func quietSite(seconds: Int, botUntil: Int) -> Pipeline {
        let p = Pipeline()
        for second in 0..<seconds {
            let start = 100.1 + Double(second)
            for n in 0..<4 {
                let client = "10.\(second / 200).\(second % 200).\(n + 1)"
                RequestFeaturesTests.connection(p, client: client, port: 40_000, requests: n == 0 ? 3 : 2, at: start + Double(n) * 0.1)
            }
            if second < botUntil {
                RequestFeaturesTests.connection(p, client: "192.0.2.7", port: UInt16(50_000 + second), requests: 2, at: start + 0.5)
            }
        }
        p.finish()
        return p
    }

    @Test("a bot asking as often as a visitor is not the busiest in its second, but is over ten")
    func oneBotStandsOutOverTenWindows() throws {
        let p = Self.quietSite(seconds: 30, botUntil: 15)
        let first = p.windows[0].features
        #expect(first[.topSourceRequestShare] == 3.0 / 11, "the busiest visitor, not the bot")
        #expect(first[.trailingTopRequesterRate] == 0.3, "one window held: the busiest visitor's 3 requests over the span")
        #expect(first[.trailingRequesters] == 5)

        let tenth = p.windows[9].features
        #expect(tenth[.topSourceRequestShare] == 3.0 / 11)
        #expect(tenth[.trailingTopRequesterRate] == 2, "the bot: 20 requests in 10 s")
        #expect(tenth[.trailingTopRequesterShare] == 20.0 / 110)
        #expect(tenth[.trailingRequesters] == 41, "40 visitors and the bot")

        // Ten windows after the bot's last request, it is forgotten.
        let after = p.windows[24].features
        #expect(after[.trailingTopRequesterRate] == 0.3, "a visitor's 3 requests over 10 s")
        #expect(after[.trailingTopRequesterShare] == 3.0 / 90)
        #expect(after[.trailingRequesters] == 40)
    }

    @Test("ten windows' request rate follows a rise that lasts, and at the start is over the windows held")
    func theRequestRateOverTenWindows() throws {
        let p = Self.quietSite(seconds: 30, botUntil: 15)
        #expect(p.windows[0].features[.trailingRequestRate] == 11, "one window held: its 11 requests, not a tenth of them")
        #expect(p.windows[4].features[.trailingRequestRate] == 11, "five windows held")
        #expect(p.windows[9].features[.trailingRequestRate] == 11, "110 requests in 10 s")
        #expect(p.windows[14].features[.trailingRequestRate] == 11)
        #expect(p.windows[19].features[.trailingRequestRate] == 10, "the bot's last 5 s: 100 requests in 10 s")
        #expect(p.windows[24].features[.trailingRequestRate] == 9, "the visitors alone")
    }
}
