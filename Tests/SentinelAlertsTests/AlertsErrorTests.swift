import SentinelAlerts
import Testing

@Suite("Alert errors")
struct AlertsErrorTests {
    @Test("errors say what failed")
    func describe() {
        #expect(
            AlertsError.delivery(url: "http://127.0.0.1:9/h", reason: "refused").description
                == "http://127.0.0.1:9/h: delivery failed: refused")
    }
}
