import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 that records every request and answers with what a
/// responder closure returns (status, content type, body): a stand-in for an API server
/// (the Kubernetes scale subresource) or a controller.
///
/// One background thread accepts connections one at a time, reads a request (headers plus
/// `Content-Length` body, at most 1 MiB, 2 s read timeout), records it, answers and closes
/// (`Connection: close`). `stop()` closes the port.
public final class HTTPRecorder: @unchecked Sendable {
    /// One recorded request.
    public struct Request: Sendable, Equatable {
        /// The HTTP method.
        public var method: String
        /// The request target (path and query).
        public var path: String
        /// Headers, names lower-cased (a repeated header keeps its last value).
        public var headers: [String: String]
        /// The body bytes.
        public var body: Data
    }

    /// An answer.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// The `Content-Type` header.
        public var contentType: String
        /// The body.
        public var body: Data

        /// Creates an answer.
        public init(status: Int = 200, contentType: String = "application/json", body: String = "") {
            self.status = status
            self.contentType = contentType
            self.body = Data(body.utf8)
        }
    }

    /// Why a recorder could not start.
    public typealias StartError = LoopbackListener.StartError

    /// The port it listens on.
    public var port: UInt16 { listener.port }
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let lock = NSLock()
    private var recorded: [Request] = []
    private let responder: @Sendable (Request) -> Response
    private let responseDelay: Double
    private let listener: LoopbackListener

    /// Starts listening.
    /// - Parameters:
    ///   - port: the port (0: any free one).
    ///   - responseDelay: seconds to hold each request (recorded at once) before answering, at most 30.
    ///   - responder: the answer for each request.
    public init(
        port: UInt16 = 0, responseDelay: Double = 0,
        responder: @escaping @Sendable (Request) -> Response = { _ in Response() }
    ) throws {
        self.responder = responder
        self.responseDelay = min(max(0, responseDelay), 30)
        listener = try LoopbackListener(port: port, backlog: 16)
        listener.start(name: "HTTPRecorder") { [self] connection in handle(connection) }
    }

    deinit { stop() }

    /// The requests received so far, in arrival order.
    public var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    /// Stops accepting and closes the port (waits up to 2 s for the thread).
    public func stop() { listener.stop(waiting: 2) }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let separator = Data("\r\n\r\n".utf8)
        var request: Request?
        var bodyStart = 0
        var bodyLength = 0
        for _ in 0..<1_000 {  // bounded: at most 1 000 reads per request
            if let head = request {
                if buffer.count - bodyStart >= bodyLength {
                    var complete = head
                    complete.body = buffer.subdata(in: bodyStart..<(bodyStart + bodyLength))
                    respond(connection, recording: complete)
                    return
                }
            } else if let range = buffer.range(of: separator) {
                guard let parsed = Self.parseHead(buffer.subdata(in: 0..<range.lowerBound)) else { return }
                request = parsed
                bodyStart = range.upperBound
                bodyLength = min(Int(parsed.headers["content-length"] ?? "0") ?? 0, 1 << 20)
                if parsed.headers["expect"]?.lowercased() == "100-continue" {
                    Self.write(connection, "HTTP/1.1 100 Continue\r\n\r\n")
                }
                continue
            }
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            buffer.append(contentsOf: chunk[0..<count])
            if buffer.count > (1 << 20) + 65_536 { return }
        }
    }

    private func respond(_ connection: Int32, recording request: Request) {
        lock.lock()
        recorded.append(request)
        lock.unlock()
        let answer = responder(request)
        var waited = 0.0
        while waited < responseDelay && !listener.isStopping {
            usleep(50_000)
            waited += 0.05
        }
        var bytes = Data(
            ("HTTP/1.1 \(answer.status) \(Self.reason(answer.status))\r\nContent-Type: \(answer.contentType)\r\n"
                + "Content-Length: \(answer.body.count)\r\nConnection: close\r\n\r\n").utf8)
        bytes.append(answer.body)
        Self.write(connection, bytes)
    }

    private static func write(_ connection: Int32, _ text: String) { write(connection, Data(text.utf8)) }

    private static func write(_ connection: Int32, _ data: Data) {
        let bytes = Array(data)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            sent += count
        }
    }

    private static func parseHead(_ data: Data) -> Request? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = text.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: Data())
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 400: return "Bad Request"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}
