/// One request from a web server or proxy access log, whatever the log's format.
public struct AccessLogRecord: Equatable, Sendable {
    /// When the request was logged, in seconds since 1970-01-01 UTC.
    public var timestamp: Double
    /// The client's address as logged (an IP address, without the port).
    public var clientAddress: String
    /// The HTTP method (`GET`, `POST`…); empty when the request line was not
    /// `METHOD target [protocol]` (e.g. `-`, or TLS bytes sent to a plain-HTTP port).
    public var method: String
    /// The request target (`/a.gif?x=1`); the whole raw request line when `method` is empty.
    public var path: String
    /// The HTTP status sent (HAProxy logs `-1` when no response was sent).
    public var status: Int
    /// Bytes sent to the client; `nil` when logged as `-`.
    public var bytes: Int?
    /// Total time of the request in seconds, when the log has it.
    public var requestTime: Double?
    /// Time spent waiting for the upstream (backend) in seconds, when the log has it.
    public var upstreamResponseTime: Double?
    /// The client's `User-Agent`; `nil` when absent or logged as `-`.
    public var userAgent: String?

    /// Creates a record from its fields.
    public init(
        timestamp: Double, clientAddress: String, method: String, path: String, status: Int,
        bytes: Int? = nil, requestTime: Double? = nil, upstreamResponseTime: Double? = nil,
        userAgent: String? = nil
    ) {
        self.timestamp = timestamp
        self.clientAddress = clientAddress
        self.method = method
        self.path = path
        self.status = status
        self.bytes = bytes
        self.requestTime = requestTime
        self.upstreamResponseTime = upstreamResponseTime
        self.userAgent = userAgent
    }
}
