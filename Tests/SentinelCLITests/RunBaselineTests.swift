import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `sentinel run` keeps the site baseline it learns live in the store, so a restart resumes
/// judging windows against the site's normal instead of learning it again.
@Suite("sentinel run: site baseline across restarts", .serialized, .enabled(if: getuid() == 0, "live capture needs root (or CAP_NET_RAW)"))
struct RunBaselineTests {
    static func config(store: String, port: UInt16, httpPort: UInt16) -> String {
        """
        http:
          listen: "127.0.0.1:\(httpPort)"
        sentinel:
          window: 1
          store: \(store)
          host: gw-test
        capture:
          interfaces: [lo]
          filter: "udp port \(port)"
        baseline:
          warmup: 3
        """
    }

    @Test("the baseline learnt before a stop is in the store and is resumed by the next start")
    func resumedAfterRestart() throws {
        try TemporaryDirectory.with { dir in
            let port = try LoopbackPort.free()
            let store = dir.file("sentinel.db"), configPath = dir.file("sentinel.yaml")
            try Self.config(store: store, port: port, httpPort: try LoopbackPort.free())
                .write(toFile: configPath, atomically: true, encoding: .utf8)
            let first = try SentinelProcess.run(
                ["run", "--config", configPath], timeout: 40,
                whileRunning: { process in
                    sleep(1)
                    WatchCommandTests.sendUDP(port: port, count: 600)  // ~6 s at 100/s
                    sleep(1)
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(first.status == 0, "\(first.stderr)")
            #expect(!first.stdout.contains("site baselines resumed"), "\(first.stdout)")
            let stored = try #require(
                try SentinelDatabase(path: store, readOnly: true).baseline(sensor: "gw-test", source: "packets:lo"),
                "no baseline stored; \(first.stdout)")
            let file = try #require(try JSONSerialization.jsonObject(with: Data(stored.body.utf8)) as? [String: Any])
            #expect(file["format"] as? String == "sentinel-site-baseline" && file["kind"] as? String == "packets")
            #expect(file["sources"] as? [String] == ["lo"])
            let tracks = try #require((file["baseline"] as? [String: Any])?["tracks"] as? [String: [String: Any]])
            let counts = tracks.values.compactMap { $0["count"] as? Int }
            #expect(
                !counts.isEmpty && counts.allSatisfy { $0 >= 3 }, "the stored baseline has not learnt the warm-up's 3 windows: \(counts)")

            let second = try SentinelProcess.run(
                ["run", "--config", configPath], timeout: 40,
                whileRunning: { process in
                    sleep(1)
                    WatchCommandTests.sendUDP(port: port, count: 200)
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("site baselines resumed from the store: 1"), "\(second.stdout)")
        }
    }
}
