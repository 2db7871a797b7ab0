import ArgumentParser
import Foundation
import SentinelFeatures
import SentinelStore
import SentinelTestSupport

/// `sentinel-bench store`: how fast N simulated sensors write into one store, each on its own
/// connection and thread, as a fleet of sentinels does: windows (with their load point) per
/// second and incident evidence cycles (join, then leave) per second, and the bytes a stored
/// window and its load point take, from which the growth per sensor-day follows.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Windows/s and incidents/s written by N simulated sensors into one store, and bytes per stored window.",
        discussion: """
            postgres starts a throwaway cluster (initdb in a temporary folder, on 127.0.0.1, fsync off)
            and needs PostgreSQL's binaries (apt-get install postgresql); sqlite shares one file.
            """)

    @Option(help: "Sensor counts, comma-separated.") var sensors = "1,4,16"
    @Option(help: "Seconds each measurement writes.") var seconds = 5.0
    @Option(help: "postgres or sqlite.") var engine = "postgres"
    @Option(help: "Windows written to measure the bytes a window takes.") var sizeWindows = 3_000

    func run() throws {
        let counts = sensors.split(separator: ",").compactMap { Int($0) }
        guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else { throw ValidationError("--sensors: positive counts, e.g. 1,4,16") }
        let stores = try StoreBench(engine: engine)
        defer { stores.stop() }
        print("engine \(engine), \(seconds) s per measurement, one connection and thread per sensor")
        for count in counts {
            let windows = try Self.measure(sensors: count, seconds: seconds, open: try stores.fresh()) { store, sensor, i in
                try Self.writeWindow(store, sensor: sensor, index: i)
            }
            let incidents = try Self.measure(sensors: count, seconds: seconds, open: try stores.fresh()) { store, sensor, i in
                try Self.incidentCycle(store, sensor: sensor, index: i)
            }
            print(
                String(
                    format: "sensors %2d: windows %7.0f/s (%5.0f per sensor)  incident joins+leaves %6.0f/s", count, windows,
                    windows / Double(count), incidents))
        }
        let open = try stores.fresh()
        let store = try open()
        let before = stores.bytes()
        for i in 0..<sizeWindows { try Self.writeWindow(store, sensor: "gw-size", index: i) }
        let perWindow = Double(stores.bytes() - before) / Double(sizeWindows)
        print(String(format: "bytes per stored window with its load point: %.0f (%d windows)", perWindow, sizeWindows))
        print(
            String(
                format: "per sensor-day at one 1 s window per source: %.1f MB per source (86,400 windows)",
                perWindow * 86_400 / 1_000_000))
    }

    /// One window as `sentinel run` stores it: the row with every feature and probability, and
    /// its load point with the legitimate load in it.
    static func writeWindow(_ store: any StoreBackend, sensor: String, index: Int) throws {
        let start = 1_800_000_000 + Double(index)
        var features: [String: Double] = [:]
        for feature in WindowFeature.allCases { features[feature.name] = Double(index % 97) * 1.5 + Double(feature.rawValue) }
        let probabilities = [
            "normal": 0.9, "syn_flood": 0.04, "udp_flood": 0.02, "icmp_flood": 0.01, "port_scan": 0.01, "http_flood": 0.01,
        ]
        try store.insert(
            StoredWindow(
                start: start, end: start + 1, packets: 1_000 + index % 500, features: features, verdict: "normal", confidence: 0.9,
                probabilities: probabilities, source: "eth0", sensor: sensor))
        let load = Double(1_000 + index % 500)
        try store.appendLoad(series: "packets_per_s:eth0", time: start, value: load, sensor: sensor, legitimate: load)
    }

    /// A sensor joins incident `index` (opened by the first sensor to get there, joined by the
    /// others) and leaves it; the last to leave resolves it.
    static func incidentCycle(_ store: any StoreBackend, sensor: String, index: Int) throws {
        let time = 1_800_000_000 + Double(index)
        let joined = try store.joinIncident(
            StoredIncident(
                id: "\(sensor)-\(index)", className: "syn_flood", target: "eth0#\(index)", opened: time, windows: 3, peakConfidence: 0.95,
                topOffenders: ["203.0.113.7", "203.0.113.9"], sensor: sensor))
        _ = try store.leaveIncident(
            IncidentEvidence(
                incidentID: joined.id, sensor: sensor, firstSeen: time, windows: 3, peakConfidence: 0.95,
                topOffenders: ["203.0.113.7"], resolved: time + 5))
    }

    /// Runs `body` on `sensors` threads, each with its own store, for `seconds`; returns calls per second.
    static func measure(
        sensors: Int, seconds: Double, open: @escaping () throws -> any StoreBackend,
        body: @escaping @Sendable (any StoreBackend, String, Int) throws -> Void
    ) throws -> Double {
        let connections = try (0..<sensors).map { _ in try open() }
        let done = DispatchGroup()
        let counts = Counts(sensors)
        let start = Measure.now()
        for (n, store) in connections.enumerated() {
            done.enter()
            let thread = Thread {
                var i = 0
                do {
                    while Measure.now() - start < seconds {
                        try body(store, "gw-\(n)", i)
                        i += 1
                    }
                } catch {
                    counts.fail("\(error)")
                }
                counts.set(n, i)
                done.leave()
            }
            thread.start()
        }
        done.wait()
        if let failure = counts.failure { throw ValidationError("a sensor failed: \(failure)") }
        return Double(counts.total) / (Measure.now() - start)
    }
}
