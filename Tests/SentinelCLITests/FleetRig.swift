import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

/// What a fleet test runs in: a temporary folder holding the service's access log (which every
/// sentinel tails), two webhook receivers (`soc` and `noc` in ``FleetTrioTests/config``), and
/// the `sentinel run` processes it starts; ``close()`` kills what still runs and removes it all.
final class FleetRig {
    /// The folder: configurations, outputs, exec gateways' files.
    let directory = TemporaryDirectory()
    /// The webhooks `soc` and `noc`.
    let receivers: [WebhookReceiver]
    /// The access log.
    let log: String
    /// Each running sentinel's process id, by sensor name.
    var pids: [String: pid_t] = [:]
    /// Each sentinel's HTTP port, by sensor name.
    var ports: [String: UInt16] = [:]

    /// Creates the folder, the empty log and the receivers.
    /// - Throws: when a receiver cannot listen.
    init() throws {
        receivers = [try WebhookReceiver(), try WebhookReceiver()]
        log = directory.emptyFile("access.log")
    }

    /// What sentinel `name` printed (standard output and error).
    func output(_ name: String) -> String {
        (try? String(contentsOfFile: directory.file("\(name).out"), encoding: .utf8)) ?? ""
    }

    /// The file sentinel `name`'s exec gateway appends its actions to (`.scale` beside it for scaling).
    func gateway(_ name: String) -> String { directory.file("\(name)-sources.jsonl") }

    /// Starts `sentinel run` for each of `sensors` on the store at `url`, each with its own
    /// HTTP port, exec gateway and output, for `duration` seconds, and waits until every one
    /// answers on `/metrics`. `storeBuffer` gives some sensors a `store_buffer_writes` of their own.
    func start(_ sensors: [String], store url: String, duration: Int, storeBuffer: [String: Int] = [:]) throws {
        for name in sensors {
            let port = try RunLogTests.freePort()
            ports[name] = port
            let config = try directory.write(
                FleetTrioTests.config(
                    host: name, sensors: sensors.count, store: url, log: log, httpPort: port, receivers: receivers.map(\.port),
                    gateway: gateway(name), storeBuffer: storeBuffer[name] ?? 100_000
                ), to: "\(name).yaml")
            pids[name] = try SentinelProcess.startRun(
                config: config, seconds: duration,
                environment: [StorePassword.environmentVariable: PostgresCluster.password, "SENTINEL_RUN_LOG_SECRET": RunLogTests.secret],
                outputPath: directory.file("\(name).out"))
        }
        let started = ports
        let up = FleetTrioTests.wait(15) {
            started.values.allSatisfy { RunCommandTests.fetch("http://127.0.0.1:\($0)/metrics")?.status == 200 }
        }
        try #require(up, "not all came up: \(sensors.map(output))")
    }

    /// Writes `phases` of traffic from 198.51.0.1-40 to the log in the background; the group is
    /// left when they are written.
    func play(_ phases: [LiveAccessLog.Phase]) -> DispatchGroup {
        let traffic = DispatchGroup()
        traffic.enter()
        let log = log
        DispatchQueue.global().async {
            try? LiveAccessLog(path: log, clients: "198.51").play(phases)
            traffic.leave()
        }
        return traffic
    }

    /// Kills the sentinels still running, stops the receivers and removes the folder.
    func close() {
        ChildProcess.killAndReap(pids.values)
        pids = [:]
        for receiver in receivers { receiver.stop() }
        directory.remove()
    }
}
