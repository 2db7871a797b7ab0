import Foundation
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The HTTP endpoint cannot be made to hold the process's descriptors (issue 16: 1,100 idle
/// connections at the usual 1,024 limit stopped `/metrics`, the deliveries and the incident ids).
@Suite("sentinel run: the HTTP endpoint's limits")
struct HTTPEndpointLimitsTests {
    /// Opens a TCP connection to 127.0.0.1:`port` and sends nothing; -1 when refused.
    static func idleConnection(port: UInt16) -> Int32 {
        let fd = LoopbackSocket.stream()
        guard fd >= 0 else { return -1 }
        if LoopbackSocket.connect(fd, port: port) != 0 {
            close(fd)
            return -1
        }
        return fd
    }

    /// Open descriptors of process `pid`.
    static func descriptors(_ pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }

    @Test("200 idle connections hold at most 64 of the sentinel's descriptors, each closed after 10 s idle")
    func idleConnectionsAreCappedAndClosed() throws {
        try TemporaryDirectory.with { dir in
            let log = dir.emptyFile("access.log")
            let httpPort = try RunLogTests.freePort()
            let config = try dir.write(
                LossRegressionTests.config(store: dir.file("sentinel.db"), log: log, httpPort: httpPort), to: "sentinel.yaml")
            let observed = FetchBox.Pages()
            let counts = DescriptorCounts()
            let result = try SentinelProcess.run(
                ["run", "--config", config], timeout: 60,
                whileRunning: { process in
                    let pid = process.processIdentifier
                    var healthy: (status: Int, body: String)?
                    for _ in 0..<50 where healthy == nil {
                        usleep(100_000)
                        healthy = RunCommandTests.fetch("http://127.0.0.1:\(httpPort)/healthz")
                    }
                    counts.before = Self.descriptors(pid)
                    let sockets = (0..<200).map { _ in Self.idleConnection(port: httpPort) }
                    sleep(2)
                    counts.held = Self.descriptors(pid)
                    // Past the idle timeout the first 64 are closed and the next ones from the
                    // backlog take their place: still at most 64.
                    sleep(11)
                    counts.after = Self.descriptors(pid)
                    // The clients give up: everything they held is released and the endpoint answers.
                    for fd in sockets where fd >= 0 { close(fd) }
                    sleep(1)
                    observed.healthz = RunCommandTests.fetch("http://127.0.0.1:\(httpPort)/healthz")
                    kill(pid, SIGTERM)
                })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(counts.before > 0)
            #expect(counts.held - counts.before <= 64 + 2, "held \(counts.held), before \(counts.before)")
            #expect(counts.after - counts.before <= 64 + 2, "after \(counts.after), before \(counts.before)")
            #expect(observed.healthz?.status == 200, "no answer once the idle clients left")
        }
    }
}

/// Descriptor counts read while the sentinel runs.
final class DescriptorCounts: @unchecked Sendable {
    var before = 0
    var held = 0
    var after = 0
}
