import Foundation
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 16's remaining silent losses, with the faults made real: a full filesystem under
/// the store (a 3 MiB tmpfs, root only), a receiver that never answers at SIGTERM, a log
/// readable only through a supplementary group, an endpoint opened to the network.
@Suite("Outages (issue 16)", .serialized)
struct OutageTests {
    /// The value of the first `/metrics` line starting with `name`.
    static func metric(_ body: String?, _ name: String) -> Double? {
        body?.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    /// Fills the filesystem holding `folder` with one file, `folder/filler`, until it is full.
    static func fill(_ folder: String) {
        guard let file = fopen(folder + "/filler", "w") else { return }
        defer { fclose(file) }
        let chunk = [UInt8](repeating: 0x5a, count: 4096)
        while fwrite(chunk, 1, chunk.count, file) == chunk.count {}
        fflush(file)
    }

    @Test(
        "a full disk under the store: the incident and its alerts wait in memory, told at once, stored and sent later",
        .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func diskFull() throws {
        try TemporaryDirectory.with { dir in
            let storeFolder = dir.file("store")
            try FileManager.default.createDirectory(atPath: storeFolder, withIntermediateDirectories: true)
            let mounted = "size=3m".withCString { mount("tmpfs", storeFolder, "tmpfs", 0, $0) }
            try #require(mounted == 0, "cannot mount a tmpfs: \(String(cString: strerror(errno)))")
            defer { umount2(storeFolder, 2) }  // MNT_DETACH
            let log = dir.emptyFile("access.log")
            let receiver = try WebhookReceiver()
            defer { receiver.stop() }
            let httpPort = try RunLogTests.freePort()
            let config = dir.file("sentinel.yaml")
            let store = storeFolder + "/sentinel.db"
            try RunLogTests.config(store: store, log: log, receiverPort: receiver.port, httpPort: httpPort)
                .write(toFile: config, atomically: true, encoding: .utf8)
            setenv("SENTINEL_RUN_LOG_SECRET", RunLogTests.secret, 1)
            let full = FetchBox(), recovered = FetchBox()
            let alertsWhileFull = FetchBox()
            let result = try SentinelProcess.run(
                ["run", "--config", config], timeout: 90,
                whileRunning: { process in
                    for _ in 0..<50 where RunCommandTests.fetch("http://127.0.0.1:\(httpPort)/healthz") == nil { usleep(100_000) }
                    Self.fill(storeFolder)
                    try? LiveAccessLog(path: log).play(RunLogTests.spike)
                    // Until the first write has failed and waits (at once in a normal build; a few
                    // seconds later under a sanitizer), for up to 20 s.
                    let deadline = Date().addingTimeInterval(20)
                    repeat {
                        full.result = RunCommandTests.fetch("http://127.0.0.1:\(httpPort)/metrics")
                        if (Self.metric(full.result?.body, "sentinel_store_buffered_writes ") ?? 0) > 0 { break }
                        usleep(250_000)
                    } while Date() < deadline
                    alertsWhileFull.result = (receiver.requests.count, "")
                    unlink(storeFolder + "/filler")
                    // Tried again every 5 s: within 7 s of space returning, everything is written.
                    sleep(8)
                    recovered.result = RunCommandTests.fetch("http://127.0.0.1:\(httpPort)/metrics")
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("incidents opened 1"), "\(result.stdout)")
            // Told while it happened, not only in the summary at the stop.
            #expect(result.stderr.contains("cannot write to the database for now"), "\(result.stderr)")
            #expect(result.stderr.contains("store reachable again: buffered writes written"), "\(result.stderr)")
            let buffered = Self.metric(full.result?.body, "sentinel_store_buffered_writes")
            #expect((buffered ?? 0) > 0, "nothing buffered while the disk was full: \(full.result?.body ?? "no /metrics")")
            #expect(alertsWhileFull.result?.status == 0, "an alert left before its incident was stored")
            #expect(Self.metric(recovered.result?.body, "sentinel_store_buffered_writes") == 0)
            #expect(Self.metric(recovered.result?.body, "sentinel_store_writes_dropped_total") == 0)
            let incidents = try SentinelProcess.run(["incidents", "--db", store, "--format", "json"])
            let document = try incidents.json()
            #expect((document?["incidents"] as? [Any])?.count == 1, "\(incidents.stdout)")
            let ids = receiver.requests.compactMap { $0.headers["webhook-id"] }
            #expect(ids.contains { $0.hasSuffix(":opened") }, "\(ids)")
        }
    }

    @Test("SIGTERM while the receiver hangs: the sentinel stops within its 20 s budget, the alert kept for the next start")
    func hungReceiverAtStop() throws {
        try TemporaryDirectory.with { dir in
            let log = dir.emptyFile("access.log")
            let port = try RunLogTests.freePort()
            let config = dir.file("sentinel.yaml")
            // A 60 s webhook timeout: the stop used to wait for it twice over (and for the enforcer).
            try RunLogTests.config(
                store: dir.file("sentinel.db"), log: log, receiverPort: port, httpPort: try RunLogTests.freePort(), timeout: 60
            )
            .write(toFile: config, atomically: true, encoding: .utf8)
            setenv("SENTINEL_RUN_LOG_SECRET", RunLogTests.secret, 1)
            let hung = try WebhookReceiver(port: port, responseDelay: 120)
            defer { hung.stop() }
            let stopped = FetchBox()
            let result = try SentinelProcess.run(
                ["run", "--config", config], timeout: 120,
                whileRunning: { process in
                    sleep(1)
                    try? LiveAccessLog(path: log).play(RunLogTests.spike)
                    hung.waitForFirstRequest()
                    stopped.result = (0, "\(Date().timeIntervalSince1970)")
                    kill(process.processIdentifier, SIGTERM)
                })
            let seconds = Date().timeIntervalSince1970 - (Double(stopped.result?.body ?? "") ?? 0)
            #expect(!hung.requests.isEmpty, "the alert never reached the receiver")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(seconds < 25, "the stop took \(seconds) s (systemd kills at 30)")
            let alerts = try SentinelProcess.run(["alerts", "--db", dir.file("sentinel.db"), "--format", "json"])
            let document = try alerts.json()
            #expect((document?["undelivered"] as? Int ?? 0) >= 1, "the alert must wait in the outbox: \(alerts.stdout)")
        }
    }

    @Test(
        "a log readable through a supplementary group is still read after the privilege drop",
        .enabled(if: getuid() == 0 && getpwnam("postgres") != nil && getgrnam("ssl-cert") != nil, "root, and postgres in ssl-cert"))
    func supplementaryGroups() throws {
        try TemporaryDirectory.with { dir in
            chmod(dir.path, 0o755)
            let log = dir.emptyFile("access.log")
            // root:ssl-cert 0640, the way /var/log/nginx/access.log is root:adm 0640 on Debian.
            chown(log, 0, getgrnam("ssl-cert")!.pointee.gr_gid)
            chmod(log, 0o640)
            let storeFolder = dir.file("store")
            try FileManager.default.createDirectory(atPath: storeFolder, withIntermediateDirectories: true)
            let config = dir.file("sentinel.yaml")
            let httpPort = try RunLogTests.freePort()
            let base = LossRegressionTests.config(store: storeFolder + "/sentinel.db", log: log, httpPort: httpPort)
            // A first short run as root creates the store; then it is the service user's, as the package makes it.
            try base.write(toFile: config, atomically: true, encoding: .utf8)
            let created = try SentinelProcess.run(["run", "--config", config, "--duration", "1"], timeout: 30)
            #expect(created.status == 0, "\(created.stderr)")
            let postgres = getpwnam("postgres")!.pointee
            for name in (try FileManager.default.contentsOfDirectory(atPath: storeFolder)) + [""] {
                chown(storeFolder + "/" + name, postgres.pw_uid, postgres.pw_gid)
            }
            try (base + "\nprivileges:\n  user: postgres\n").write(toFile: config, atomically: true, encoding: .utf8)
            let result = try SentinelProcess.run(
                ["run", "--config", config], timeout: 40,
                whileRunning: { process in
                    sleep(1)
                    try? LiveAccessLog(path: log).play([.init(seconds: 3)])
                    sleep(1)
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").first { $0.contains("log lines") }
            #expect(lines.flatMap { Int($0.split(separator: " ")[2].filter(\.isNumber)) } ?? 0 >= 40, "\(result.stdout)")
            #expect(!result.stdout.contains("ermission denied"), "\(result.stdout)")
        }
    }

    @Test("http.listen off loopback without a token: the start is refused, saying what to set")
    func unprotectedEndpoint() throws {
        try TemporaryDirectory.with { dir in
            let log = dir.emptyFile("access.log")
            let config = dir.file("sentinel.yaml")
            let port = try RunLogTests.freePort()
            try LossRegressionTests.config(store: dir.file("sentinel.db"), log: log, httpPort: port, listen: "0.0.0.0:\(port)")
                .write(toFile: config, atomically: true, encoding: .utf8)
            let refused = try SentinelProcess.run(["run", "--config", config, "--duration", "1"], timeout: 30)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("http.token_env or http.token_file"), "\(refused.stderr)")
            let checked = try SentinelProcess.run(["rules", "check", config], timeout: 30)
            #expect(
                checked.status != 0 && (checked.stdout + checked.stderr).contains("http.token_env"), "\(checked.stdout)\n\(checked.stderr)")
            // With a token in the environment it starts, and /metrics wants it.
            try LossRegressionTests.config(store: dir.file("sentinel.db"), log: log, httpPort: port, listen: "0.0.0.0:\(port)")
                .replacingOccurrences(
                    of: "listen: \"0.0.0.0:\(port)\"", with: "listen: \"0.0.0.0:\(port)\"\n  token_env: SENTINEL_TEST_HTTP_TOKEN"
                )
                .write(toFile: config, atomically: true, encoding: .utf8)
            let unauthorised = FetchBox()
            let started = try SentinelProcess.run(
                ["run", "--config", config], timeout: 30, environment: ["SENTINEL_TEST_HTTP_TOKEN": "a-long-enough-test-token"],
                whileRunning: { process in
                    for _ in 0..<50 where RunCommandTests.fetch("http://127.0.0.1:\(port)/healthz") == nil { usleep(100_000) }
                    unauthorised.result = RunCommandTests.fetch("http://127.0.0.1:\(port)/metrics")
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(started.status == 0, "\(started.stderr)")
            #expect(unauthorised.result?.status == 401)
        }
    }
}
