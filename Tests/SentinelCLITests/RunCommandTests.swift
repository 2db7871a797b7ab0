import Foundation
import SentinelAlerts
import SentinelTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// `sentinel run` on loopback with a real webhook receiver; every run stops by itself.
@Suite("sentinel run", .serialized, .enabled(if: getuid() == 0, "live capture needs root (or CAP_NET_RAW)"))
struct RunCommandTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// A burst of TCP connection attempts (SYNs) to 127.0.0.1:`port`, where nothing listens
    /// (each answered by a RST): at most `count` and `seconds`.
    static func synBurst(port: UInt16, count: Int, seconds: Double) {
        let end = Date().addingTimeInterval(seconds)
        var sent = 0
        while sent < count && Date() < end {
            let fd = LoopbackSocket.stream()
            guard fd >= 0 else { return }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            LoopbackSocket.connect(fd, port: port)
            close(fd)
            sent += 1
        }
    }

    /// GET `url` (2 s timeout): status and body, or nil when nothing answers.
    static func fetch(_ url: String) -> (status: Int, body: String)? {
        let box = FetchBox()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 2
        URLSession.shared.dataTask(with: request) { data, response, _ in
            if let http = response as? HTTPURLResponse {
                box.result = (http.statusCode, String(decoding: data ?? Data(), as: UTF8.self))
            }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 5)
        return box.result
    }

    static func config(
        store: String, receiver: WebhookReceiver, port: UInt16, httpPort: UInt16 = 9466,
        filter: String? = nil
    ) -> String {
        """
        http:
          listen: "127.0.0.1:\(httpPort)"
        sentinel:
          window: 1
          store: \(store)
        capture:
          interfaces: [lo]
          filter: "\(filter ?? "udp port \(port) or icmp")"
        incidents:
          open_after: 1
          resolve_after: 2
        alerts:
          webhooks:
            - name: soc
              url: "\(receiver.url)"
              format: sentinel
              secret_env: SENTINEL_RUN_TEST_SECRET
              timeout: 3
        """
    }

    @Test("a flood on loopback opens an incident, stored and sent signed to the webhook; SIGTERM stops cleanly")
    func floodRaisesSignedAlert() throws {
        try TemporaryDirectory.with { dir in
            let receiver = try WebhookReceiver()
            defer { receiver.stop() }
            let port: UInt16 = 47_123
            let store = dir.file("sentinel.db")
            let httpPort = try LoopbackPort.free()  // a free port for the HTTP endpoint
            let configPath = try dir.write(
                Self.config(store: store, receiver: receiver, port: port, httpPort: httpPort), to: "sentinel.yaml")
            setenv("SENTINEL_RUN_TEST_SECRET", Self.secret, 1)
            let base = "http://127.0.0.1:\(httpPort)"
            let pages = FetchBox.Pages()
            let result = try SentinelProcess.run(
                ["run", "--config", configPath], timeout: 40,
                whileRunning: { process in
                    sleep(2)
                    // A burst of small UDP datagrams, at most 150,000 and 2.5 s.
                    LoopbackSocket.sendDatagrams(port: port, count: 150_000, size: 16, seconds: 2.5)
                    sleep(5)  // the incident resolves after two quiet windows; the outbox delivers each second
                    pages.healthz = Self.fetch(base + "/healthz")
                    pages.metrics = Self.fetch(base + "/metrics")
                    pages.status = Self.fetch(base + "/api/status")
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("sentinel stopped."))
            #expect(result.stdout.contains("incidents opened 1"), "\(result.stdout)")
            let requests = receiver.requests
            let opened = try #require(
                requests.first { $0.headers["webhook-id"]?.hasSuffix(":opened") == true },
                "no opened event among \(requests.count) requests; \(result.stdout)")
            let signer = WebhookSigner(secret: try WebhookSecret(text: Self.secret))
            #expect(signer.verify(headers: opened.headers, body: opened.body, now: Date().timeIntervalSince1970))
            let event = try JSONDecoder().decode(AlertEvent.self, from: opened.body)
            #expect(event.target == "lo")
            #expect(event.className != "normal")
            let listed = try SentinelProcess.run(["incidents", "--db", store, "--format", "json"])
            #expect(listed.status == 0)
            #expect(listed.stdout.contains(event.incidentID))

            // The HTTP endpoint, read while it ran.
            #expect(pages.healthz?.status == 200)
            let metrics = try #require(pages.metrics, "no answer on /metrics")
            #expect(metrics.status == 200)
            for name in [
                "sentinel_packets_total{interface=\"lo\"}", "# TYPE sentinel_windows_total counter",
                "sentinel_open_incidents", "sentinel_outbox_depth", "sentinel_alert_delivery_failures_total",
                "sentinel_analysis_lag_seconds", "sentinel_malformed_packets_total",
                "sentinel_capture_kernel_drops_total{interface=\"lo\"}", "sentinel_capture_interface_drops_total",
            ] {
                #expect(metrics.body.contains(name), "no \(name) in /metrics")
            }
            #expect(
                metrics.body.contains("sentinel_alerts_delivered_total 1") || metrics.body.contains("sentinel_alerts_delivered_total 2"))
            let statusPage = try #require(pages.status)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(statusPage.body.utf8)) as? [String: Any])
            #expect((document["recent_windows"] as? [[String: Any]])?.isEmpty == false)
            #expect(!statusPage.body.contains(Self.secret) && !metrics.body.contains(Self.secret))
        }
    }

    @Test("a bounded SYN burst on loopback is a syn_flood incident, announced once")
    func synBurstOpensIncident() throws {
        try TemporaryDirectory.with { dir in
            let receiver = try WebhookReceiver()
            defer { receiver.stop() }
            let port: UInt16 = 47_124
            let httpPort = try LoopbackPort.free()
            let configPath = try dir.write(
                Self.config(
                    store: dir.file("sentinel.db"), receiver: receiver, port: port, httpPort: httpPort,
                    filter: "tcp port \(port)"
                ), to: "sentinel.yaml")
            setenv("SENTINEL_RUN_TEST_SECRET", Self.secret, 1)
            let result = try SentinelProcess.run(
                ["run", "--config", configPath], timeout: 40,
                whileRunning: { process in
                    sleep(2)
                    Self.synBurst(port: port, count: 40_000, seconds: 2.5)
                    sleep(5)
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("incidents opened 1"), "\(result.stdout)")
            let events = receiver.requests.compactMap { try? JSONDecoder().decode(AlertEvent.self, from: $0.body) }
            let opened = events.filter { $0.kind == .opened }
            #expect(
                opened.count == 1 && opened.first?.className == "syn_flood" && opened.first?.target == "lo",
                "\(events.map { "\($0.kind) \($0.className)" })")
            #expect(opened.first?.topOffenders.first == "127.0.0.1")
        }
    }

    @Test("a configuration error stops the start with file:line; a missing secret variable names it")
    func startErrors() throws {
        try TemporaryDirectory.with { dir in
            let bad = try dir.write("sentinel:\n  window: fast\n", to: "bad.yaml")
            let a = try SentinelProcess.run(["run", "--config", bad, "--duration", "1"])
            #expect(a.status == 2)
            #expect(a.stderr.contains("\(bad):2:"), "\(a.stderr)")
            let noSecret = dir.file("nosecret.yaml")
            try """
            capture: { interfaces: [] }
            alerts:
              webhooks:
                - { name: soc, url: "http://127.0.0.1:9/hook", secret_env: SENTINEL_NO_SUCH_VARIABLE }
            """.write(toFile: noSecret, atomically: true, encoding: .utf8)
            let b = try SentinelProcess.run(["run", "--config", noSecret, "--duration", "1"])
            #expect(b.status == 2)
            #expect(b.stderr.contains("SENTINEL_NO_SUCH_VARIABLE"), "\(b.stderr)")
        }
    }
}

/// Carries results out of URLSession callbacks and the run's side thread.
final class FetchBox: @unchecked Sendable {
    var result: (status: Int, body: String)?

    final class Pages: @unchecked Sendable {
        var healthz: (status: Int, body: String)?
        var metrics: (status: Int, body: String)?
        var status: (status: Int, body: String)?
    }
}
