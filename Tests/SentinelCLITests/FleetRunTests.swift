import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

/// Two `sentinel run` processes on one PostgreSQL store (a private cluster on loopback), each
/// tailing its own access log: one plans, the other takes over when it is killed.
@Suite("sentinel run: a fleet on one PostgreSQL store", .serialized)
struct FleetRunTests {
    static func config(host: String, store: String, log: String, httpPort: UInt16) -> String {
        """
        sentinel:
          host: \(host)
          window: 1
          store: \(store)
          leader_lease_seconds: 5
        capture:
          interfaces: []
        logs:
          - { path: \(log), format: combined }
        planner:
          mode: dry-run
          source: \(log)
          method: hw
          season: 1
          scale: { target: web, capacity_per_replica: 200, min_replicas: 2, max_replicas: 20, horizon: 30 }
        http:
          listen: "127.0.0.1:\(httpPort)"
        """
    }

    /// `sentinel_planner_leader` on the sentinel at `port`, or nil before it has planned.
    static func leader(_ port: UInt16) -> Int? {
        guard let page = RunCommandTests.fetch("http://127.0.0.1:\(port)/metrics"), page.status == 200 else { return nil }
        for line in page.body.split(separator: "\n") where line.hasPrefix("sentinel_planner_leader ") {
            return Int(line.split(separator: " ").last ?? "")
        }
        return nil
    }

    @Test("two sentinels elect one planner; the leader is SIGKILLed and the other leads within the lease", .needsPostgres)
    func takeover() throws {
        try PostgresCluster.withDatabase { cluster, url in
            try TemporaryDirectory.with { directory in
                var pids: [String: pid_t] = [:]
                var ports: [String: UInt16] = [:]
                defer { ChildProcess.killAndReap(pids.values) }
                for name in ["gw-a", "gw-b"] {
                    let log = directory.emptyFile("\(name).log")
                    let port = try RunLogTests.freePort()
                    ports[name] = port
                    let config = try directory.write(Self.config(host: name, store: url, log: log, httpPort: port), to: "\(name).yaml")
                    pids[name] = try SentinelProcess.startRun(
                        config: config, seconds: 60,
                        environment: [StorePassword.environmentVariable: PostgresCluster.password],
                        outputPath: directory.file("\(name).out"))
                    // Traffic in its log while the test runs (bounded: 25 s).
                    DispatchQueue.global().async { try? LiveAccessLog(path: log).play([.init(seconds: 25)]) }
                }
                func output(_ name: String) -> String {
                    (try? String(contentsOfFile: directory.file("\(name).out"), encoding: .utf8)) ?? ""
                }

                // Both plan-capable sentinels come up; exactly one of them plans, and it stays so.
                var leader: String?
                var checks = 0
                let deadline = Date().addingTimeInterval(30)
                while Date() < deadline, checks < 10 {
                    let roles = ports.mapValues { Self.leader($0) }
                    if roles.values.allSatisfy({ $0 != nil }) {
                        let leading = roles.filter { $0.value == 1 }.map(\.key)
                        #expect(leading.count == 1, "planners at once: \(roles)")
                        if leading.count == 1 {
                            #expect(leader == nil || leader == leading[0], "the role moved without a failure")
                            leader = leading[0]
                            checks += 1
                        }
                    }
                    usleep(300_000)
                }
                let elected = try #require(leader, "no planner elected: \(output("gw-a")) \(output("gw-b"))")
                let follower = elected == "gw-a" ? "gw-b" : "gw-a"

                // The leader dies without a word: the other leads within the 5 s lease.
                let killed = Date()
                kill(pids[elected]!, SIGKILL)
                _ = ChildProcess.wait(pids[elected]!)
                pids[elected] = nil
                var tookOver: Double?
                while Date().timeIntervalSince(killed) < 15 {
                    if Self.leader(ports[follower]!) == 1 {
                        tookOver = Date().timeIntervalSince(killed)
                        break
                    }
                    usleep(200_000)
                }
                let seconds = try #require(tookOver, "\(follower) never took over: \(output(follower))")
                // Within the lease (5 s) plus a window and some slack for a loaded machine.
                #expect(seconds <= 5 + 3, "took \(seconds) s")

                // A clean stop gives the lease up; both sentinels' windows are in the store under their names.
                kill(pids[follower]!, SIGTERM)
                #expect(ChildProcess.wait(pids[follower]!) == 0, "\(output(follower))")
                pids[follower] = nil
                let store = try PostgresStore(url: try PostgresStoreURL(url), password: PostgresCluster.password)
                #expect(try store.leaseHolder("planner", now: Date().timeIntervalSince1970) == nil)
                let sensors = Set(try store.windows(from: 0, to: .greatestFiniteMagnitude).map(\.sensor))
                #expect(sensors == ["gw-a", "gw-b"])
            }
        }
    }

    @Test("one attack seen by two sentinels is one incident with both sensors' evidence, and one alert per event", .needsPostgres)
    func oneIncident() throws {
        try PostgresCluster.withDatabase { cluster, url in
            try TemporaryDirectory.with { directory in
                let receiver = try WebhookReceiver()
                defer { receiver.stop() }
                // Both gateways' sentinels read the same service's access log: the same target.
                let log = directory.emptyFile("access.log")
                var pids: [String: pid_t] = [:]
                defer { ChildProcess.killAndReap(pids.values) }
                for name in ["gw-a", "gw-b"] {
                    let text =
                        RunLogTests.config(store: url, log: log, receiverPort: receiver.port, httpPort: try RunLogTests.freePort())
                        .replacingOccurrences(of: "sentinel:\n", with: "sentinel:\n  host: \(name)\n")
                    let config = try directory.write(text, to: "\(name).yaml")
                    pids[name] = try SentinelProcess.startRun(
                        config: config, seconds: 60,
                        environment: [
                            StorePassword.environmentVariable: PostgresCluster.password, "SENTINEL_RUN_LOG_SECRET": RunLogTests.secret,
                        ],
                        outputPath: directory.file("\(name).out"))
                }
                sleep(3)
                try LiveAccessLog(path: log).play(RunLogTests.spike)
                sleep(3)
                for (name, pid) in pids {
                    kill(pid, SIGTERM)
                    let output = (try? String(contentsOfFile: directory.file("\(name).out"), encoding: .utf8)) ?? ""
                    #expect(ChildProcess.wait(pid) == 0, "\(output)")
                }
                pids = [:]

                let store = try PostgresStore(url: try PostgresStoreURL(url), password: PostgresCluster.password)
                let incidents = try store.recentIncidents(limit: 10)
                #expect(incidents.count == 1, "\(incidents)")
                let incident = try #require(incidents.first)
                #expect(incident.className == "error_spike" && incident.target == log && !incident.isOpen)
                let evidence = try store.incidentEvidence(id: incident.id)
                #expect(Set(evidence.map(\.sensor)) == ["gw-a", "gw-b"], "\(evidence)")
                #expect(incident.windows == evidence.map(\.windows).reduce(0, +))
                // `sentinel incidents` reads the shared store and shows what each sensor saw.
                let listing = directory.file("incidents.json")
                let lister = try ChildProcess.start(
                    SentinelProcess.executable, ["incidents", "--db", url, "--format", "json"],
                    environment: [StorePassword.environmentVariable: PostgresCluster.password], outputPath: listing)
                #expect(ChildProcess.wait(lister) == 0)
                let json = try JSONObject.read(file: listing)
                let listed = try #require((json?["incidents"] as? [[String: Any]])?.first)
                #expect(listed["id"] as? String == incident.id)
                #expect(Set(((listed["sensors"] as? [[String: Any]]) ?? []).compactMap { $0["sensor"] as? String }) == ["gw-a", "gw-b"])
                let ids = receiver.requests.compactMap { $0.headers["webhook-id"] }
                #expect(ids.sorted() == ["\(incident.id):opened", "\(incident.id):resolved"], "\(ids)")
            }
        }
    }

    @Test("the database restarted under a running sentinel: writes wait in a bounded buffer, no window is lost", .needsPostgres)
    func databaseRestart() throws {
        try PostgresCluster.withDatabase { cluster, url in
            try TemporaryDirectory.with { directory in
                let log = directory.emptyFile("access.log")
                let port = try RunLogTests.freePort()
                let config = directory.file("gw.yaml")
                try """
                sentinel:
                  host: gw-a
                  store: \(url)
                logs:
                  - { path: \(log), format: combined }
                http:
                  listen: "127.0.0.1:\(port)"
                """.write(toFile: config, atomically: true, encoding: .utf8)
                let output = directory.file("gw.out")
                let pid = try SentinelProcess.startRun(
                    config: config, seconds: 60,
                    environment: [StorePassword.environmentVariable: PostgresCluster.password], outputPath: output)
                defer { ChildProcess.killAndReap([pid]) }
                let traffic = DispatchGroup()
                traffic.enter()
                DispatchQueue.global().async {
                    try? LiveAccessLog(path: log).play([.init(seconds: 16)])
                    traffic.leave()
                }
                sleep(4)
                try cluster.pause()
                sleep(4)
                let during = RunCommandTests.fetch("http://127.0.0.1:\(port)/metrics")?.body ?? ""
                try cluster.resume()
                traffic.wait()
                sleep(3)
                kill(pid, SIGTERM)
                #expect(ChildProcess.wait(pid) == 0)
                let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                let buffered = during.split(separator: "\n").first { $0.hasPrefix("sentinel_store_buffered_writes ") }
                #expect((buffered.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0) > 0, "\(during)")
                #expect(!printed.contains("store writes lost"), "\(printed)")
                // The operator saw the outage and the recovery, one line each.
                #expect(printed.components(separatedBy: " error store unreachable: buffering its writes").count == 2, "\(printed)")
                #expect(printed.components(separatedBy: " notice store reachable again: buffered writes written").count == 2, "\(printed)")
                // Every window the sentinel classified is in the store.
                let classified = printed.split(separator: "\n").first { $0.contains("windows \(log):") }
                let count = try #require(classified.flatMap { Int($0.split(separator: " ").last ?? "") }, "\(printed)")
                let store = try PostgresStore(url: try PostgresStoreURL(url), password: PostgresCluster.password)
                #expect(try store.windows(from: 0, to: .greatestFiniteMagnitude).count == count)
            }
        }
    }
}
