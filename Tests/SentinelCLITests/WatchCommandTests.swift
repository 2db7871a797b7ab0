import Foundation
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Live capture on loopback only; every test stops by itself within seconds.
@Suite("sentinel watch", .enabled(if: getuid() == 0, "live capture needs root (or CAP_NET_RAW)"))
struct WatchCommandTests {
    /// Sends `count` UDP datagrams of 64 bytes to 127.0.0.1:`port`, 10 ms apart.
    static func sendUDP(port: UInt16, count: Int) {
        LoopbackSocket.sendDatagrams(port: port, count: count, size: 64, pause: 10_000)
    }

    @Test("captures loopback traffic, prints a JSON line per window and drop counts, stops after --duration")
    func capturesLoopback() throws {
        let result = try SentinelProcess.run(
            [
                "watch", "--interface", "lo", "--filter", "udp port 47999", "--duration", "3",
                "--format", "json", "--stats-interval", "1",
            ], timeout: 20,
            whileRunning: { _ in
                usleep(1_000_000)
                WatchCommandTests.sendUDP(port: 47999, count: 50)
            })
        #expect(result.status == 0, "\(result.stderr)")
        let windows = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(windows.count >= 2, "\(result.stdout)")  // windows close on the clock, busy or not
        let packets = windows.reduce(0) { $0 + ($1["packets"] as? Int ?? 0) }
        #expect(packets >= 50, "\(result.stdout)")
        #expect(windows.contains { ($0["udp_share"] as? Double) == 1 })
        #expect(result.stderr.contains("stats: received"))
        #expect(result.stderr.contains("dropped by kernel"))
    }

    @Test("SIGTERM stops cleanly with exit 0 and a final summary")
    func sigterm() throws {
        let result = try SentinelProcess.run(
            ["watch", "-i", "lo", "--filter", "udp port 47998"], timeout: 20,
            whileRunning: { process in
                usleep(1_500_000)
                process.terminate()
            })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Sentinel analysis of lo"))
        #expect(result.stderr.contains("stats: received"))
    }

    @Test("a BPF syntax error is reported with libpcap's message")
    func badFilter() throws {
        let result = try SentinelProcess.run(["watch", "-i", "lo", "--filter", "udp portt 5"], timeout: 20)
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad capture filter 'udp portt 5'"))
        #expect(result.stderr.contains("syntax error"))
    }

    @Test("an unknown interface is named in the error")
    func unknownInterface() throws {
        let result = try SentinelProcess.run(["watch", "-i", "nosuchif0", "--duration", "1"], timeout: 20)
        #expect(result.status == 2)
        #expect(result.stderr.contains("nosuchif0"))
    }

    static let setpriv = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    /// Whether user `nobody` can run the built binary (its folders must be searchable).
    static var nobodyCanRun: Bool {
        guard FileManager.default.isExecutableFile(atPath: setpriv[0]) else { return false }
        let probe = (try? SentinelProcess.run(["--version"], timeout: 20, prefix: setpriv))?.status
        return probe == 0
    }

    @Test(
        "without capture privileges it exits non-zero and says how to grant them",
        .enabled(if: WatchCommandTests.nobodyCanRun, "setpriv missing or binary not reachable by nobody"))
    func unprivileged() throws {
        let result = try SentinelProcess.run(["watch", "-i", "lo", "--duration", "1"], timeout: 20, prefix: Self.setpriv)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no permission to capture"), "\(result.stderr)")
        #expect(result.stderr.contains("setcap cap_net_raw,cap_net_admin+eip"))
    }
}
