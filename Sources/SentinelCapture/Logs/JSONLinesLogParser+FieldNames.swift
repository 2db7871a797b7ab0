extension JSONLinesLogParser {
    /// The JSON keys a log uses for each record field. The defaults are nginx's variable
    /// names, as in `log_format json escape=json '{"time":"$time_iso8601",…}'`.
    public struct FieldNames: Equatable, Sendable {
        /// The time: an ISO 8601 string, epoch seconds (number or numeric string), or the
        /// `10/Oct/2000:13:55:36 -0700` form.
        public var time = "time"
        /// The client address.
        public var remoteAddress = "remote_addr"
        /// The method; when absent, it is taken from `request`.
        public var method = "method"
        /// The request target; when absent, it is taken from `request`.
        public var path = "path"
        /// The whole request line, `GET /x HTTP/1.1`.
        public var request = "request"
        /// The status (number or numeric string).
        public var status = "status"
        /// Bytes sent (number, numeric string, or `-`).
        public var bytes = "bytes"
        /// Request time in seconds.
        public var requestTime = "request_time"
        /// Upstream response time in seconds (a `0.1, 0.2` list is summed).
        public var upstreamResponseTime = "upstream_response_time"
        /// The user agent.
        public var userAgent = "user_agent"

        /// The default names; change the properties that differ.
        public init() {}
    }
}
