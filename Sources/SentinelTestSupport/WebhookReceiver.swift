import Foundation

/// A webhook receiver on 127.0.0.1 for tests: an ``HTTPRecorder`` that answers each request
/// with the next scripted status (then `defaultStatus`), `text/plain` `ok` or `error`.
///
/// `stop()` closes the port; a new receiver can then be started on the same port to model a
/// receiver coming back.
public final class WebhookReceiver: @unchecked Sendable {
    /// One recorded request.
    public typealias Request = HTTPRecorder.Request

    /// The statuses still to give, shared with the recorder's thread.
    private final class Script: @unchecked Sendable {
        private let lock = NSLock()
        private var statuses: [Int]
        private let fallback: Int

        init(_ statuses: [Int], fallback: Int) {
            self.statuses = statuses
            self.fallback = fallback
        }

        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            return statuses.isEmpty ? fallback : statuses.removeFirst()
        }
    }

    private let recorder: HTTPRecorder

    /// The port it listens on.
    public var port: UInt16 { recorder.port }
    /// `http://127.0.0.1:<port>/hook`.
    public var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Starts listening.
    /// - Parameters:
    ///   - port: the port (0: any free one).
    ///   - statuses: statuses for the first requests, in order (e.g. `[503, 503]`).
    ///   - defaultStatus: the status once `statuses` is used up.
    ///   - responseDelay: seconds to hold each request (recorded at once) before answering,
    ///     at most 30: a slow receiver, or one a sender dies waiting for.
    public init(port: UInt16 = 0, statuses: [Int] = [], defaultStatus: Int = 200, responseDelay: Double = 0) throws {
        let script = Script(statuses, fallback: defaultStatus)
        recorder = try HTTPRecorder(port: port, responseDelay: responseDelay) { _ in
            let status = script.next()
            return HTTPRecorder.Response(status: status, contentType: "text/plain", body: status < 300 ? "ok" : "error")
        }
    }

    /// The requests received so far, in arrival order.
    public var requests: [Request] { recorder.requests }

    /// Waits, 0.1 s at a time and at most 10 s, until a first request has arrived.
    public func waitForFirstRequest() {
        for _ in 0..<100 where requests.isEmpty { usleep(100_000) }
    }

    /// Stops accepting and closes the port (waits up to 2 s for the thread).
    public func stop() { recorder.stop() }
}
