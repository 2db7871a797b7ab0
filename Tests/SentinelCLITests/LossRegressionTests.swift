import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 16's silent losses, through `sentinel run`: nothing crashed, but data was lost or
/// wrong and the operator was not told.
@Suite("Loss regressions (issue 16)", .serialized)
struct LossRegressionTests {
    /// `sentinel run` on one access log, no capture and no alerts: incidents open after two
    /// windows and resolve after `resolveAfter` quiet ones.
    static func config(
        store: String, log: String, httpPort: UInt16, listen: String? = nil, format: String = "combined", resolveAfter: Int = 2
    ) -> String {
        """
        http:
          listen: "\(listen ?? "127.0.0.1:\(httpPort)")"
        sentinel:
          window: 1
          store: \(store)
        capture:
          interfaces: []
        logs:
          - { path: \(log), format: \(format) }
        incidents:
          open_after: 2
          resolve_after: \(resolveAfter)
          cooldown: 0
        """
    }

    /// An empty access log in `dir` (`access.jsonl` for the `json` format, else `access.log`) and
    /// a ``config(store:log:httpPort:listen:format:)`` that tails it, on `httpPort` (default: a free port).
    static func site(in dir: TemporaryDirectory, format: String = "combined", httpPort: UInt16? = nil) throws -> (
        log: String, config: String
    ) {
        let log = dir.emptyFile(format == "json" ? "access.jsonl" : "access.log")
        let config = try dir.write(
            Self.config(store: dir.file("sentinel.db"), log: log, httpPort: try httpPort ?? RunLogTests.freePort(), format: format),
            to: "sentinel.yaml")
        return (log, config)
    }

    /// The count after `windows <log>:` in the run's report.
    static func windows(_ stdout: String, log: String) -> Int {
        let line = stdout.split(separator: "\n").first { $0.contains("windows \(log):") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    @Test("one combined line dated years ahead is skipped and counted; the log windows go on")
    func lineYearsAhead() throws {
        try TemporaryDirectory.with { dir in
            let (log, config) = try Self.site(in: dir)
            let result = try SentinelProcess.run(
                ["run", "--config", config], timeout: 40,
                whileRunning: { process in
                    sleep(1)
                    let future = LiveAccessLog.line(
                        client: 3, status: 200, latency: 0.01,
                        date: Date().addingTimeInterval(10 * 365 * 86_400))
                    if let handle = FileHandle(forWritingAtPath: log) {
                        handle.seekToEndOfFile()
                        handle.write(Data(future.utf8))
                        handle.closeFile()
                    }
                    try? LiveAccessLog(path: log).play([.init(seconds: 6)])
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("skipped 1\n"), "\(result.stdout)")
            // About one window a second for the 7 s run; stopped windows gave 3 at most.
            #expect(Self.windows(result.stdout, log: log) >= 5, "\(result.stdout)")
        }
    }

    @Test("an incident restored after a restart resolves at its last attack window, not at its open time")
    func restoredIncidentEnd() throws {
        try TemporaryDirectory.with { dir in
            let log = dir.emptyFile("access.log")
            let store = dir.file("sentinel.db")
            let opened = (Date().timeIntervalSince1970 - 120).rounded(.down)
            do {
                // What the previous run left: an open incident and its attack windows.
                let database = try SentinelDatabase(path: store)
                try database.openIncident(
                    StoredIncident(
                        id: "restored-1", className: "error_spike", target: log,
                        opened: opened, windows: 2, peakConfidence: 0.9))
                for k in 0..<20 {
                    try database.insert(
                        StoredWindow(
                            start: opened + Double(k), end: opened + Double(k + 1), packets: 50,
                            features: [:], verdict: "error_spike", confidence: 0.9, source: log))
                }
            }
            let config = try dir.write(Self.config(store: store, log: log, httpPort: try RunLogTests.freePort()), to: "sentinel.yaml")
            let result = try SentinelProcess.run(
                ["run", "--config", config], timeout: 40,
                whileRunning: { process in
                    sleep(1)
                    try? LiveAccessLog(path: log).play([.init(seconds: 5)])
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("resolved 1"), "\(result.stdout)")
            let incident = try #require(try SentinelDatabase(path: store, readOnly: true).incident(id: "restored-1"))
            #expect(incident.resolved == opened + 20, "opened \(opened), resolved \(String(describing: incident.resolved))")
        }
    }

    @Test("a busy http.listen port stops the start with exit 2 and the address, before announcing anything")
    func busyListenPort() throws {
        try TemporaryDirectory.with { dir in
            let busy = try WebhookReceiver()  // holds the port
            defer { busy.stop() }
            let config = try Self.site(in: dir, httpPort: busy.port).config
            let result = try SentinelProcess.run(["run", "--config", config, "--duration", "3"], timeout: 30)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("http.listen 127.0.0.1:\(busy.port): cannot listen"), "\(result.stderr)")
            #expect(!result.stderr.contains(" started "), "\(result.stderr)")
        }
    }
}
