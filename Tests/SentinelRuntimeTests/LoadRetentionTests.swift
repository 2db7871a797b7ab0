import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

@testable import SentinelRuntime

/// Load points are history the planner and `forecast --db` read: kept `load_retention_days`,
/// longer than windows, and then deleted, so the store does not grow without bound.
@Suite("Load points' retention")
struct LoadRetentionTests {
    @Test("points older than load_retention_days are purged, newer ones kept; windows keep their own retention")
    func purgesOldLoad() throws {
        try TemporaryDirectory.with { directory in
            let database = try SentinelDatabase(path: directory.file("s.db"))
            let configuration = try SentinelConfiguration.parse(
                "sentinel: { host: gw-a, retention_hours: 1, load_retention_days: 2 }\ncapture: { interfaces: [] }\n", path: "c.yaml")
            #expect(configuration.sentinel.loadRetentionDays == 2)
            let runtime = try SentinelRuntime(
                configuration: configuration, detector: nil, database: database, webhooks: [], host: "gw-a", modelName: "none")
            let now = 10_000_000.0
            for daysAgo in [3.0, 1.5, 0.1] {
                try database.appendLoad(series: "eth0", time: now - daysAgo * 86_400, value: 100, sensor: "gw-a")
            }
            runtime.purge(now: now)
            let kept = try database.loadSeries(name: "eth0", from: 0, to: now, sensor: nil)
            #expect(kept.map(\.time) == [now - 1.5 * 86_400, now - 0.1 * 86_400], "the 3-day-old point goes, the others stay")
        }
    }

    @Test("the default keeps five weeks")
    func defaultKeepsFiveWeeks() throws {
        let configuration = try SentinelConfiguration.parse("capture: { interfaces: [] }\n", path: "c.yaml")
        #expect(configuration.sentinel.loadRetentionDays == 35)
    }
}
