import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import Synchronization

/// The sentinel's HTTP endpoint (Hummingbird): `/metrics` in the Prometheus text format,
/// `/healthz`, and `/api/status` (JSON: the latest windows and the open incidents). It binds
/// where the configuration says (loopback by default) and shows no secret.
///
/// It holds at most ``maximumConnections`` connections and closes one idle for
/// ``idleTimeoutSeconds``: idle clients cannot take the process's file descriptors, which the
/// capture, the store and the webhook deliveries need (issue 16). A request's head must arrive
/// within ``headerTimeoutSeconds`` and stay within the decoder's limits, its body within
/// ``maximumBodyBytes`` (``RequestLimitHandler``); off loopback, a bearer token is required
/// (``EndpointAccess``).
package final class StatusServer: @unchecked Sendable {
    /// The most connections served at once; further ones wait in the listen backlog.
    package static let maximumConnections = 64
    /// Seconds after which a connection with no request is closed.
    package static let idleTimeoutSeconds: Int64 = 10
    /// Seconds a request head may take to arrive, from the connection's start or the previous
    /// response.
    package static let headerTimeoutSeconds: Int64 = 5
    /// The largest request body accepted (no route reads one).
    package static let maximumBodyBytes = 16 * 1024
    /// The largest header field, all header fields together, and the most fields.
    package static let headerLimits = (fieldBytes: 8 * 1024, totalBytes: 16 * 1024, fields: 64)

    private var task: Task<Void, any Error>?
    /// Where the server's tasks run: a thread of their own, never waiting for the cooperative pool.
    private static let executor = ServerThreadExecutor(name: "sentinel-http")
    private var group: ServiceGroup?
    private var finished: DispatchSemaphore?
    private let status: RuntimeStatus
    private let host: String
    private let port: Int
    private let listen: String
    /// Who may use the endpoint; a reload (`SIGHUP`) replaces it with a re-read token.
    private let access: Mutex<EndpointAccess>

    /// Prepares a server for `listen` (`host:port` or `[v6]:port`), open to the requests
    /// `access` allows.
    package init(listen: String, status: RuntimeStatus, access: EndpointAccess = .open) {
        self.status = status
        self.listen = listen
        self.access = Mutex(access)
        if listen.hasPrefix("["), let close = listen.firstIndex(of: "]") {
            host = String(listen[listen.index(after: listen.startIndex)..<close])
            port = Int(listen[listen.index(after: close)...].dropFirst()) ?? 9466
        } else {
            let parts = listen.split(separator: ":", maxSplits: 1)
            host = parts.first.map(String.init) ?? "127.0.0.1"
            port = parts.count > 1 ? Int(parts[1]) ?? 9466 : 9466
        }
    }

    /// Requests are checked against `access` from now on (a token re-read on a reload).
    package func replaceAccess(_ access: EndpointAccess) {
        self.access.withLock { $0 = access }
    }

    /// Starts serving in the background, once the address is bound.
    /// - Parameter timeout: how long to wait for the listening socket.
    /// - Throws: ``RuntimeError/cannotListen(address:reason:)`` when the address cannot be
    ///   bound (a busy port) or the server does not come up in time: the sentinel must not
    ///   announce an endpoint nobody can reach.
    package func start(timeout: Double = 10) throws {
        let router = Router()
        router.add(middleware: BearerTokenMiddleware(access: { [self] in access.withLock { $0 } }))
        let status = self.status
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/metrics") { _, _ -> Response in
            let text = MetricsText.render(status.current, now: Date().timeIntervalSince1970)
            return Response(
                status: .ok, headers: [.contentType: MetricsText.contentType],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/api/status") { _, _ -> Response in
            let s = status.current
            let object = StatusDocument(
                started: s.started, openIncidents: s.incidents, outboxDepth: s.outboxDepth,
                windowsByVerdict: s.windowsByVerdict, recentWindows: s.recent)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let outcome = StartOutcome()
        // The sentinel logs its own start line with the address; Hummingbird's own lines are
        // kept for warnings and errors unless the log asks for debug.
        var logger = Logger(label: "Hummingbird")
        logger.logLevel = logger.logLevel <= .debug ? logger.logLevel : max(logger.logLevel, .warning)
        let app = Application(
            router: router,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        RequestLimitHandler(headerTimeout: .seconds(Self.headerTimeoutSeconds), maximumBody: Self.maximumBodyBytes)
                    ],
                    idleTimeout: .seconds(Self.idleTimeoutSeconds),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: Self.headerLimits.fieldBytes, maxHeaderListSize: Self.headerLimits.totalBytes,
                        maxHeaderFieldCount: Self.headerLimits.fields))),
            configuration: .init(
                address: .hostname(host, port: port),
                availableConnectionsDelegate: MaximumAvailableConnections(Self.maximumConnections)),
            onServerRunning: { _ in outcome.settle(nil) }, logger: logger)
        // A service group, so ``stop()`` can shut the server down gracefully: cancelling its
        // task instead made Hummingbird log two errors at every clean stop.
        let group = ServiceGroup(services: [app], logger: app.logger)
        let finished = DispatchSemaphore(value: 0)
        self.group = group
        self.finished = finished
        task = Task(executorPreference: Self.executor) {
            defer { finished.signal() }
            do {
                try await group.run()
                outcome.settle("the server stopped")
            } catch {
                outcome.settle("\(error)")
                throw error
            }
        }
        guard let result = outcome.wait(seconds: timeout) else {
            stop()
            throw RuntimeError.cannotListen(address: listen, reason: "not listening after \(timeout) s")
        }
        if let failure = result {
            stop()
            throw RuntimeError.cannotListen(address: listen, reason: failure)
        }
    }

    /// Stops serving: a graceful shutdown, waited for up to two seconds (then cancelled).
    package func stop() {
        if let group, let finished {
            Task { await group.triggerGracefulShutdown() }
            if finished.wait(timeout: .now() + 2) == .timedOut { task?.cancel() }
        } else {
            task?.cancel()
        }
        task = nil
        group = nil
        finished = nil
    }
}

/// How the start of the server ended: listening (nil) or a failure, first one wins.
private final class StartOutcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: String??

    func settle(_ failure: String?) {
        condition.lock()
        if result == nil { result = .some(failure) }
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome, or nil when nothing happened within `seconds`.
    func wait(seconds: Double) -> String?? {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while result == nil, condition.wait(until: deadline) {}
        return result
    }
}

/// The `/api/status` document.
struct StatusDocument: Codable {
    var started: Double
    var openIncidents: [String]
    var outboxDepth: Int
    var windowsByVerdict: [String: UInt64]
    var recentWindows: [RuntimeStatus.WindowSummary]

    enum CodingKeys: String, CodingKey {
        case started
        case openIncidents = "open_incidents"
        case outboxDepth = "outbox_depth"
        case windowsByVerdict = "windows_by_verdict"
        case recentWindows = "recent_windows"
    }
}
